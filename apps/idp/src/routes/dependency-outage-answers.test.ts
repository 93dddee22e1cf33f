import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerErrorHandling } from './error-handling.ts';
import { healthRoutes } from './health.ts';

async function appThrowing(error: Error) {
  const fastify = Fastify({ logger: false });
  registerErrorHandling(fastify, { platformName: '统一身份认证平台', demo: false });
  fastify.get('/work', async () => {
    throw error;
  });
  return fastify;
}

describe('storage outage answers', () => {
  it('answers a PostgreSQL connection ended by the server with 503, Retry-After and 服务暂时不可用', async () => {
    const fastify = await appThrowing(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
    const response = await fastify.inject('/work');
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后重试', retryAfter: 5 } });
  });

  it('shows a browser opening a page the outage as an HTML page in the portal’s frame, same status, no internals', async () => {
    const fastify = await appThrowing(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }));
    const response = await fastify.inject({ url: '/work', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<h1>页面暂时无法显示</h1>');
    expect(response.body).toContain('<p>服务暂时不可用，请稍后重试</p>');
    expect(response.body).toContain('href="/">返回首页</a>');
    expect(response.body).not.toMatch(/ECONNREFUSED|10\.0\.0\.5|SERVICE_UNAVAILABLE/);
  });

  it('keeps a programming error a 500 that says nothing about it', async () => {
    const fastify = await appThrowing(new TypeError("Cannot read properties of undefined (reading 'id')"));
    const response = await fastify.inject('/work');
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('INTERNAL_ERROR');
  });

  it('reports a check that never answers as unavailable, by name, without waiting for it', async () => {
    const fastify = Fastify({ logger: false });
    await fastify.register(healthRoutes, { checks: { database: () => new Promise(() => undefined), keyValue: async () => 'ok' } });
    const response = await fastify.inject('/readyz');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'unavailable', checks: { database: 'unavailable', keyValue: 'ok' } });
  });
});
