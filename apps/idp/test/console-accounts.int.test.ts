// 账号管理 of the operator console (安全管理员): the plugin on a bare Fastify app with a fixed
// administrator and the platform's own services; logins, throttle and back-channel logout
// through the real platform.
import { APP_API_PATHS, CONSOLE_ACCOUNT_PATHS, pathOf, type AdminAccountView } from '@uia/schemas';
import Fastify, { type FastifyInstance } from 'fastify';
import { decodeJwt } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_ACCOUNT, DEMO_AGENT_ACCOUNT, DEMO_CLIENT } from '../src/demo/demo-data.ts';
import type { AuditEvent } from '../src/ports/audit-log.ts';
import { consoleAccountRoutes } from '../src/routes/console/console-accounts.ts';
import { registerErrorHandling } from '../src/routes/error-handling.ts';
import { ANDROID_UA, appPerson, faceLogin, loggedInApp } from './app-helpers.ts';
import { Browser } from './harness.ts';
import { passwordAttempt, pausePasswordLogin } from './login-throttle-helpers.ts';
import { logoutTokenOf } from './logout-receiver.ts';
import { startLogin, useLogoutReceiverPlatform } from './relying-party.ts';

const ADMIN = { accountId: 'secadmin-account', role: 'security' as const };
const PERSONAL = [DEMO_ACCOUNT.name, DEMO_ACCOUNT.idNumber, DEMO_ACCOUNT.phone, DEMO_AGENT_ACCOUNT.name, DEMO_AGENT_ACCOUNT.idNumber, DEMO_AGENT_ACCOUNT.phone];

