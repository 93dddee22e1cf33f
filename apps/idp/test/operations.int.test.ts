import { request } from 'node:http';
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
  it("answer in the platform error shape, never Fastify's own", async () => {
    for (const path of ['/app/api/qr/%ZZ/scan', `/app/api/sessions/${'x'.repeat(3000)}/revoke`]) {
      const response = await fetch(`${rp.t.baseUrl}${path}`, { method: 'POST' });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: '请求的资源不存在' } });
    }
  });
});

/** GET with the path sent as written: fetch would resolve `..` and `.` segments before sending. */
function rawGet(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; location?: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname, port, path, method: 'GET', headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, ...(response.headers.location ? { location: response.headers.location } : {}) }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('static file paths', () => {
  it('serve the files that exist', async () => {
    const response = await rawGet(rp.t.baseUrl, '/static/pages.css');
    expect(response.status).toBe(200);
  });

  it('answer 404 NOT_FOUND, not BODY_INVALID, for names the file server refuses (NUL, traversal, dot segments)', async () => {
    const paths = [
      '/assets/%00',
      '/assets/x%00.js',
      '/static/%00',
      '/app/assets/%00',
      '/assets/../../package.json',
      '/static/a/../../../etc/passwd',
      '/static/../pages.css',
      '/assets/.',
      '/assets/..',
      '/assets/a%5c..%5cb',
      '/assets/missing.js',
    ];
    for (const path of paths) {
      const response = await rawGet(rp.t.baseUrl, path);
      expect({ path, status: response.status, body: JSON.parse(response.body) }).toEqual({ path, status: 404, body: { error: { code: 'NOT_FOUND', message: '请求的资源不存在' } } });
    }
  });
});

describe('published URLs', () => {
  // The test platform trusts any proxy (UIA_TRUST_PROXY=true), so the forwarded headers are believed as far as they ever are.
  const foreignHosts: Record<string, string>[] = [
    { host: 'evil.example' },
    { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    { host: 'evil.example:8443', 'x-forwarded-host': 'evil.example' },
  ];

  it('come from PUBLIC_URL whatever host the request names: discovery, JWKS, the authorization redirect', async () => {
    const authorize = `/oidc/auth?${new URLSearchParams({ client_id: 'edu-portal', response_type: 'code', scope: 'openid', redirect_uri: 'http://localhost:3001/callback', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', state: 'canonical-origin' }).toString()}`;
    for (const headers of foreignHosts) {
      const discovery = await rawGet(rp.t.baseUrl, '/oidc/.well-known/openid-configuration', headers);
      expect(discovery.status).toBe(200);
      expect(discovery.body).not.toContain('evil.example');
      const document = JSON.parse(discovery.body) as Record<string, unknown>;
      expect(document.issuer).toBe(rp.t.issuer);
      expect(document.jwks_uri).toBe(`${rp.t.issuer}/jwks`);
      expect(document.authorization_endpoint).toBe(`${rp.t.issuer}/auth`);
      expect(document.end_session_endpoint).toBe(`${rp.t.issuer}/session/end`);

      const jwks = await rawGet(rp.t.baseUrl, '/oidc/jwks', headers);
      expect(jwks.status).toBe(200);

      const redirect = await rawGet(rp.t.baseUrl, authorize, headers);
      expect(redirect.status).toBe(303);
      expect(new URL(redirect.location!, rp.t.baseUrl).origin).toBe(rp.t.baseUrl);
    }
  });
});
