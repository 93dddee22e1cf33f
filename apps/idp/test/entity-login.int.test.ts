import { randomUUID } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage } from '@uia/i18n';
import { SqlEntityRepository } from '../src/adapters/sql/sql-entity-repository.ts';
import { appPerson, loggedInApp } from './app-helpers.ts';
import { Browser, startTestPlatform, type TestPlatform, type TestPlatformOptions } from './harness.ts';
import { WINDOWS_CHROME } from './qr-helpers.ts';
import { registerCitizen } from './registration-helpers.ts';
import { startReceiver } from './logout-receiver.ts';
import { discover, followToRp, passwordLogin, RP, startLogin, type StartedLogin } from './relying-party.ts';
import { account, beijingDate, beijingDateYearsAhead, entityIdOf, untilBeijingMidnight, userCenterLogin, type AgentBody } from './user-center-helpers.ts';

// ---------------------------------------------------------------------------
// Demo data (apps/idp/src/demo/demo-data.ts)
// ---------------------------------------------------------------------------

const PASSWORD = 'Demo@2026pw';
const ZHANGSAN = { username: 'zhangsan', phone: '13800000001', name: '张三', idType: 'resident_id', idNumber: '11010519491231002X' };
const WANGWU = { username: 'wangwu', phone: '13800000003', name: '王五', idType: 'resident_id', idNumber: '110108198506120033' };
/** On the platform from the start, 张三 its legal representative. */
const DEMO_ENTITY = { uscc: '91110105MA01XH3R44', name: '北京演示科技有限公司', accountName: 'demotech' };
/** In the business registry only: 张三 may register it. */
const EDU_CONSULTING = { uscc: '91110108MA02PL8K7Q', name: '北京演示教育咨询有限公司' };
/** In the business registry only: 李四 represents it. */
const SHANGHAI_TRADING = { uscc: '91310115MA03TD5W7R', name: '上海演示贸易有限公司' };
/** Valid under GB 32100, known to nobody. */
const UNKNOWN_USCC = '911101055L7N2Q9W8P';
/** EDU_CONSULTING's code with a wrong check character. */
const BAD_CHECK_USCC = '91110108MA02PL8K7X';

const ENTITY_SCOPE = 'openid profile entity';
const ENTITY_ONLY = { scope: ENTITY_SCOPE, login_type: 'entity' };
const EDU_PORTAL_SERVICE = { id: 'edu-portal', name: '义务教育入学服务平台（演示）' };

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

interface Context {
  t: TestPlatform;
  config: client.Configuration;
}

/** A fresh platform (demo seeds only) for the calling describe block, discovered as the demo RP. */
function usePlatform(options: TestPlatformOptions = {}): Context {
  const context = {} as Context;
  beforeAll(async () => {
    context.t = await startTestPlatform(options);
    context.config = await discover(context.t.baseUrl);
  });
  afterAll(() => context.t?.stop());
  return context;
}

const errorOf = (code: Parameters<typeof formatMessage>[0], extra: Record<string, unknown> = {}) => ({
  error: expect.objectContaining({ code, message: expect.any(String), ...extra }),
});

/** A browser logged in to the user center as `who`. */
async function userCenter(ctx: Context, who: { username: string }, password = PASSWORD) {
  const browser = new Browser(ctx.t.baseUrl);
  await userCenterLogin(browser, who.username, password);
  return browser;
}

/** POST /interaction/:uid/entity-login with a fresh captcha (or the one given). */
async function entityLoginAt(browser: Browser, uid: string, entity: string, identifier: string, password = PASSWORD, captcha?: { captchaId: string; captchaAnswer: string }) {
  return browser.json(`/interaction/${uid}/entity-login`, {
    json: { entity, identifier, password, ...(captcha ?? (await browser.solvedCaptcha())) },
  });
}

async function tokensAfter(ctx: Context, browser: Browser, login: StartedLogin, redirectTo: string) {
  const callback = await followToRp(browser, redirectTo);
  return client.authorizationCodeGrant(ctx.config, callback, { pkceCodeVerifier: login.verifier, expectedState: login.state, expectedNonce: login.nonce });
}

/** 法人登录 through the demo RP from start to tokens, or the test fails. */
async function entityLogin(ctx: Context, entity: string, identifier: string, options: { browser?: Browser; extra?: Record<string, string> } = {}) {
  const browser = options.browser ?? new Browser(ctx.t.baseUrl);
  const login = await startLogin(browser, ctx.config, options.extra ?? ENTITY_ONLY);
  const answer = await entityLoginAt(browser, login.uid, entity, identifier);
  if (answer.status !== 200) throw new Error(`entity login failed: ${JSON.stringify(answer.body)}`);
  const tokens = await tokensAfter(ctx, browser, login, answer.body.redirectTo);
  return { browser, tokens, claims: tokens.claims() as Record<string, any> };
}

/** The error an entity login attempt ends in (after a valid captcha). */
async function entityLoginRefusal(ctx: Context, entity: string, identifier: string, extra: Record<string, string> = ENTITY_ONLY, password = PASSWORD) {
  const browser = new Browser(ctx.t.baseUrl);
  const login = await startLogin(browser, ctx.config, extra);
  return entityLoginAt(browser, login.uid, entity, identifier, password);
}

/** The person's own (personal-login) subject. */
async function personalSub(ctx: Context, who: { username: string }) {
  const { tokens } = await passwordLogin(new Browser(ctx.t.baseUrl), ctx.config, who.username, PASSWORD);
  return tokens.claims()!.sub;
}

/** 张三 grants an agent (their name as on their ID, and ID number or phone) on the demo entity; the grant, or the test fails. */
async function grantAgent(rep: Browser, entityId: string, agentName: string, agent: string, expiresOn: string, services: string[] | null = null): Promise<AgentBody> {
  const granted = await account.grant(rep, entityId, { agentName, agent, services, expiresOn });
  if (granted.status !== 201) throw new Error(`grant failed: ${JSON.stringify(granted.body)}`);
  return granted.body.agent;
}

/** A freshly registered real-name (L2) citizen with a password. */
const citizen = (ctx: Context) => registerCitizen(new Browser(ctx.t.baseUrl));

/** The PC's 扫码登录 for 法人登录: POST /interaction/:uid/qr with a login type. */
const createQr = (pc: Browser, uid: string, body: Record<string, unknown>) => pc.json(`/interaction/${uid}/qr`, { json: body, headers: { 'user-agent': WINDOWS_CHROME } });

const scanQr = (phone: Browser, id: string) => phone.json(`/app/api/qr/${id}/scan`, { json: {} });
const confirmQr = (phone: Browser, id: string, body: Record<string, unknown> = {}) => phone.json(`/app/api/qr/${id}/confirm`, { json: body });
const completeQr = (pc: Browser, uid: string, id: string) => pc.json(`/interaction/${uid}/qr/${id}/complete`, { json: {} });

const auditEvents = async (ctx: Context, type: string) => (await ctx.t.platform.audit.recent(500)).filter((event) => event.type === type);

// ---------------------------------------------------------------------------
// 1. User center session
// ---------------------------------------------------------------------------

