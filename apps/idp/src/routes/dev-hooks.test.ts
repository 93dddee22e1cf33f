import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '../adapters/key-value/memory-key-value-store.ts';
import { DevOutboxSmsSender } from '../adapters/sms/index.ts';
import { CaptchaService } from '../services/captcha/captcha-service.ts';
import { devHookRoutes } from './dev-hooks.ts';

async function app(withOutbox: boolean) {
  const store = new MemoryKeyValueStore();
  const outbox = withOutbox ? new DevOutboxSmsSender(store) : null;
  const fastify = Fastify();
  await fastify.register(devHookRoutes, { outbox, captcha: new CaptchaService(store) });
  return { fastify, outbox };
}

describe('dev hooks', () => {
  it('lists the dev outbox at /dev/sms', async () => {
    const { fastify, outbox } = await app(true);
    await outbox!.send({ to: '13800000001', template: 'register', params: { code: '123456' }, text: 't' });
    const response = await fastify.inject('/dev/sms');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([expect.objectContaining({ to: '13800000001', code: '123456' })]);
  });

  it('has no /dev/sms when a real vendor sends (a demo trying its account)', async () => {
    const { fastify } = await app(false);
    expect((await fastify.inject('/dev/sms')).statusCode).toBe(404);
  });
});
