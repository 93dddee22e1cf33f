// Who may use the operator console: its own login (a console role required), the console session's
// 30-minute idle and 8-hour absolute limits on the service clock, 退出, /api/console/me, and the
// security administrator's 角色管理 (one role per person, never one's own), audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, DEMO_ADMINISTRATORS, DEMO_AGENT_ACCOUNT } from '../src/demo/demo-data.ts';
import { consoleLogin, loggedInConsole } from './console-helpers.ts';
import { Browser, startTestPlatform, type TestPlatform } from './harness.ts';

const MINUTE = 60_000;
const [SYSTEM, SECURITY] = DEMO_ADMINISTRATORS as [(typeof DEMO_ADMINISTRATORS)[number], (typeof DEMO_ADMINISTRATORS)[number]];
const me = (browser: Browser) => browser.json('/api/console/me');

describe(`console access (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('the demo banner names the three seeded administrators (GET /api/site, demo mode only)', async () => {
    const { body } = await new Browser(t.baseUrl).json('/api/site');
    expect(body.demoAdministrators).toEqual(DEMO_ADMINISTRATORS.map(({ role, username, phone, password }) => ({ role, username, phone, password })));
    expect(body.demoAdministrators.map((a: { username: string }) => a.username)).toEqual(['sysadmin', 'secadmin', 'auditadmin']);
  });

  it('an administrator logs in and sees their role and masked name', async () => {
    const browser = await loggedInConsole(t, SECURITY);
    const { status, body } = await me(browser);
    expect(status).toBe(200);
    expect(body).toEqual({ role: 'security', roleName: '安全管理员', name: expect.stringMatching(/^吴\*+/) });
    const [login] = await t.platform.audit.recent(1);
    expect(login).toMatchObject({ type: 'console.login', outcome: 'success' });
  });

  it('a person without a console role is refused in Chinese and gets no console session', async () => {
    const browser = new Browser(t.baseUrl);
    const response = await consoleLogin(browser, DEMO_ACCOUNT);
    expect(response.status).toBe(403);
    expect(await me(browser)).toMatchObject({ status: 401, body: { error: { code: 'CONSOLE_LOGIN_REQUIRED', message: '请先登录管理控制台' } } });
  });

  it('ends after 30 minutes without a request; each request starts the 30 minutes again', async () => {
    const browser = await loggedInConsole(t, SYSTEM);
    t.clock.advance(29 * MINUTE);
    expect((await me(browser)).status).toBe(200);
    t.clock.advance(29 * MINUTE);
    expect((await me(browser)).status).toBe(200);
    t.clock.advance(30 * MINUTE);
    expect((await me(browser)).status).toBe(401);
  });

  it('ends 8 hours after the login however busy', async () => {
    const browser = await loggedInConsole(t, SYSTEM);
    for (let elapsed = 0; elapsed < 8 * 60 - 20; elapsed += 20) {
      t.clock.advance(20 * MINUTE);
      expect((await me(browser)).status).toBe(200);
    }
    t.clock.advance(20 * MINUTE);
    expect((await me(browser)).status).toBe(401);
  });

  it('退出 ends the console session and hands the platform logout its ID token', async () => {
    const browser = await loggedInConsole(t, SYSTEM);
    const { status, body } = await browser.json('/console/logout', { json: {} });
    expect(status).toBe(200);
    const logout = new URL(body.redirectTo);
    expect(logout.searchParams.get('id_token_hint')).toBeTruthy();
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe(`${t.baseUrl}/console/`);
    expect((await me(browser)).status).toBe(401);
  });

  describe('角色管理', () => {
    const roles = (browser: Browser) => browser.json('/api/console/roles');
    const grant = (browser: Browser, identifier: string, role: string) => browser.json('/api/console/roles', { json: { identifier, role } });
    const revoke = (browser: Browser, accountId: string) => browser.json(`/api/console/roles/${accountId}/revoke`, { json: {} });

    it('grants a role to a person without one, refuses a second, and revokes it; audited', async () => {
      const security = await loggedInConsole(t, SECURITY);
      const granted = await grant(security, DEMO_AGENT_ACCOUNT.idNumber, 'audit');
      expect(granted).toMatchObject({ status: 201, body: { holder: { role: 'audit', roleName: '审计管理员', name: expect.stringMatching(/^王\*/), idNumber: expect.stringContaining('*') } } });
      const accountId = granted.body.holder.accountId as string;
      expect(JSON.stringify((await roles(security)).body)).not.toContain(DEMO_AGENT_ACCOUNT.idNumber);
      expect((await roles(security)).body.holders.map((holder: { role: string }) => holder.role).sort()).toEqual(['audit', 'audit', 'security', 'system']);
      const [granting] = await t.platform.audit.recent(1);
      // Actor, target and change are the audit trail's to store (console-roles.int.test.ts sees them handed over).
      expect(granting).toMatchObject({ type: 'console.role.grant', outcome: 'success' });

      // One role per person: by phone this time.
      expect(await grant(security, DEMO_AGENT_ACCOUNT.phone, 'system')).toMatchObject({ status: 409, body: { error: { code: 'CONSOLE_ROLE_HELD' } } });
      const [refused] = await t.platform.audit.recent(1);
      expect(refused).toMatchObject({ type: 'console.role.grant', outcome: 'failure', detail: { reason: 'CONSOLE_ROLE_HELD' } });

      // The new holder can log in; the revocation ends their console at once.
      const holder = await loggedInConsole(t, DEMO_AGENT_ACCOUNT);
      expect((await me(holder)).body.role).toBe('audit');
      expect(await revoke(security, accountId)).toEqual({ status: 200, body: { revoked: true } });
      expect(await me(holder)).toMatchObject({ status: 403, body: { error: { code: 'CONSOLE_ROLE_REQUIRED' } } });
      expect(await revoke(security, accountId)).toMatchObject({ status: 404, body: { error: { code: 'CONSOLE_ROLE_NOT_HELD' } } });
      const [revoking] = await t.platform.audit.recent(1);
      expect(revoking).toMatchObject({ type: 'console.role.revoke', outcome: 'failure' });
    });

    it('never grants or revokes one’s own role', async () => {
      const security = await loggedInConsole(t, SECURITY);
      const own = (await roles(security)).body.holders.find((holder: { role: string }) => holder.role === 'security');
      expect(await grant(security, SECURITY.phone, 'system')).toMatchObject({ status: 403, body: { error: { code: 'CONSOLE_ROLE_SELF' } } });
      expect(await revoke(security, own.accountId)).toMatchObject({ status: 403, body: { error: { code: 'CONSOLE_ROLE_SELF' } } });
    });

    it('answers bad input with the platform error shape', async () => {
      const security = await loggedInConsole(t, SECURITY);
      expect(await grant(security, 'nobody_here', 'audit')).toMatchObject({ status: 404, body: { error: { code: 'CONSOLE_ACCOUNT_NOT_FOUND', field: 'identifier' } } });
      expect(await grant(security, DEMO_ACCOUNT.username, 'root')).toMatchObject({ status: 400, body: { error: { code: expect.any(String) } } });
      expect(await security.json('/api/console/roles', { json: { identifier: DEMO_ACCOUNT.username, role: 'audit', extra: 1 } })).toMatchObject({ status: 400 });
      expect(await revoke(security, 'x'.repeat(65))).toMatchObject({ status: 400 });
    });
  });
});
