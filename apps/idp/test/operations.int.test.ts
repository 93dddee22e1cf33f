import { describe, expect, it } from 'vitest';
import { Browser } from './harness.ts';
import { passwordLogin, useRelyingPartyPlatform } from './relying-party.ts';

const rp = useRelyingPartyPlatform();

describe('health and metrics', () => {
  it('answers liveness and readiness with the storage checks', async () => {
    expect(await (await fetch(`${rp.t.baseUrl}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${rp.t.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', keyValue: 'ok' } });
  });

  it('exposes Prometheus metrics by route pattern and authentication decision, with no codes or personal data', async () => {
    await passwordLogin(new Browser(rp.t.baseUrl), rp.config, '13800000001', 'Demo@2026pw');
    const response = await fetch(`${rp.t.baseUrl}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/uia_auth_decisions_total\{type="login.password",outcome="success"\} [1-9]/);
    expect(text).toMatch(/uia_http_requests_total\{method="POST",route="\/interaction\/:uid\/login",status="200"\} [1-9]/);
    expect(text).toContain('uia_process_cpu_seconds_total');
    expect(text).not.toContain('13800000001');
    // No query strings, interaction ids or captcha ids in labels: routes appear as patterns only.
    expect(text).not.toMatch(/code=|uid=|(?<!\w)c_[\w-]{22}/);
  });
});

describe('URLs the router itself refuses', () => {
  it('answer in the platform error shape, never Fastify\'s own', async () => {
    for (const path of ['/app/api/qr/%ZZ/scan', `/app/api/sessions/${'x'.repeat(3000)}/revoke`]) {
      const response = await fetch(`${rp.t.baseUrl}${path}`, { method: 'POST' });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: '请求的资源不存在' } });
    }
  });
});