describe(`console 账号管理 (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  const rp = useLogoutReceiverPlatform();
  let consoleApi: FastifyInstance;
  const audited: AuditEvent[] = [];

  beforeAll(async () => {
    consoleApi = Fastify();
    registerErrorHandling(consoleApi, { platformName: 'test', demo: true });
    await consoleApi.register(consoleAccountRoutes, { actorOf: () => ADMIN, administration: rp.t.platform.console.accounts });
    await consoleApi.ready();
    // Passes every event through to the platform's audit trail, keeping a copy to read the console fields.
    const append = rp.t.platform.audit.append.bind(rp.t.platform.audit);
    vi.spyOn(rp.t.platform.audit, 'append').mockImplementation(async (event) => {
      audited.push(event);
      await append(event);
    });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await consoleApi?.close();
  });

  async function call(method: 'GET' | 'POST', url: string, payload?: object) {
    const response = await consoleApi.inject({ method, url, ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.json(), headers: response.headers };
  }
  const find = (payload: object) => call('POST', CONSOLE_ACCOUNT_PATHS.find, payload);
  const act = (path: string, id: string, payload: object = {}) => call('POST', pathOf(path as typeof CONSOLE_ACCOUNT_PATHS.unlock, { id }), payload);
  const view = async (id: string) => (await call('GET', pathOf(CONSOLE_ACCOUNT_PATHS.account, { id }))).body.account as AdminAccountView;
  async function accountIdOf(username: string) {
    const { body } = await find({ kind: 'username', value: username });
    return (body.account as AdminAccountView).id;
  }

  const redirectUri = () => `${rp.receiver.url}/callback`;
  /** 账号登录 at the edu-portal (the demo RP at the receiver) in a fresh browser; the ID token's claims, or the refusal. */
  async function login(identifier: string, password: string, browser = new Browser(rp.t.baseUrl)) {
    const started = await startLogin(browser, rp.config, { redirect_uri: redirectUri() });
    const { status, body } = await browser.json(`/interaction/${started.uid}/login`, { json: { identifier, password, ...(await browser.solvedCaptcha()) } });
    if (status !== 200) return { status, error: body.error as { code: string } };
    const callback = await browser.followUntil(body.redirectTo, redirectUri());
    const tokens = await client.authorizationCodeGrant(rp.config, callback, { pkceCodeVerifier: started.verifier, expectedState: started.state, expectedNonce: started.nonce });
    return { status, claims: decodeJwt(tokens.id_token!) };
  }

  it('finds the demo citizen by ID number, phone and username, masked, with his sessions, services, entities and last logins', async () => {
    await login(DEMO_ACCOUNT.username, DEMO_ACCOUNT.password);
    const byId = await find({ kind: 'id_number', value: DEMO_ACCOUNT.idNumber.toLowerCase() });
    expect(byId.status, JSON.stringify(byId.body)).toBe(200);
    expect(byId.headers['cache-control']).toBe('no-store');
    const account = byId.body.account as AdminAccountView;
    expect(account).toMatchObject({
      username: DEMO_ACCOUNT.username,
      name: '张*',
      idType: 'resident_id',
      idNumber: '110***********002X',
      phone: '138****0001',
      phoneBound: true,
      status: 'active',
      inPersonCheck: null,
      throttle: { sources: [], failuresToday: 0, paused: false, locked: false },
    });
    expect(account.browsers.length).toBeGreaterThan(0);
    expect(account.services).toContainEqual({ id: DEMO_CLIENT.clientId, name: DEMO_CLIENT.clientName });
    expect(account.entities.map((entity) => entity.role)).toContain('legal_representative');
    expect(account.lastLogins[0]).toMatchObject({ method: 'password', service: { id: DEMO_CLIENT.clientId }, acr: expect.stringMatching(/^L[12]$/) });
    expect(Date.parse(account.registeredAt)).not.toBeNaN();

    expect((await find({ kind: 'phone', value: DEMO_ACCOUNT.phone })).body.account.id).toBe(account.id);
    expect((await find({ kind: 'username', value: DEMO_ACCOUNT.username.toUpperCase() })).body.account.id).toBe(account.id);
    expect(JSON.stringify(byId.body)).not.toContain(DEMO_ACCOUNT.idNumber);
    expect(JSON.stringify(byId.body)).not.toContain(DEMO_ACCOUNT.name);
  });

  it('finds only exact identifiers: a well-formed one nobody has is ACCOUNT_NOT_FOUND, a partial one is refused as malformed', async () => {
    expect(await find({ kind: 'phone', value: '13900000999' })).toMatchObject({ status: 404, body: { error: { code: 'ACCOUNT_NOT_FOUND', message: expect.stringContaining('未找到该账号') } } });
    expect(await find({ kind: 'phone', value: '1380000' })).toMatchObject({ status: 400, body: { error: { code: 'PHONE_INVALID', field: 'value' } } });
    expect(await find({ kind: 'id_number', value: DEMO_ACCOUNT.idNumber.slice(0, 17) })).toMatchObject({ status: 400, body: { error: { code: 'ID_NUMBER_FORMAT' } } });
    expect(await find({ kind: 'id_number', value: `${DEMO_ACCOUNT.idNumber.slice(0, 17)}1` })).toMatchObject({ status: 400, body: { error: { code: 'ID_NUMBER_CHECKSUM' } } });
    expect(await find({ kind: 'username', value: 'zhang' })).toMatchObject({ status: 400, body: { error: { code: 'USERNAME_INVALID' } } });
    expect(await find({ kind: 'email', value: 'zhangsan' })).toMatchObject({ status: 400, body: { error: { code: 'FIELD_INVALID', field: 'kind' } } });
    expect(await find({ kind: 'username' })).toMatchObject({ status: 400, body: { error: { code: 'FIELD_REQUIRED', field: 'value' } } });
    expect(await find({ kind: 'username', value: 'zhangsan', fuzzy: true })).toMatchObject({ status: 400, body: { error: { code: 'UNKNOWN_FIELD' } } });
    expect(await find({ kind: 'id_number', value: DEMO_ACCOUNT.idNumber, idType: 'driving_licence' })).toMatchObject({ status: 400, body: { error: { code: 'ID_TYPE_INVALID' } } });
    expect(await act(CONSOLE_ACCOUNT_PATHS.unlock, 'no-such-account')).toMatchObject({ status: 404, body: { error: { code: 'ACCOUNT_NOT_FOUND' } } });
  });

  it('shows the throttle after 5 wrong passwords; 解锁 lets the right password in from that source again', async () => {
    const id = await accountIdOf(DEMO_ACCOUNT.username);
    const browser = new Browser(rp.t.baseUrl);
    const { uid } = await startLogin(browser, rp.config, { redirect_uri: redirectUri() });
    const codes = [];
    for (let attempt = 0; attempt < 5; attempt += 1) codes.push((await passwordAttempt(browser, uid, DEMO_ACCOUNT.username, `Wrong#guess${attempt}`)).body.error?.code);
    expect(codes).toEqual(['CREDENTIALS_INVALID', 'CREDENTIALS_INVALID', 'CREDENTIALS_INVALID', 'CREDENTIALS_INVALID', 'LOGIN_THROTTLED']);
    expect((await passwordAttempt(browser, uid, DEMO_ACCOUNT.username, DEMO_ACCOUNT.password)).body.error?.code).toBe('LOGIN_THROTTLED');

    const throttle = (await view(id)).throttle;
    expect(throttle).toMatchObject({ sources: [{ kind: 'address', failures: 5 }], failuresToday: 5, paused: false, locked: true });
    expect(Date.parse(throttle.sources[0]!.waitsUntil!)).toBeGreaterThan(Date.now());

    const unlocked = await act(CONSOLE_ACCOUNT_PATHS.unlock, id);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.account.throttle).toEqual({ sources: [], failuresToday: 0, paused: false, locked: false });
    const again = await passwordAttempt(browser, uid, DEMO_ACCOUNT.username, DEMO_ACCOUNT.password);
    expect(again.status, JSON.stringify(again.body)).toBe(200);

    expect(audited.filter((event) => event.type === 'console.account.unlock').at(-1)).toMatchObject({
      outcome: 'success',
      actor: ADMIN,
      target: id,
      accountId: id,
      changes: { locked: { before: true, after: false }, paused: { before: false, after: false } },
    });
  });

  it('shows today’s pause after 50 wrong passwords from strangers; 解锁 lifts it', async () => {
    const id = await accountIdOf(DEMO_AGENT_ACCOUNT.username);
    await pausePasswordLogin(rp.t.baseUrl, rp.config, DEMO_AGENT_ACCOUNT.username, 10, { redirect_uri: redirectUri() });
    const paused = (await view(id)).throttle;
    expect(paused).toMatchObject({ paused: true, locked: true });
    // Strangers trying at once may each be counted before the pause is seen.
    expect(paused.failuresToday).toBeGreaterThanOrEqual(50);
    expect(await login(DEMO_AGENT_ACCOUNT.username, DEMO_AGENT_ACCOUNT.password)).toMatchObject({ error: { code: 'PASSWORD_LOGIN_PAUSED' } });

    expect((await act(CONSOLE_ACCOUNT_PATHS.unlock, id)).body.account.throttle).toEqual({ sources: [], failuresToday: 0, paused: false, locked: false });
    expect((await login(DEMO_AGENT_ACCOUNT.username, DEMO_AGENT_ACCOUNT.password)).status).toBe(200);
    expect(audited.filter((event) => event.type === 'console.account.unlock').at(-1)?.changes).toEqual({ locked: { before: true, after: false }, paused: { before: true, after: false } });
  });

  it('结束全部会话 ends every session and tells the edu-portal by back-channel logout', async () => {
    const id = await accountIdOf(DEMO_ACCOUNT.username);
    const { claims } = await login(DEMO_ACCOUNT.username, DEMO_ACCOUNT.password);
    expect((await view(id)).browsers.length).toBeGreaterThan(0);
    rp.receiver.received.length = 0;

    const ended = await act(CONSOLE_ACCOUNT_PATHS.endSessions, id);
    expect(ended.status).toBe(200);
    expect(ended.body.account).toMatchObject({ browsers: [], apps: [], services: [] });
    const tokens = rp.receiver.received.map((request) => decodeJwt(logoutTokenOf(request)));
    expect(tokens).toContainEqual(expect.objectContaining({ aud: DEMO_CLIENT.clientId, sub: claims!.sub, sid: claims!.sid }));
    expect(audited.filter((event) => event.type === 'console.account.end_sessions').at(-1)).toMatchObject({ outcome: 'success', actor: ADMIN, target: id });
  });

  it('停用 refuses every password login with ACCOUNT_DISABLED and ends the sessions; 启用 lets him in again', async () => {
    const id = await accountIdOf(DEMO_ACCOUNT.username);
    await login(DEMO_ACCOUNT.username, DEMO_ACCOUNT.password);
    rp.receiver.received.length = 0;

    const disabled = await act(CONSOLE_ACCOUNT_PATHS.disable, id);
    expect(disabled.body.account).toMatchObject({ status: 'disabled', browsers: [] });
    expect(rp.receiver.received.length).toBeGreaterThan(0);
    expect(await login(DEMO_ACCOUNT.phone, DEMO_ACCOUNT.password)).toMatchObject({ status: 403, error: { code: 'ACCOUNT_DISABLED' } });

    const enabled = await act(CONSOLE_ACCOUNT_PATHS.enable, id);
    expect(enabled.body.account.status).toBe('active');
    expect((await login(DEMO_ACCOUNT.username, DEMO_ACCOUNT.password)).status).toBe(200);

    const statusChanges = audited.filter((event) => event.type === 'console.account.disable' || event.type === 'console.account.enable').map((event) => event.changes);
    expect(statusChanges.slice(-2)).toEqual([{ status: { before: 'active', after: 'disabled' } }, { status: { before: 'disabled', after: 'active' } }]);
  });

  it('shows an app user’s app session and device; 停用 ends it and refuses the app’s face login too', async () => {
    const person = appPerson();
    PERSONAL.push(person.name, person.idNumber);
    const { browser } = await loggedInApp(rp.t.baseUrl, person, ANDROID_UA);
    const found = await find({ kind: 'id_number', value: person.idNumber });
    const account = found.body.account as AdminAccountView;
    expect(account).toMatchObject({ username: null, phone: null, phoneBound: false, assuranceLevel: 'L3', lastLogins: [{ method: 'app_face', acr: 'L3', service: null }] });
    expect(account.apps).toEqual([expect.objectContaining({ device: expect.stringContaining('Android') })]);

    expect((await act(CONSOLE_ACCOUNT_PATHS.disable, account.id)).body.account).toMatchObject({ status: 'disabled', apps: [] });
    expect((await browser.json(APP_API_PATHS.me)).body.error.code).toBe('APP_LOGIN_REQUIRED');
    expect((await faceLogin(new Browser(rp.t.baseUrl), person)).body.error.code).toBe('ACCOUNT_DISABLED');
    await act(CONSOLE_ACCOUNT_PATHS.enable, account.id);
    expect((await faceLogin(new Browser(rp.t.baseUrl), person)).status).toBe(200);
  });

  it('raises to L4 with the hall’s reference number; a password login still proves at most L2', async () => {
    const id = await accountIdOf(DEMO_AGENT_ACCOUNT.username);
    const before = (await view(id)).assuranceLevel;
    expect(before).not.toBe('L4');

    expect(await act(CONSOLE_ACCOUNT_PATHS.inPersonCheck, id, {})).toMatchObject({ status: 400, body: { error: { code: 'FIELD_REQUIRED', field: 'reference' } } });
    expect(await act(CONSOLE_ACCOUNT_PATHS.inPersonCheck, id, { reference: 'bj 12' })).toMatchObject({ status: 400, body: { error: { code: 'IN_PERSON_REFERENCE_INVALID', field: 'reference' } } });
    expect((await view(id)).assuranceLevel).toBe(before);

    const raised = await act(CONSOLE_ACCOUNT_PATHS.inPersonCheck, id, { reference: 'BJDC-20260105-0012' });
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    expect(raised.body.account).toMatchObject({ assuranceLevel: 'L4', inPersonCheck: { reference: 'BJDC-20260105-0012' } });
    expect(await act(CONSOLE_ACCOUNT_PATHS.inPersonCheck, id, { reference: 'BJDC-20260105-0013' })).toMatchObject({ status: 409, body: { error: { code: 'ACCOUNT_ALREADY_L4' } } });

    const { claims } = await login(DEMO_AGENT_ACCOUNT.username, DEMO_AGENT_ACCOUNT.password);
    expect(claims!.acr).toBe('L2');
    expect(audited.filter((event) => event.type === 'console.account.in_person_check' && event.outcome === 'success')).toEqual([
      expect.objectContaining({ actor: ADMIN, target: id, detail: { reference: 'BJDC-20260105-0012' }, changes: { assuranceLevel: { before, after: 'L4' } } }),
    ]);
  });

  it('audits every console call with actor and target, and nothing personal in clear, in the events or the stored rows', async () => {
    const consoleEvents = audited.filter((event) => event.type.startsWith('console.account.'));
    expect(consoleEvents.length).toBeGreaterThan(10);
    for (const event of consoleEvents) expect(event.actor).toEqual(ADMIN);
    expect(consoleEvents.filter((event) => event.outcome === 'failure').map((event) => event.detail?.reason)).toEqual(
      expect.arrayContaining(['ACCOUNT_NOT_FOUND', 'PHONE_INVALID', 'ID_NUMBER_CHECKSUM', 'IN_PERSON_REFERENCE_INVALID', 'ACCOUNT_ALREADY_L4']),
    );
    const rows = await rp.t.platform.database.selectFrom('audit_events').selectAll().where('type', 'like', 'console.account.%').execute();
    expect(rows.length).toBe(consoleEvents.length);
    const stored = JSON.stringify([rows, consoleEvents]);
    for (const value of PERSONAL) expect(stored).not.toContain(value);
  });
});
