// 三员分立's authorisation matrix: every route registered under /api/console × every console role,
// a former administrator (role revoked, console cookie kept), an ordinary citizen (user-center
// session) and no session → allowed, 401 or 403, from the rule table below. A console route
// without a rule fails this test, and so does a rule for a route that no longer exists.
import type { RouteOptions } from 'fastify';
import { CONSOLE_PATHS, CONSOLE_ROLES, type ConsoleRole } from '@uia/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, DEMO_ADMINISTRATORS, DEMO_AGENT_ACCOUNT } from '../src/demo/demo-data.ts';
import { loggedInConsole } from './console-helpers.ts';
import { Browser, startTestPlatform, type TestPlatform } from './harness.ts';
import { userCenterLogin } from './user-center-helpers.ts';

/** Which role may call each console route (`any`: every console role). */
const RULES: Record<string, ConsoleRole | 'any'> = {
  'GET /api/console/me': 'any',
  'GET /api/console/roles': 'security',
  'POST /api/console/roles': 'security',
  'POST /api/console/roles/:accountId/revoke': 'security',
  'GET /api/console/clients': 'system',
  'POST /api/console/clients': 'system',
  'GET /api/console/clients/:clientId': 'system',
  'PUT /api/console/clients/:clientId': 'system',
  'DELETE /api/console/clients/:clientId': 'system',
  'POST /api/console/clients/:clientId/disable': 'system',
  'POST /api/console/clients/:clientId/enable': 'system',
  'POST /api/console/clients/:clientId/rotate-secret': 'system',
  'POST /api/console/signing-keys/rotate': 'system',
  'GET /api/console/health': 'system',
  'POST /api/console/accounts/find': 'security',
  'GET /api/console/accounts/:id': 'security',
  'POST /api/console/accounts/:id/unlock': 'security',
  'POST /api/console/accounts/:id/disable': 'security',
  'POST /api/console/accounts/:id/enable': 'security',
  'POST /api/console/accounts/:id/end-sessions': 'security',
  'POST /api/console/accounts/:id/in-person-check': 'security',
  'GET /api/console/audit/events': 'audit',
  'GET /api/console/audit/events.csv': 'audit',
  'POST /api/console/audit/verify': 'audit',
  'POST /api/console/audit/subject': 'audit',
};

type Caller = ConsoleRole | 'former administrator' | 'citizen' | 'no session';

/** What a caller gets from a route the rule gives to `allowed`: through (any answer but 401/403) or the refusal's status and code. */
function expected(caller: Caller, allowed: ConsoleRole | 'any'): 'through' | { status: number; code: string } {
  if (caller === 'no session' || caller === 'citizen') return { status: 401, code: 'CONSOLE_LOGIN_REQUIRED' };
  if (caller === 'former administrator') return { status: 403, code: 'CONSOLE_ROLE_REQUIRED' };
  return allowed === 'any' || allowed === caller ? 'through' : { status: 403, code: 'CONSOLE_ROLE_REQUIRED' };
}

/**
 * An allowed call: through, unless refused (401/403). Made-up parameters and empty bodies are bad
 * input, so an answer of 400 or more must be the platform's error shape: a code and a Chinese message.
 */
function throughOrRefused(status: number, body: { error?: { code: string; message: string } }): string {
  if ([401, 403].includes(status)) return `refused ${status}`;
  if (status >= 400 && !(/^[A-Z_]+$/.test(body.error?.code ?? '') && /\p{Script=Han}/u.test(body.error?.message ?? ''))) return `${status} without the error shape`;
  return 'through';
}

describe(`console authorisation matrix (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  const routes: { method: string; url: string }[] = [];
  const callers = new Map<Caller, Browser>();
  let t: TestPlatform;

  beforeAll(async () => {
    t = await startTestPlatform({
      onRoute: (route: RouteOptions) => {
        for (const method of [route.method].flat()) {
          if (method !== 'HEAD' && route.url.startsWith(`${CONSOLE_PATHS.api}/`)) routes.push({ method, url: route.url });
        }
      },
    });
    for (const role of CONSOLE_ROLES) {
      const administrator = DEMO_ADMINISTRATORS.find((person) => person.role === role)!;
      callers.set(role, await loggedInConsole(t, administrator));
    }
    // A person whose role was revoked after their console login still holds the cookie.
    const security = callers.get('security')!;
    const granted = await security.json('/api/console/roles', { json: { identifier: DEMO_AGENT_ACCOUNT.username, role: 'audit' } });
    callers.set('former administrator', await loggedInConsole(t, DEMO_AGENT_ACCOUNT));
    await security.json(`/api/console/roles/${granted.body.holder.accountId}/revoke`, { json: {} });
    const citizen = new Browser(t.baseUrl);
    await userCenterLogin(citizen, DEMO_ACCOUNT.username, DEMO_ACCOUNT.password);
    callers.set('citizen', citizen);
    callers.set('no session', new Browser(t.baseUrl));
  });
  afterAll(async () => {
    await t.stop();
  });

  it('every console route has a rule, and every rule a route', () => {
    const registered = routes.map(({ method, url }) => `${method} ${url}`);
    expect(
      registered.filter((route) => !(route in RULES)),
      'console routes without a rule in RULES',
    ).toEqual([]);
    expect(
      Object.keys(RULES).filter((rule) => !registered.includes(rule)),
      'rules for routes that are not registered',
    ).toEqual([]);
  });

  it('each route answers each caller as its rule says', async () => {
    const outcomes: string[] = [];
    for (const { method, url } of routes) {
      const allowed = RULES[`${method} ${url}`]!;
      // Parameters name nothing that exists and bodies are empty: an allowed call is refused by validation or not found (in
      // the platform's error shape); the one allowed write without parameters (a signing-key rotation) only adds keys here.
      const path = url.replace(/:\w+/g, 'matrix-test');
      for (const [caller, browser] of callers) {
        const response = await browser.request(path, { method, ...(method === 'GET' ? {} : { json: {} }) });
        const body = (response.headers.get('content-type')?.includes('json') ? await response.json() : {}) as { error?: { code: string; message: string } };
        const want = expected(caller, allowed);
        const got = want === 'through' ? throughOrRefused(response.status, body) : { status: response.status, code: body.error?.code };
        outcomes.push(`${method} ${url} as ${caller}: ${JSON.stringify(got) === JSON.stringify(want) ? 'as ruled' : `${JSON.stringify(got)}, ruled ${JSON.stringify(want)}`}`);
      }
    }
    expect(outcomes.filter((outcome) => !outcome.endsWith('as ruled'))).toEqual([]);
    // The matrix: every route × the three roles, a former administrator, a citizen, no session.
    expect(outcomes).toHaveLength(Object.keys(RULES).length * 6);
  });
});