describe('user center (/account) session', () => {
  const ctx = usePlatform();

  it('logs in through the portal client uia-portal: /login/start → login page → /account/callback sets uia_account and 303s to /account', async () => {
    const browser = new Browser(ctx.t.baseUrl);
    const start = await browser.request('/login/start');
    expect(start.status).toBe(303);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.searchParams.get('client_id')).toBe('uia-portal');
    expect(authorize.searchParams.get('scope')).toBe('openid profile entity');

    const interaction = await browser.followUntil(authorize.href, `${ctx.t.baseUrl}/interaction/`);
    const uid = interaction.pathname.split('/').pop()!;
    const details = await browser.json(`/interaction/${uid}/details`);
    expect(details.body).toMatchObject({ prompt: 'login', client: { id: 'uia-portal' }, loginTypes: ['personal', 'entity'] });
    const login = await browser.json(`/interaction/${uid}/login`, { json: { identifier: 'zhangsan', password: PASSWORD, ...(await browser.solvedCaptcha()) } });
    expect(login.status).toBe(200);

    const callback = await browser.followUntil(login.body.redirectTo, `${ctx.t.baseUrl}/account/callback`);
    const opened = await browser.request(callback.href);
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/account');
    const cookie = opened.headers.getSetCookie().find((c) => c.startsWith('uia_account='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Max-Age=7200/i);

    const me = await browser.request('/api/account/me');
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect(await me.json()).toEqual({ person: { name: '张*', idNumber: '110***********002X', phone: '138****0001', assuranceLevel: 'L2' } });
  });

  it('answers every /api/account call without a valid cookie with 401 ACCOUNT_LOGIN_REQUIRED', async () => {
    const stranger = new Browser(ctx.t.baseUrl);
    const calls = [
      () => account.me(stranger),
      () => account.entities(stranger),
      () => account.register(stranger, EDU_CONSULTING),
      () => account.agents(stranger, 'some-id'),
      () => account.grant(stranger, 'some-id', { agentName: WANGWU.name, agent: WANGWU.idNumber, services: null, expiresOn: '2099-01-01' }),
      () => account.revoke(stranger, 'some-id', 'grant-id'),
    ];
    for (const call of calls) expect(await call()).toEqual({ status: 401, body: errorOf('ACCOUNT_LOGIN_REQUIRED') });
    // 退出登录 with no (or an expired) session still leads to the platform's logout, without the hint.
    const logout = await account.logout(stranger);
    expect(logout.status).toBe(200);
    expect(new URL(logout.body.redirectTo).searchParams.has('id_token_hint')).toBe(false);
    const forged = await stranger.json('/api/account/me', { headers: { cookie: `uia_account=${'A'.repeat(43)}` } });
    expect(forged).toEqual({ status: 401, body: errorOf('ACCOUNT_LOGIN_REQUIRED') });
  });

  it('ends the user-center session with a password reset after it opened, or when the account is disabled', async () => {
    const accountIdOf = async (username: string) => (await ctx.t.platform.database.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    const person = await citizen(ctx);
    const browser = await userCenter(ctx, person, person.password);
    expect((await account.me(browser)).status).toBe(200);
    // What a completed 忘记密码 writes (the reset's own tests walk the wizard): the session no longer counts.
    await ctx.t.platform.database
      .updateTable('accounts')
      .set({ credentials_changed_at: ctx.t.clock.now() + 1000 })
      .where('id', '=', await accountIdOf(person.username))
      .execute();
    expect(await account.entities(browser)).toEqual({ status: 401, body: errorOf('ACCOUNT_LOGIN_REQUIRED') });

    const other = await citizen(ctx);
    const otherBrowser = await userCenter(ctx, other, other.password);
    await ctx.t.platform.database
      .updateTable('accounts')
      .set({ status: 'disabled' })
      .where('id', '=', await accountIdOf(other.username))
      .execute();
    expect(await account.me(otherBrowser)).toEqual({ status: 401, body: errorOf('ACCOUNT_LOGIN_REQUIRED') });
  });

  it('uses single sign-on: a browser with a platform session reaches /account without the login page', async () => {
    const browser = new Browser(ctx.t.baseUrl);
    await passwordLogin(browser, ctx.config, 'wangwu', PASSWORD);
    await userCenterLogin(browser, 'unused', 'unused');
    expect((await account.me(browser)).body.person).toMatchObject({ name: '王*', idNumber: '110***********0033', phone: '138****0003' });
  });

  it('logs out: POST /api/account/logout answers the end_session URL and the session token no longer works', async () => {
    const browser = await userCenter(ctx, ZHANGSAN);
    const copy = new Browser(ctx.t.baseUrl).adoptCookies(browser);
    expect((await account.me(copy)).status).toBe(200);

    const out = await account.logout(browser);
    expect(out.status).toBe(200);
    const end = new URL(out.body.redirectTo);
    expect(`${end.origin}${end.pathname}`).toBe(`${ctx.t.issuer}/session/end`);
    expect(end.searchParams.get('id_token_hint')).toBeTruthy();
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${ctx.t.baseUrl}/`);

    expect(await account.me(browser)).toEqual({ status: 401, body: errorOf('ACCOUNT_LOGIN_REQUIRED') });
    // The token itself is dead on the server, not only the cookie dropped.
    expect(await account.me(copy)).toEqual({ status: 401, body: errorOf('ACCOUNT_LOGIN_REQUIRED') });
  });

  it('refuses a callback without the login state cookie (400, no session)', async () => {
    const browser = new Browser(ctx.t.baseUrl);
    const response = await browser.request('/account/callback?code=abc&state=def');
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie().some((c) => c.startsWith('uia_account='))).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// 2. 注册单位
// ---------------------------------------------------------------------------

describe('注册单位 (POST /api/account/entities)', () => {
  const ctx = usePlatform();
  let zhangsan: Browser;
  beforeAll(async () => {
    zhangsan = await userCenter(ctx, ZHANGSAN);
  });

  it('lists the seeded demo entity for its representative', async () => {
    const { status, body } = await account.entities(zhangsan);
    expect(status).toBe(200);
    expect(body.entities).toEqual([{ id: expect.any(String), ...DEMO_ENTITY, role: 'legal_representative', services: null, expiresAt: null }]);
  });

  it('refuses a name that differs from the registry with ENTITY_NAME_MISMATCH (field name)', async () => {
    const answer = await account.register(zhangsan, { uscc: EDU_CONSULTING.uscc, name: '北京演示教育有限公司' });
    expect(answer).toEqual({ status: 400, body: errorOf('ENTITY_NAME_MISMATCH', { field: 'name' }) });
  });

  it('refuses an entity whose registered representative is someone else with 403 ENTITY_NOT_LEGAL_REPRESENTATIVE', async () => {
    expect(await account.register(zhangsan, SHANGHAI_TRADING)).toEqual({ status: 403, body: errorOf('ENTITY_NOT_LEGAL_REPRESENTATIVE') });
  });

  it('refuses a valid USCC the registry does not know with 404 ENTITY_NOT_IN_REGISTRY (field uscc)', async () => {
    const answer = await account.register(zhangsan, { uscc: UNKNOWN_USCC, name: '北京某某有限公司' });
    expect(answer).toEqual({ status: 404, body: errorOf('ENTITY_NOT_IN_REGISTRY', { field: 'uscc' }) });
  });

  it('refuses a USCC with a wrong check character with USCC_CHECKSUM (field uscc)', async () => {
    const answer = await account.register(zhangsan, { uscc: BAD_CHECK_USCC, name: EDU_CONSULTING.name });
    expect(answer).toEqual({ status: 400, body: errorOf('USCC_CHECKSUM', { field: 'uscc' }) });
  });

  it('refuses an account name of 18 letters and digits, which 法人登录 would read as a USCC (field accountName)', async () => {
    const answer = await account.register(zhangsan, { ...EDU_CONSULTING, accountName: 'eduConsulting2026x' });
    expect(answer).toEqual({ status: 400, body: errorOf('USERNAME_LOOKS_LIKE_IDENTIFIER', { field: 'accountName' }) });
    expect((await account.register(zhangsan, { ...EDU_CONSULTING, accountName: '1educonsult' })).body.error).toMatchObject({ code: 'USERNAME_INVALID', field: 'accountName' });
  });

  it('registers an entity the registry names the person the representative of: 201, then listed as legal_representative', async () => {
    // Half-width brackets and spaces compare like the licence's text; lower-case letters in the code too.
    const answer = await account.register(zhangsan, { uscc: EDU_CONSULTING.uscc.toLowerCase(), name: ` ${EDU_CONSULTING.name} `, accountName: 'educonsult' });
    expect(answer.status).toBe(201);
    expect(answer.body.entity).toEqual({
      id: expect.any(String),
      ...EDU_CONSULTING,
      accountName: 'educonsult',
      role: 'legal_representative',
      services: null,
      expiresAt: null,
    });
    const listed = (await account.entities(zhangsan)).body.entities;
    expect(listed.map((entity) => [entity.uscc, entity.role])).toEqual([
      [DEMO_ENTITY.uscc, 'legal_representative'],
      [EDU_CONSULTING.uscc, 'legal_representative'],
    ]);
  });

  it('lets the representative log in for the new entity at once, by USCC and by its account name', async () => {
    const entityId = await entityIdOf(zhangsan, EDU_CONSULTING.uscc);
    for (const reference of [EDU_CONSULTING.uscc, 'EduConsult']) {
      const { claims } = await entityLogin(ctx, reference, 'zhangsan');
      expect(claims.sub).toMatch(new RegExp(`^entity:${entityId}:`));
      expect(claims.entity).toEqual(EDU_CONSULTING);
    }
  });

  it('refuses registering an entity again with 409 ENTITY_ALREADY_REGISTERED', async () => {
    expect(await account.register(zhangsan, { uscc: DEMO_ENTITY.uscc, name: DEMO_ENTITY.name })).toEqual({
      status: 409,
      body: errorOf('ENTITY_ALREADY_REGISTERED', { field: 'uscc' }),
    });
    expect(await account.register(zhangsan, EDU_CONSULTING)).toEqual({ status: 409, body: errorOf('ENTITY_ALREADY_REGISTERED', { field: 'uscc' }) });
  });

  it('audits entity.registered with the USCC and the entity id, never a clear ID number or name of the person', async () => {
    const events = await auditEvents(ctx, 'entity.registered');
    expect(events.find((event) => event.outcome === 'success')?.detail).toMatchObject({ uscc: EDU_CONSULTING.uscc, entityId: expect.any(String) });
    expect(events.filter((event) => event.outcome === 'failure').map((event) => event.detail?.reason)).toEqual(
      expect.arrayContaining(['ENTITY_NAME_MISMATCH', 'ENTITY_NOT_LEGAL_REPRESENTATIVE', 'ENTITY_NOT_IN_REGISTRY', 'USCC_CHECKSUM', 'ENTITY_ALREADY_REGISTERED']),
    );
    const text = JSON.stringify(events);
    expect(text).not.toContain(ZHANGSAN.idNumber);
    expect(text).not.toContain(ZHANGSAN.name);
  });
});

// ---------------------------------------------------------------------------
// 3. 管理经办人
// ---------------------------------------------------------------------------

describe('管理经办人 (agents API)', () => {
  const ctx = usePlatform();
  let zhangsan: Browser;
  let entityId: string;
  const today = () => beijingDate(ctx.t.clock.now());
  const inDays = (days: number) => beijingDate(ctx.t.clock.now(), days);
  beforeAll(async () => {
    zhangsan = await userCenter(ctx, ZHANGSAN);
    entityId = await entityIdOf(zhangsan, DEMO_ENTITY.uscc);
  });

  it('lists no agents at first, the cap and the services a grant may name (not the portal itself)', async () => {
    expect(await account.agents(zhangsan, entityId)).toEqual({ status: 200, body: { agents: [], maxAgents: 5, services: [EDU_PORTAL_SERVICE] } });
  });

  it('grants 王五 by ID number, masked in the answer and the list; 王五 then sees the entity as agent', async () => {
    const granted = await account.grant(zhangsan, entityId, { agentName: WANGWU.name, agent: WANGWU.idNumber, services: null, expiresOn: inDays(30) });
    expect(granted.status).toBe(201);
    const agent = granted.body.agent as AgentBody;
    expect(agent).toEqual({
      id: expect.any(String),
      person: { name: '王*', idNumber: '110***********0033' },
      services: null,
      expiresAt: expect.stringMatching(/T16:00:00\.000Z$/),
      grantedAt: expect.any(String),
      status: 'active',
    });
    // The end of the chosen Beijing day: its 24:00 in Beijing is 16:00 UTC the same date.
    expect(agent.expiresAt).toBe(`${inDays(30)}T16:00:00.000Z`);
    expect((await account.agents(zhangsan, entityId)).body.agents).toEqual([agent]);

    const wangwu = await userCenter(ctx, WANGWU);
    expect((await account.entities(wangwu)).body.entities).toEqual([{ id: entityId, ...DEMO_ENTITY, role: 'agent', services: null, expiresAt: agent.expiresAt }]);
  });

  it("replaces 王五's grant when granted again by phone: one agent, the new grant; the old grant id is gone", async () => {
    const [before] = (await account.agents(zhangsan, entityId)).body.agents as AgentBody[];
    const replaced = await grantAgent(zhangsan, entityId, WANGWU.name, WANGWU.phone, inDays(60), ['edu-portal']);
    expect(replaced.id).not.toBe(before!.id);
    expect(replaced).toMatchObject({ person: { name: '王*', idNumber: '110***********0033' }, services: [EDU_PORTAL_SERVICE] });
    expect((await account.agents(zhangsan, entityId)).body.agents).toEqual([replaced]);
    expect(await account.revoke(zhangsan, entityId, before!.id)).toEqual({ status: 404, body: errorOf('AGENT_GRANT_NOT_FOUND') });
  });

  it('refuses an unknown person (404 AGENT_NOT_FOUND), a user name (AGENT_IDENTIFIER_INVALID) and the representative himself (409 AGENT_IS_REPRESENTATIVE)', async () => {
    const body = { services: null, expiresOn: inDays(10) };
    expect(await account.grant(zhangsan, entityId, { agentName: WANGWU.name, agent: '110101199001011237', ...body })).toEqual({ status: 404, body: errorOf('AGENT_NOT_FOUND', { field: 'agent' }) });
    expect(await account.grant(zhangsan, entityId, { agentName: WANGWU.name, agent: '13912345678', ...body })).toEqual({ status: 404, body: errorOf('AGENT_NOT_FOUND', { field: 'agent' }) });
    expect(await account.grant(zhangsan, entityId, { agentName: WANGWU.name, agent: 'wangwu', ...body })).toEqual({ status: 400, body: errorOf('AGENT_IDENTIFIER_INVALID', { field: 'agent' }) });
    expect(await account.grant(zhangsan, entityId, { agentName: ZHANGSAN.name, agent: ZHANGSAN.idNumber, ...body })).toEqual({ status: 409, body: errorOf('AGENT_IS_REPRESENTATIVE') });
    expect(await account.grant(zhangsan, entityId, { agentName: ZHANGSAN.name, agent: ZHANGSAN.phone, ...body })).toEqual({ status: 409, body: errorOf('AGENT_IS_REPRESENTATIVE') });
  });

  it("refuses a name that is not the account's with a valid ID number or phone exactly as an unknown number (404 AGENT_NOT_FOUND, field agent)", async () => {
    const before = (await account.agents(zhangsan, entityId)).body.agents;
    const body = { services: null, expiresOn: inDays(10) };
    const unknownNumber = await account.grant(zhangsan, entityId, { agentName: WANGWU.name, agent: '110101199001011237', ...body });
    expect(unknownNumber).toEqual({ status: 404, body: errorOf('AGENT_NOT_FOUND', { field: 'agent' }) });
    // Nothing tells the representative that the number has an account, or whose it is.
    for (const [agentName, agent] of [
      ['王六', WANGWU.idNumber],
      [ZHANGSAN.name, WANGWU.phone],
      ['王', WANGWU.idNumber],
    ]) {
      expect(await account.grant(zhangsan, entityId, { agentName, agent, ...body }), `${agentName} ${agent}`).toEqual(unknownNumber);
    }
    // 王五's grant is untouched.
    expect((await account.agents(zhangsan, entityId)).body.agents).toEqual(before);
  });

  it('refuses an expiry before today, more than 5 calendar years ahead, or not a date with AGENT_EXPIRY_INVALID (field expiresOn)', async () => {
    const invalid = { status: 400, body: errorOf('AGENT_EXPIRY_INVALID', { field: 'expiresOn' }) };
    const fiveYearsAndADay = beijingDateYearsAhead(ctx.t.clock.now(), 5, 1);
    for (const expiresOn of [inDays(-1), fiveYearsAndADay, inDays(6 * 365), '2030-02-30', '2030/01/01', 'tomorrow']) {
      expect(await account.grant(zhangsan, entityId, { agentName: WANGWU.name, agent: WANGWU.idNumber, services: null, expiresOn })).toEqual(invalid);
    }
    // Today is allowed (the grant runs to its end); five years ahead too.
    expect((await account.grant(zhangsan, entityId, { agentName: WANGWU.name, agent: WANGWU.idNumber, services: null, expiresOn: today() })).status).toBe(201);
    const far = await account.grant(zhangsan, entityId, { agentName: WANGWU.name, agent: WANGWU.idNumber, services: null, expiresOn: beijingDateYearsAhead(ctx.t.clock.now(), 5) });
    expect(far.status).toBe(201);
  });

  it('refuses unknown services and an empty list with AGENT_SERVICES_INVALID (field services)', async () => {
    const invalid = { status: 400, body: errorOf('AGENT_SERVICES_INVALID', { field: 'services' }) };
    for (const services of [['no-such-service'], [], ['edu-portal', 'no-such-service'], ['uia-portal']]) {
      expect(await account.grant(zhangsan, entityId, { agentName: WANGWU.name, agent: WANGWU.idNumber, services, expiresOn: inDays(10) })).toEqual(invalid);
    }
  });

  it('answers 403 ENTITY_REPRESENTATIVE_ONLY to anyone but the representative, and for ids that are no entity', async () => {
    const wangwu = await userCenter(ctx, WANGWU);
    const [grant] = (await account.agents(zhangsan, entityId)).body.agents as AgentBody[];
    const refused = { status: 403, body: errorOf('ENTITY_REPRESENTATIVE_ONLY') };
    expect(await account.agents(wangwu, entityId)).toEqual(refused);
    expect(await account.grant(wangwu, entityId, { agentName: ZHANGSAN.name, agent: ZHANGSAN.idNumber, services: null, expiresOn: inDays(10) })).toEqual(refused);
    expect(await account.revoke(wangwu, entityId, grant!.id)).toEqual(refused);
    for (const id of ['no-such-entity', '00000000-0000-0000-0000-000000000000', '%E4%BD%A0']) {
      expect(await account.agents(zhangsan, id), id).toEqual(refused);
    }
    // An id longer than the router takes is refused by the router, in the platform's error shape.
    expect(await account.agents(zhangsan, 'x'.repeat(300))).toEqual({ status: 404, body: errorOf('NOT_FOUND') });
    // Nothing changed.
    expect((await account.agents(zhangsan, entityId)).body.agents).toEqual([grant]);
  });

  it('revokes: 200 { revoked: true }, then 404 AGENT_GRANT_NOT_FOUND on repeat; 王五 no longer sees the entity', async () => {
    const [grant] = (await account.agents(zhangsan, entityId)).body.agents as AgentBody[];
    expect(await account.revoke(zhangsan, entityId, grant!.id)).toEqual({ status: 200, body: { revoked: true } });
    expect(await account.revoke(zhangsan, entityId, grant!.id)).toEqual({ status: 404, body: errorOf('AGENT_GRANT_NOT_FOUND') });
    expect(await account.revoke(zhangsan, entityId, 'no-such-grant')).toEqual({ status: 404, body: errorOf('AGENT_GRANT_NOT_FOUND') });
    expect((await account.agents(zhangsan, entityId)).body.agents).toEqual([]);
    const wangwu = await userCenter(ctx, WANGWU);
    expect((await account.entities(wangwu)).body.entities).toEqual([]);
  });

  it('audits entity.agent_granted and entity.agent_revoked with entity, grant and the agent by account id only', async () => {
    const agentAccountId = await personalSub(ctx, WANGWU);
    const granted = (await auditEvents(ctx, 'entity.agent_granted')).filter((event) => event.outcome === 'success');
    expect(granted.length).toBeGreaterThanOrEqual(2);
    expect(granted[0]!.detail).toEqual({
      entityId,
      grantId: expect.any(String),
      agentAccountId,
      services: expect.any(String),
      expiresAt: expect.any(String),
    });
    const revoked = (await auditEvents(ctx, 'entity.agent_revoked')).filter((event) => event.outcome === 'success');
    expect(revoked[0]!.detail).toEqual({ entityId, grantId: expect.any(String), agentAccountId });
    const text = JSON.stringify(await ctx.t.platform.audit.recent(500));
    for (const secret of [WANGWU.idNumber, WANGWU.name, ZHANGSAN.idNumber, ZHANGSAN.name]) expect(text).not.toContain(secret);
  });
});

describe('管理经办人 cap (UIA_ENTITY_MAX_AGENTS=2)', () => {
  const ctx = usePlatform({ env: { UIA_ENTITY_MAX_AGENTS: '2' } });

  it('refuses a third current agent with 409 AGENT_LIMIT_REACHED (limit 2); a re-grant or a freed slot still works', async () => {
    const zhangsan = await userCenter(ctx, ZHANGSAN);
    const entityId = await entityIdOf(zhangsan, DEMO_ENTITY.uscc);
    const expiresOn = beijingDate(ctx.t.clock.now(), 30);
    const [first, second] = [await citizen(ctx), await citizen(ctx)];
    expect((await account.agents(zhangsan, entityId)).body.maxAgents).toBe(2);

    await grantAgent(zhangsan, entityId, WANGWU.name, WANGWU.idNumber, expiresOn);
    const firstGrant = await grantAgent(zhangsan, entityId, first.name, first.idNumber, expiresOn);
    const refused = await account.grant(zhangsan, entityId, { agentName: second.name, agent: second.phone, services: null, expiresOn });
    expect(refused).toEqual({ status: 409, body: errorOf('AGENT_LIMIT_REACHED', { limit: 2 }) });
    expect(refused.body.error.message).toContain('2');

    // Replacing a grant does not need a free slot, and a refused grant leaves the one it would replace standing.
    await grantAgent(zhangsan, entityId, WANGWU.name, WANGWU.phone, expiresOn, ['edu-portal']);
    expect((await account.agents(zhangsan, entityId)).body.agents).toHaveLength(2);

    await account.revoke(zhangsan, entityId, firstGrant.id);
    expect((await account.grant(zhangsan, entityId, { agentName: second.name, agent: second.phone, services: null, expiresOn })).status).toBe(201);
  });
});

describe('entity repository: a takeover and a grant of the predecessor', () => {
  const ctx = usePlatform();

  it("a grant by someone who no longer represents the entity is refused and writes nothing; the takeover revokes the successor's own grant", async () => {
    const repository = new SqlEntityRepository(ctx.t.platform.database);
    const zhangsan = await userCenter(ctx, ZHANGSAN);
    const entityId = await entityIdOf(zhangsan, DEMO_ENTITY.uscc);
    const [zhangsanId, wangwuId] = [await personalSub(ctx, ZHANGSAN), await personalSub(ctx, WANGWU)];
    const now = ctx.t.clock.now();
    const grantOf = (accountId: string, grantedBy: string) => ({
      id: randomUUID(),
      entityId,
      accountId,
      services: null,
      expiresAt: now + 86_400_000,
      grantedBy,
      grantedAt: now,
      revokedAt: null,
      revokedBy: null,
    });
    expect(await repository.grant(grantOf(wangwuId, zhangsanId), { maxCurrent: 5, now })).toBe('granted');
    // The registry named 王五; his registration takes the entity over.
    await repository.takeOver(entityId, wangwuId, now);
    expect(await repository.standingGrant(entityId, wangwuId)).toBeNull();
    expect((await repository.findById(entityId))?.legalRepAccountId).toBe(wangwuId);
    // A grant 张三 had in flight meets the new state: refused, nothing written.
    const late = grantOf(randomUUID(), zhangsanId);
    expect(await repository.grant(late, { maxCurrent: 5, now })).toBe('not_representative');
    expect((await repository.listStandingGrants(entityId)).map((grant) => grant.id)).not.toContain(late.id);
  });
});

describe('管理经办人 cap under concurrent grants (UIA_ENTITY_MAX_AGENTS=2)', () => {
  const ctx = usePlatform({ env: { UIA_ENTITY_MAX_AGENTS: '2' } });

  it('lets one of three simultaneous grants take the last slot: one 201, two 409 AGENT_LIMIT_REACHED, two agents listed', async () => {
    const zhangsan = await userCenter(ctx, ZHANGSAN);
    const entityId = await entityIdOf(zhangsan, DEMO_ENTITY.uscc);
    const expiresOn = beijingDate(ctx.t.clock.now(), 30);
    const people = [await citizen(ctx), await citizen(ctx), await citizen(ctx)];
    const standing = await grantAgent(zhangsan, entityId, WANGWU.name, WANGWU.idNumber, expiresOn);

    const answers = await Promise.all(people.map((person) => account.grant(zhangsan, entityId, { agentName: person.name, agent: person.idNumber, services: null, expiresOn })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
    for (const refused of answers.filter((answer) => answer.status === 409)) {
      expect(refused).toEqual({ status: 409, body: errorOf('AGENT_LIMIT_REACHED', { limit: 2 }) });
    }
    const winner = answers.find((answer) => answer.status === 201)!.body.agent as AgentBody;
    const agents = (await account.agents(zhangsan, entityId)).body.agents as AgentBody[];
    expect(agents).toHaveLength(2);
    expect(agents.map((agent) => agent.id).sort()).toEqual([standing.id, winner.id].sort());
  });
});

// ---------------------------------------------------------------------------
// 4. 法人登录 by account
// ---------------------------------------------------------------------------

describe('法人登录 by account through the demo RP', () => {
  const ctx = usePlatform();
  let entityId: string;
  let zhangsanSub: string;
  let wangwuSub: string;
  beforeAll(async () => {
    entityId = await entityIdOf(await userCenter(ctx, ZHANGSAN), DEMO_ENTITY.uscc);
    zhangsanSub = await personalSub(ctx, ZHANGSAN);
    wangwuSub = await personalSub(ctx, WANGWU);
  });

  it('tells the login page which logins the RP takes: personal, personal + entity, or entity only', async () => {
    const loginTypes = async (extra: Record<string, string>) => {
      const browser = new Browser(ctx.t.baseUrl);
      const { uid } = await startLogin(browser, ctx.config, extra);
      return (await browser.json(`/interaction/${uid}/details`)).body.loginTypes;
    };
    expect(await loginTypes({})).toEqual(['personal']);
    expect(await loginTypes({ scope: ENTITY_SCOPE })).toEqual(['personal', 'entity']);
    expect(await loginTypes(ENTITY_ONLY)).toEqual(['entity']);
  });

  it('logs the representative in by USCC: sub entity:<entity>:<person>, ID token and userinfo carry entity and the masked acting person', async () => {
    const { tokens, claims } = await entityLogin(ctx, DEMO_ENTITY.uscc, 'zhangsan');
    const entity = { uscc: DEMO_ENTITY.uscc, name: DEMO_ENTITY.name };
    const actingPerson = { sub: zhangsanSub, name: '张*', id_number: '110***********002X', role: 'legal_representative' };
    expect(claims.sub).toBe(`entity:${entityId}:${zhangsanSub}`);
    expect(claims).toMatchObject({ entity, acting_person: actingPerson, acr: 'L2', amr: ['pwd'] });
    const userinfo = await client.fetchUserInfo(ctx.config, tokens.access_token, claims.sub);
    expect(userinfo).toEqual({ sub: claims.sub, entity, acting_person: actingPerson });
    // The person's own data stay with their personal logins, whatever scopes the service holds.
    for (const personal of ['name', 'phone_number', 'id_type', 'id_number']) expect(claims).not.toHaveProperty(personal);

    const events = (await auditEvents(ctx, 'login.entity')).filter((event) => event.outcome === 'success');
    expect(events[0]).toMatchObject({ accountId: zhangsanSub, detail: { clientId: 'edu-portal', entityId, role: 'legal_representative' } });
  });

  it('logs the representative in by the entity account name (单位账号), also with phone or ID number as identifier', async () => {
    for (const identifier of ['zhangsan', ZHANGSAN.phone, ZHANGSAN.idNumber]) {
      const { claims } = await entityLogin(ctx, DEMO_ENTITY.accountName, identifier, { extra: { scope: ENTITY_SCOPE } });
      expect(claims.sub).toBe(`entity:${entityId}:${zhangsanSub}`);
      expect(claims.entity).toEqual({ uscc: DEMO_ENTITY.uscc, name: DEMO_ENTITY.name });
    }
  });

  it('refuses a person who is neither representative nor agent with 403 ENTITY_NOT_AUTHORIZED (after the password)', async () => {
    expect(await entityLoginRefusal(ctx, DEMO_ENTITY.uscc, 'wangwu')).toEqual({ status: 403, body: errorOf('ENTITY_NOT_AUTHORIZED') });
    const person = await citizen(ctx);
    expect(await entityLoginRefusal(ctx, DEMO_ENTITY.accountName, person.username, ENTITY_ONLY, person.password)).toEqual({
      status: 403,
      body: errorOf('ENTITY_NOT_AUTHORIZED'),
    });
    // A wrong password is told as such first, exactly as 账号登录.
    const browser = new Browser(ctx.t.baseUrl);
    const { uid } = await startLogin(browser, ctx.config, ENTITY_ONLY);
    expect((await entityLoginAt(browser, uid, DEMO_ENTITY.uscc, 'wangwu', 'Wrong#pass123')).body.error.code).toBe('CREDENTIALS_INVALID');
  });

  it('refuses an entity not on the platform with 404 ENTITY_NOT_FOUND (field entity)', async () => {
    const notFound = { status: 404, body: errorOf('ENTITY_NOT_FOUND', { field: 'entity' }) };
    expect(await entityLoginRefusal(ctx, UNKNOWN_USCC, 'zhangsan')).toEqual(notFound);
    // In the registry but not registered on the platform.
    expect(await entityLoginRefusal(ctx, SHANGHAI_TRADING.uscc, 'zhangsan')).toEqual(notFound);
    expect(await entityLoginRefusal(ctx, 'nosuchcompany', 'zhangsan')).toEqual(notFound);
    expect(await entityLoginRefusal(ctx, '不是账号', 'zhangsan')).toEqual(notFound);
  });

  it('tells a malformed 18-character USCC (USCC_*, field entity) before the captcha is spent', async () => {
    const browser = new Browser(ctx.t.baseUrl);
    const login = await startLogin(browser, ctx.config, ENTITY_ONLY);
    const captcha = await browser.solvedCaptcha();
    expect(await entityLoginAt(browser, login.uid, BAD_CHECK_USCC, 'zhangsan', PASSWORD, captcha)).toEqual({
      status: 400,
      body: errorOf('USCC_CHECKSUM', { field: 'entity' }),
    });
    expect((await entityLoginAt(browser, login.uid, '91110105MA01XH3R4O', 'zhangsan', PASSWORD, captcha)).body.error).toMatchObject({ code: 'USCC_FORMAT', field: 'entity' });
    // The same captcha still works.
    const answer = await entityLoginAt(browser, login.uid, DEMO_ENTITY.uscc, 'zhangsan', PASSWORD, captcha);
    expect(answer.status).toBe(200);
    expect((await tokensAfter(ctx, browser, login, answer.body.redirectTo)).claims()!.sub).toBe(`entity:${entityId}:${zhangsanSub}`);
  });

  it('refuses 个人登录 on a login_type=entity request with 403 ENTITY_LOGIN_REQUIRED', async () => {
    const browser = new Browser(ctx.t.baseUrl);
    const { uid } = await startLogin(browser, ctx.config, ENTITY_ONLY);
    const answer = await browser.json(`/interaction/${uid}/login`, { json: { identifier: 'zhangsan', password: PASSWORD, ...(await browser.solvedCaptcha()) } });
    expect(answer).toEqual({ status: 403, body: errorOf('ENTITY_LOGIN_REQUIRED') });
  });

  it('refuses 法人登录 on a request without the entity scope with 403 ENTITY_LOGIN_NOT_SUPPORTED', async () => {
    expect(await entityLoginRefusal(ctx, DEMO_ENTITY.uscc, 'zhangsan', {})).toEqual({ status: 403, body: errorOf('ENTITY_LOGIN_NOT_SUPPORTED') });
    expect(await entityLoginRefusal(ctx, DEMO_ENTITY.uscc, 'zhangsan', { scope: 'openid profile' })).toEqual({
      status: 403,
      body: errorOf('ENTITY_LOGIN_NOT_SUPPORTED'),
    });
  });

  it('ignores login_type=entity without the entity scope: a personal login, never an entity one', async () => {
    const extra = { scope: 'openid profile', login_type: 'entity' };
    const browser = new Browser(ctx.t.baseUrl);
    const login = await startLogin(browser, ctx.config, extra);
    expect((await browser.json(`/interaction/${login.uid}/details`)).body.loginTypes).toEqual(['personal']);
    expect(await entityLoginAt(browser, login.uid, DEMO_ENTITY.uscc, 'zhangsan')).toEqual({ status: 403, body: errorOf('ENTITY_LOGIN_NOT_SUPPORTED') });
    expect(await createQr(browser, login.uid, { loginType: 'entity' })).toEqual({ status: 403, body: errorOf('ENTITY_LOGIN_NOT_SUPPORTED') });
    const personal = await browser.json(`/interaction/${login.uid}/login`, { json: { identifier: 'zhangsan', password: PASSWORD, ...(await browser.solvedCaptcha()) } });
    expect(personal.status).toBe(200);
    const claims = (await tokensAfter(ctx, browser, login, personal.body.redirectTo)).claims()!;
    expect(claims.sub).toBe(zhangsanSub);
    expect(claims).not.toHaveProperty('entity');
  });

  it('logs an agent in after the grant, as role agent; a grant for edu-portal covers edu-portal', async () => {
    const zhangsan = await userCenter(ctx, ZHANGSAN);
    await grantAgent(zhangsan, entityId, WANGWU.name, WANGWU.idNumber, beijingDate(ctx.t.clock.now(), 7));
    const { tokens, claims } = await entityLogin(ctx, DEMO_ENTITY.uscc, 'wangwu');
    const actingPerson = { sub: wangwuSub, name: '王*', id_number: '110***********0033', role: 'agent' };
    expect(claims.sub).toBe(`entity:${entityId}:${wangwuSub}`);
    expect(claims).toMatchObject({ entity: { uscc: DEMO_ENTITY.uscc, name: DEMO_ENTITY.name }, acting_person: actingPerson });
    expect(await client.fetchUserInfo(ctx.config, tokens.access_token, claims.sub)).toMatchObject({ acting_person: actingPerson });

    await grantAgent(zhangsan, entityId, WANGWU.name, WANGWU.phone, beijingDate(ctx.t.clock.now(), 7), ['edu-portal']);
    const limited = await entityLogin(ctx, DEMO_ENTITY.accountName, WANGWU.phone);
    expect(limited.claims.acting_person).toEqual(actingPerson);
    // Userinfo and refresh check the grant against the service too: edu-portal is covered.
    expect(await client.fetchUserInfo(ctx.config, limited.tokens.access_token, limited.claims.sub)).toMatchObject({ acting_person: actingPerson });
    const refreshed = await client.refreshTokenGrant(ctx.config, limited.tokens.refresh_token!);
    expect(refreshed.claims()).toMatchObject({ sub: limited.claims.sub, acting_person: actingPerson });
  });
});

// ---------------------------------------------------------------------------
// 5. Revocation and expiry
// ---------------------------------------------------------------------------

describe('revoked agent grants stop at once', () => {
  const ctx = usePlatform();

  it('after revoking 王五: new login ENTITY_NOT_AUTHORIZED, refresh invalid_grant, userinfo refused, and SSO meets the login prompt', async () => {
    const zhangsan = await userCenter(ctx, ZHANGSAN);
    const entityId = await entityIdOf(zhangsan, DEMO_ENTITY.uscc);
    const grant = await grantAgent(zhangsan, entityId, WANGWU.name, WANGWU.idNumber, beijingDate(ctx.t.clock.now(), 30));
    const { browser, tokens, claims } = await entityLogin(ctx, DEMO_ENTITY.uscc, 'wangwu');
    expect(tokens.refresh_token).toBeTruthy();
    // Before the revocation the session gives SSO and the refresh token works.
    const refreshed = await client.refreshTokenGrant(ctx.config, tokens.refresh_token!);
    const sso = await startLoginOrCallback(ctx, browser, ENTITY_ONLY);
    expect(sso).toBe('callback');

    expect(await account.revoke(zhangsan, entityId, grant.id)).toEqual({ status: 200, body: { revoked: true } });

    expect(await entityLoginRefusal(ctx, DEMO_ENTITY.uscc, 'wangwu')).toEqual({ status: 403, body: errorOf('ENTITY_NOT_AUTHORIZED') });
    await expect(client.refreshTokenGrant(ctx.config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(client.fetchUserInfo(ctx.config, refreshed.access_token, claims.sub)).rejects.toMatchObject({ status: 401 });
    const again = await startLogin(browser, ctx.config, ENTITY_ONLY);
    expect((await browser.json(`/interaction/${again.uid}/details`)).body.prompt).toBe('login');

    const failures = (await auditEvents(ctx, 'login.entity')).filter((event) => event.outcome === 'failure');
    expect(failures[0]).toMatchObject({ detail: { entityId, reason: 'ENTITY_NOT_AUTHORIZED' } });
  });
});

/** Where an authorization request from `browser` goes: the login page, or (SSO) straight back to the RP. */
async function startLoginOrCallback(ctx: Context, browser: Browser, extra: Record<string, string>, redirectUri = RP.redirectUri): Promise<'interaction' | 'callback'> {
  const url = client.buildAuthorizationUrl(ctx.config, {
    redirect_uri: redirectUri,
    code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
    scope: 'openid',
    ...extra,
  });
  let next = url.href;
  for (let hop = 0; hop < 8; hop += 1) {
    if (next.startsWith(redirectUri)) return new URL(next).searchParams.get('code') ? 'callback' : 'interaction';
    if (new URL(next).pathname.startsWith('/interaction/')) return 'interaction';
    const response = await browser.request(next);
    await response.arrayBuffer();
    const location = response.headers.get('location');
    if (!location) throw new Error(`no redirect from ${new URL(next).pathname} (${response.status})`);
    next = new URL(location, next).href;
  }
  throw new Error('authorization request did not settle');
}

describe('revoking a grant logs the agent out of the services (back-channel logout)', () => {
  const ctx = {} as Context;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
    // The demo RP (edu-portal) registered at the receiver: redirect_uri and backchannel_logout_uri there.
    ctx.t = await startTestPlatform({ env: { UIA_DEMO_RP_URL: receiver.url } });
    ctx.config = await discover(ctx.t.baseUrl);
  });
  afterAll(async () => {
    await ctx.t?.stop();
    await receiver?.close();
  });

  /** 法人登录 (entity) or 账号登录 (personal) of 王五 at the demo RP, back at the receiver's callback; the tokens. */
  async function loginAtRp(browser: Browser, kind: 'entity' | 'personal') {
    const redirectUri = `${receiver.url}/callback`;
    const login = await startLogin(browser, ctx.config, kind === 'entity' ? { ...ENTITY_ONLY, redirect_uri: redirectUri } : { redirect_uri: redirectUri });
    const answer =
      kind === 'entity'
        ? await entityLoginAt(browser, login.uid, DEMO_ENTITY.uscc, 'wangwu')
        : await browser.json(`/interaction/${login.uid}/login`, { json: { identifier: 'wangwu', password: PASSWORD, ...(await browser.solvedCaptcha()) } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const callback = await browser.followUntil(answer.body.redirectTo, redirectUri);
    return client.authorizationCodeGrant(ctx.config, callback, { pkceCodeVerifier: login.verifier, expectedState: login.state, expectedNonce: login.nonce });
  }

  it("sends the RP a Logout Token for entity:<entityId>:<personId>; the agent's personal login there stays", async () => {
    const zhangsan = await userCenter(ctx, ZHANGSAN);
    const entityId = await entityIdOf(zhangsan, DEMO_ENTITY.uscc);
    const grant = await grantAgent(zhangsan, entityId, WANGWU.name, WANGWU.idNumber, beijingDate(ctx.t.clock.now(), 30));

    const personalBrowser = new Browser(ctx.t.baseUrl);
    const personal = await loginAtRp(personalBrowser, 'personal');
    const personId = personal.claims()!.sub;
    const entityBrowser = new Browser(ctx.t.baseUrl);
    const entity = await loginAtRp(entityBrowser, 'entity');
    const entityClaims = entity.claims()!;
    expect(entityClaims.sub).toBe(`entity:${entityId}:${personId}`);
    receiver.received.length = 0;

    expect(await account.revoke(zhangsan, entityId, grant.id)).toEqual({ status: 200, body: { revoked: true } });

    // The revocation waits for the back-channel request: one Logout Token, for the entity subject only.
    expect(receiver.received.map((request) => request.path)).toEqual(['/backchannel-logout']);
    const token = new URLSearchParams(receiver.received[0]!.body).get('logout_token')!;
    const jwks = createRemoteJWKSet(new URL(ctx.config.serverMetadata().jwks_uri!));
    const { payload } = await jwtVerify(token, jwks, { issuer: ctx.t.issuer, audience: RP.clientId, typ: 'logout+jwt' });
    expect(payload).toMatchObject({
      sub: `entity:${entityId}:${personId}`,
      sid: entityClaims.sid,
      events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
    });
    // The entity login's access token is revoked; the personal login at the same RP keeps working.
    await expect(client.fetchUserInfo(ctx.config, entity.access_token, entityClaims.sub)).rejects.toMatchObject({ status: 401 });
    expect(await client.fetchUserInfo(ctx.config, personal.access_token, personId)).toMatchObject({ sub: personId });
    expect((await client.refreshTokenGrant(ctx.config, personal.refresh_token!)).claims()!.sub).toBe(personId);
    expect(await startLoginOrCallback(ctx, personalBrowser, {}, `${receiver.url}/callback`)).toBe('callback');
    expect(receiver.received).toHaveLength(1);
  });
});

describe('expired agent grants', () => {
  const ctx = usePlatform();

  it('a grant until today works until the next Beijing midnight, then ENTITY_GRANT_EXPIRED; the session meets the login prompt', async () => {
    const zhangsan = await userCenter(ctx, ZHANGSAN);
    const entityId = await entityIdOf(zhangsan, DEMO_ENTITY.uscc);
    await grantAgent(zhangsan, entityId, WANGWU.name, WANGWU.idNumber, beijingDate(ctx.t.clock.now()));
    const { browser, tokens } = await entityLogin(ctx, DEMO_ENTITY.uscc, 'wangwu');

    ctx.t.clock.advance(untilBeijingMidnight(ctx.t.clock.now()) + 1000);

    expect(await entityLoginRefusal(ctx, DEMO_ENTITY.uscc, 'wangwu')).toEqual({ status: 403, body: errorOf('ENTITY_GRANT_EXPIRED') });
    await expect(client.refreshTokenGrant(ctx.config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await startLoginOrCallback(ctx, browser, ENTITY_ONLY)).toBe('interaction');

    // The representative sees it as expired; the agent no longer lists the entity.
    const rep = await userCenter(ctx, ZHANGSAN);
    expect((await account.agents(rep, entityId)).body.agents).toEqual([expect.objectContaining({ status: 'expired' })]);
    expect((await account.entities(await userCenter(ctx, WANGWU))).body.entities).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// 6. Login-type checks on single sign-on
// ---------------------------------------------------------------------------

describe('single sign-on respects the login type', () => {
  const ctx = usePlatform();

  it('a personal session meets the login prompt for login_type=entity, but serves a request that merely allows entity login', async () => {
    const browser = new Browser(ctx.t.baseUrl);
    await passwordLogin(browser, ctx.config, 'zhangsan', PASSWORD);
    const login = await startLogin(browser, ctx.config, ENTITY_ONLY);
    expect((await browser.json(`/interaction/${login.uid}/details`)).body).toMatchObject({ prompt: 'login', loginTypes: ['entity'] });
    expect(await startLoginOrCallback(ctx, browser, { scope: ENTITY_SCOPE })).toBe('callback');
  });

  it('an entity session meets the login prompt at a request without the entity scope, and serves one with it', async () => {
    const { browser } = await entityLogin(ctx, DEMO_ENTITY.uscc, 'zhangsan');
    expect(await startLoginOrCallback(ctx, browser, { scope: 'openid profile' })).toBe('interaction');
    const login = await startLogin(browser, ctx.config, { scope: 'openid profile' });
    expect((await browser.json(`/interaction/${login.uid}/details`)).body).toMatchObject({ prompt: 'login', loginTypes: ['personal'] });
    expect(await startLoginOrCallback(ctx, browser, ENTITY_ONLY)).toBe('callback');
    expect(await startLoginOrCallback(ctx, browser, { scope: ENTITY_SCOPE })).toBe('callback');
    // login_type=entity does not stand in for the scope.
    expect(await startLoginOrCallback(ctx, browser, { scope: 'openid profile', login_type: 'entity' })).toBe('interaction');
  });

  it('the SSO login through an entity session carries the entity claims', async () => {
    const { browser, claims: first } = await entityLogin(ctx, DEMO_ENTITY.uscc, 'zhangsan');
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(ctx.config, {
      redirect_uri: RP.redirectUri,
      scope: ENTITY_SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const callback = await followToRp(browser, url.href);
    const tokens = await client.authorizationCodeGrant(ctx.config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.claims()).toMatchObject({ sub: first.sub, entity: first.entity, acting_person: first.acting_person });
  });
});

// ---------------------------------------------------------------------------
// 7. 法人 扫码登录
// ---------------------------------------------------------------------------

describe('法人 扫码登录', () => {
  const ctx = usePlatform();
  let entityId: string;
  let zhangsan: Browser;
  let wangwuSub: string;
  const wangwuPhone = () => loggedInApp(ctx.t.baseUrl, { idType: WANGWU.idType, name: WANGWU.name, idNumber: WANGWU.idNumber });

  /** A PC at the demo RP's login page with a 法人登录 QR on screen. */
  async function pcWithEntityQr(extra: Record<string, string> = { scope: ENTITY_SCOPE }) {
    const pc = new Browser(ctx.t.baseUrl);
    const login = await startLogin(pc, ctx.config, extra);
    const created = await createQr(pc, login.uid, { loginType: 'entity' });
    expect(created.status).toBe(201);
    return { pc, login, qr: created.body as { id: string } };
  }

  beforeAll(async () => {
    zhangsan = await userCenter(ctx, ZHANGSAN);
    entityId = await entityIdOf(zhangsan, DEMO_ENTITY.uscc);
    wangwuSub = await personalSub(ctx, WANGWU);
  });

  it('logs an agent in by QR: the scan lists the entities, confirming needs the choice, the tokens carry the entity', async () => {
    const grant = await grantAgent(zhangsan, entityId, WANGWU.name, WANGWU.idNumber, beijingDate(ctx.t.clock.now(), 30), ['edu-portal']);
    const { pc, login, qr } = await pcWithEntityQr();
    const { browser: phone } = await wangwuPhone();
    // Not scanned yet: the QR's own state is told before the entity choice is asked for.
    expect(await confirmQr(phone, qr.id)).toMatchObject({ body: errorOf('QR_NOT_SCANNED') });

    const scanned = await scanQr(phone, qr.id);
    expect(scanned.status).toBe(200);
    expect(scanned.body).toMatchObject({
      client: { name: EDU_PORTAL_SERVICE.name },
      loginType: 'entity',
      entities: [{ id: entityId, uscc: DEMO_ENTITY.uscc, name: DEMO_ENTITY.name, role: 'agent' }],
    });
    expect(await confirmQr(phone, qr.id)).toEqual({ status: 400, body: errorOf('ENTITY_CHOICE_REQUIRED', { field: 'entityId' }) });
    expect(await confirmQr(phone, qr.id, { entityId })).toEqual({ status: 200, body: { status: 'confirmed' } });

    const completed = await completeQr(pc, login.uid, qr.id);
    expect(completed.status).toBe(200);
    const claims = (await tokensAfter(ctx, pc, login, completed.body.redirectTo)).claims() as Record<string, any>;
    expect(claims).toMatchObject({
      sub: `entity:${entityId}:${wangwuSub}`,
      acr: 'L3',
      amr: ['face', 'mca'],
      entity: { uscc: DEMO_ENTITY.uscc, name: DEMO_ENTITY.name },
      acting_person: { sub: wangwuSub, name: '王*', id_number: '110***********0033', role: 'agent' },
    });
    const events = (await auditEvents(ctx, 'login.qr')).filter((event) => event.outcome === 'success');
    expect(events[0]!.detail).toMatchObject({ clientId: 'edu-portal', entityId });
    await account.revoke(zhangsan, entityId, grant.id);
  });

  it('logs the representative in by QR on a login_type=entity request (the QR is entity-only even without a body type)', async () => {
    const pc = new Browser(ctx.t.baseUrl);
    const login = await startLogin(pc, ctx.config, ENTITY_ONLY);
    const created = await createQr(pc, login.uid, {});
    expect(created.status).toBe(201);
    expect(await createQr(pc, login.uid, { loginType: 'personal' })).toEqual({ status: 403, body: errorOf('ENTITY_LOGIN_REQUIRED') });
    const fresh = (await createQr(pc, login.uid, { loginType: 'entity' })).body as { id: string };
    const { browser: phone } = await loggedInApp(ctx.t.baseUrl, { idType: ZHANGSAN.idType, name: ZHANGSAN.name, idNumber: ZHANGSAN.idNumber });
    const scanned = await scanQr(phone, fresh.id);
    expect(scanned.body).toMatchObject({ loginType: 'entity', entities: [{ id: entityId, role: 'legal_representative' }] });
    await confirmQr(phone, fresh.id, { entityId });
    const completed = await completeQr(pc, login.uid, fresh.id);
    const claims = (await tokensAfter(ctx, pc, login, completed.body.redirectTo)).claims() as Record<string, any>;
    expect(claims.acting_person).toMatchObject({ role: 'legal_representative', name: '张*' });
  });

  it('refuses a non-member confirming with the entity id: ENTITY_NOT_AUTHORIZED, the QR stays scanned and unconfirmed', async () => {
    const { pc, login, qr } = await pcWithEntityQr();
    const { browser: phone } = await loggedInApp(ctx.t.baseUrl, appPerson());
    expect((await scanQr(phone, qr.id)).body).toMatchObject({ loginType: 'entity', entities: [] });
    expect(await confirmQr(phone, qr.id, { entityId })).toEqual({ status: 403, body: errorOf('ENTITY_NOT_AUTHORIZED') });
    expect(await confirmQr(phone, qr.id, { entityId: 'no-such-entity' })).toEqual({ status: 404, body: errorOf('ENTITY_NOT_FOUND') });
    expect(await completeQr(pc, login.uid, qr.id)).toEqual({ status: 409, body: errorOf('QR_NOT_CONFIRMED') });
  });

  it('checks the grant again at completion: revoked between confirm and complete → 403 ENTITY_NOT_AUTHORIZED', async () => {
    const grant = await grantAgent(zhangsan, entityId, WANGWU.name, WANGWU.phone, beijingDate(ctx.t.clock.now(), 30));
    const { pc, login, qr } = await pcWithEntityQr();
    const { browser: phone } = await wangwuPhone();
    await scanQr(phone, qr.id);
    expect((await confirmQr(phone, qr.id, { entityId })).status).toBe(200);
    expect(await account.revoke(zhangsan, entityId, grant.id)).toEqual({ status: 200, body: { revoked: true } });
    expect(await completeQr(pc, login.uid, qr.id)).toEqual({ status: 403, body: errorOf('ENTITY_NOT_AUTHORIZED') });
    // The login page never got a login.
    expect((await pc.json(`/interaction/${login.uid}/details`)).body.prompt).toBe('login');
  });

  it('refuses a 法人 QR for a request without the entity scope with 403 ENTITY_LOGIN_NOT_SUPPORTED; a personal QR there has no entities', async () => {
    const pc = new Browser(ctx.t.baseUrl);
    const login = await startLogin(pc, ctx.config);
    expect(await createQr(pc, login.uid, { loginType: 'entity' })).toEqual({ status: 403, body: errorOf('ENTITY_LOGIN_NOT_SUPPORTED') });
    const personal = await createQr(pc, login.uid, {});
    expect(personal.status).toBe(201);
    const { browser: phone } = await loggedInApp(ctx.t.baseUrl, { idType: ZHANGSAN.idType, name: ZHANGSAN.name, idNumber: ZHANGSAN.idNumber });
    const scanned = await scanQr(phone, personal.body.id);
    expect(scanned.status).toBe(200);
    expect(scanned.body).not.toHaveProperty('loginType');
    expect(scanned.body).not.toHaveProperty('entities');
    // A personal QR ignores an entity choice.
    expect(await confirmQr(phone, personal.body.id, { entityId })).toEqual({ status: 200, body: { status: 'confirmed' } });
    const completed = await completeQr(pc, login.uid, personal.body.id);
    const claims = (await tokensAfter(ctx, pc, login, completed.body.redirectTo)).claims() as Record<string, any>;
    expect(claims.sub).not.toMatch(/^entity:/);
    expect(claims).not.toHaveProperty('entity');
  });
});

// ---------------------------------------------------------------------------
// 8. Bad input on the new endpoints
// ---------------------------------------------------------------------------

describe('bad input on the 法人 endpoints', () => {
  const ctx = usePlatform();
  let zhangsan: Browser;
  let entityId: string;
  beforeAll(async () => {
    zhangsan = await userCenter(ctx, ZHANGSAN);
    entityId = await entityIdOf(zhangsan, DEMO_ENTITY.uscc);
  });

  const unknownField = { status: 400, body: errorOf('UNKNOWN_FIELD') };
  const tooLong = (field: string) => ({ status: 400, body: errorOf('FIELD_TOO_LONG', { field }) });
  const invalid = (field: string) => ({ status: 400, body: errorOf('FIELD_INVALID', { field }) });
  const required = (field: string) => ({ status: 400, body: errorOf('FIELD_REQUIRED', { field }) });

  it('注册单位: unknown fields, over-long and wrongly typed fields', async () => {
    expect(await account.register(zhangsan, { ...EDU_CONSULTING, legalRep: 'x' })).toEqual(unknownField);
    expect(await account.register(zhangsan, { uscc: 'A'.repeat(33), name: EDU_CONSULTING.name })).toEqual(tooLong('uscc'));
    expect(await account.register(zhangsan, { uscc: EDU_CONSULTING.uscc, name: '公'.repeat(101) })).toEqual(tooLong('name'));
    expect(await account.register(zhangsan, { ...EDU_CONSULTING, accountName: 'a'.repeat(65) })).toEqual(tooLong('accountName'));
    expect(await account.register(zhangsan, { uscc: 91110108, name: EDU_CONSULTING.name })).toEqual(invalid('uscc'));
    expect(await account.register(zhangsan, { uscc: EDU_CONSULTING.uscc, name: ['x'] })).toEqual(invalid('name'));
    expect(await account.register(zhangsan, { uscc: EDU_CONSULTING.uscc })).toEqual(required('name'));
    expect(await account.register(zhangsan, { uscc: 'short', name: EDU_CONSULTING.name })).toEqual({ status: 400, body: errorOf('USCC_FORMAT', { field: 'uscc' }) });
    expect((await account.register(zhangsan, { ...EDU_CONSULTING, accountName: 'a b' })).body.error.field).toBe('accountName');
  });

  it('管理经办人: unknown fields, over-long and wrongly typed fields, and bodies that are no object', async () => {
    const good = { agentName: WANGWU.name, agent: WANGWU.idNumber, services: null, expiresOn: beijingDate(ctx.t.clock.now(), 10) };
    expect(await account.grant(zhangsan, entityId, { ...good, role: 'admin' })).toEqual(unknownField);
    expect(await account.grant(zhangsan, entityId, { ...good, agent: '1'.repeat(33) })).toEqual(tooLong('agent'));
    expect(await account.grant(zhangsan, entityId, { ...good, expiresOn: '2030-01-01T00' })).toEqual(tooLong('expiresOn'));
    expect(await account.grant(zhangsan, entityId, { ...good, services: Array.from({ length: 51 }, () => 'edu-portal') })).toEqual(tooLong('services'));
    expect(await account.grant(zhangsan, entityId, { ...good, services: ['e'.repeat(65)] })).toEqual(tooLong('services.0'));
    expect(await account.grant(zhangsan, entityId, { ...good, services: 'edu-portal' })).toEqual(invalid('services'));
    expect(await account.grant(zhangsan, entityId, { ...good, services: [7] })).toEqual(invalid('services.0'));
    expect(await account.grant(zhangsan, entityId, { ...good, agent: Number('110108198506120033') })).toEqual(invalid('agent'));
    const { agentName: _agentName, ...withoutName } = good;
    expect(await account.grant(zhangsan, entityId, withoutName)).toEqual(required('agentName'));
    expect(await account.grant(zhangsan, entityId, { ...good, agentName: '' })).toEqual(required('agentName'));
    expect(await account.grant(zhangsan, entityId, { ...good, agentName: '王'.repeat(61) })).toEqual(tooLong('agentName'));
    expect(await account.grant(zhangsan, entityId, { ...good, agentName: ['王五'] })).toEqual(invalid('agentName'));
    expect(await account.grant(zhangsan, entityId, { agentName: WANGWU.name, agent: WANGWU.idNumber, expiresOn: good.expiresOn })).toEqual(required('services'));
    expect(await account.grant(zhangsan, entityId, [good] as never)).toEqual({ status: 400, body: errorOf('BODY_INVALID') });
    const notJson = await zhangsan.json(`/api/account/entities/${entityId}/agents`, { body: '{"agent":', headers: { 'content-type': 'application/json' } });
    expect(notJson).toEqual({ status: 400, body: errorOf('BODY_INVALID') });
    expect(await zhangsan.json(`/api/account/entities/${entityId}/agents/some-grant/revoke`, { json: { reason: 'x' } })).toEqual(unknownField);
    expect(await zhangsan.json('/api/account/logout', { json: { everywhere: true } })).toEqual(unknownField);
    // None of it granted anything.
    expect((await account.agents(zhangsan, entityId)).body.agents).toEqual([]);
  });

  it('法人登录: unknown fields, over-long and wrongly typed fields', async () => {
    const browser = new Browser(ctx.t.baseUrl);
    const { uid } = await startLogin(browser, ctx.config, ENTITY_ONLY);
    const body = { entity: DEMO_ENTITY.uscc, identifier: 'zhangsan', password: PASSWORD, captchaId: 'c', captchaAnswer: 'a' };
    const post = (json: unknown) => browser.json(`/interaction/${uid}/entity-login`, { json });
    expect(await post({ ...body, loginType: 'entity' })).toEqual(unknownField);
    expect(await post({ ...body, entity: 'x'.repeat(65) })).toEqual(tooLong('entity'));
    expect(await post({ ...body, entity: 91110105 })).toEqual(invalid('entity'));
    expect(await post({ ...body, entity: '' })).toEqual(required('entity'));
    const { entity: _entity, ...withoutEntity } = body;
    expect(await post(withoutEntity)).toEqual(required('entity'));
    expect(await post({ ...body, identifier: { $ne: null } })).toEqual(invalid('identifier'));
  });

  it('法人 扫码登录: bad QR login types and entity choices', async () => {
    const pc = new Browser(ctx.t.baseUrl);
    const { uid } = await startLogin(pc, ctx.config, { scope: ENTITY_SCOPE });
    expect(await createQr(pc, uid, { loginType: 'company' })).toEqual(invalid('loginType'));
    expect(await createQr(pc, uid, { loginType: 1 })).toEqual(invalid('loginType'));
    expect(await createQr(pc, uid, { loginType: 'entity', entityId })).toEqual(unknownField);

    const created = await createQr(pc, uid, { loginType: 'entity' });
    const { browser: phone } = await loggedInApp(ctx.t.baseUrl, { idType: ZHANGSAN.idType, name: ZHANGSAN.name, idNumber: ZHANGSAN.idNumber });
    await scanQr(phone, created.body.id);
    expect(await confirmQr(phone, created.body.id, { entityId: 'e'.repeat(65) })).toEqual(tooLong('entityId'));
    expect(await confirmQr(phone, created.body.id, { entityId: 7 })).toEqual(invalid('entityId'));
    expect(await confirmQr(phone, created.body.id, { entityId, uscc: DEMO_ENTITY.uscc })).toEqual(unknownField);
    expect(await confirmQr(phone, created.body.id, { entityId: '' })).toEqual(required('entityId'));
    // Still confirmable with a proper choice.
    expect(await confirmQr(phone, created.body.id, { entityId })).toEqual({ status: 200, body: { status: 'confirmed' } });
  });
});
