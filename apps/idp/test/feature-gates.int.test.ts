import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage, type ErrorCode } from '@uia/i18n';
import { DEMO_ACCOUNT, DEMO_ENTITY } from '../src/demo/demo-data.ts';
import { ANDROID_UA, appPerson, faceLogin, IPHONE_UA, loggedInApp } from './app-helpers.ts';
import { Browser, startTestPlatform, type TestPlatform } from './harness.ts';
import { appQr, pcQr } from './qr-helpers.ts';
import { newPerson, registerCitizen } from './registration-helpers.ts';
import { discover, followToRp, startLogin } from './relying-party.ts';
import { account, userCenterLogin } from './user-center-helpers.ts';
import { liveFrames } from './support/face-frames.ts';

/**
 * A platform as a city starts it with none of the optional vendors
 * (docs/configuration.md, 功能开关): no identity registry, no face verifier,
 * no business registry, no IP database. Every feature that needs one is off,
 * cleanly, and says so.
 */
const NO_OPTIONAL_VENDORS = { UIA_IDENTITY_PROVIDER: 'none', UIA_FACE_PROVIDER: 'none', UIA_BUSINESS_REGISTRY: 'none', UIA_IP_DATABASE: 'none' };

const errorOf = (code: ErrorCode) => ({ error: expect.objectContaining({ code, message: formatMessage(code) }) });

let t: TestPlatform;
let config: client.Configuration;
const logLines: string[] = [];

beforeAll(async () => {
  t = await startTestPlatform({ env: { ...NO_OPTIONAL_VENDORS, UIA_LOG_LEVEL: 'info' }, logStream: { write: (line) => void logLines.push(line) } });
  config = await discover(t.baseUrl);
});
afterAll(() => t?.stop());

/** 张三 (seeded, L2) logged in to the app by SMS code: the only app login without a face verifier. */
async function smsLoggedInApp() {
  const phone = new Browser(t.baseUrl);
  // One code per phone number a minute: each test's login is a minute after the last.
  t.clock.advance(61_000);
  const person = { idType: DEMO_ACCOUNT.idType, name: DEMO_ACCOUNT.name, idNumber: DEMO_ACCOUNT.idNumber };
  const sent = await phone.json('/app/api/login/sms/send', { json: { ...person, ...(await phone.solvedCaptcha()) } });
  expect(sent.status).toBe(200);
  const login = await phone.json('/app/api/login/sms', {
    json: { ...person, smsCode: await phone.latestSmsCode(DEMO_ACCOUNT.phone), validityDays: 7 },
    headers: { 'user-agent': ANDROID_UA },
  });
  expect(login.status).toBe(200);
  return { phone, session: login.body.session as { acr: string; amr: string[] } };
}

describe(`功能开关: no optional vendors (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'} + ${process.env.REDIS_URL ? 'Redis' : 'in-process store'})`, () => {
  it('tells the UIs what is off through /api/site, and logs the on/off table once at start, without secrets', async () => {
    const { body } = await new Browser(t.baseUrl).json('/api/site');
    expect(body.features).toEqual({ realName: false, faceCheck: false, entityServices: false, ipRegion: false });
    const tables = logLines.filter((line) => line.includes('功能开关'));
    expect(tables).toHaveLength(1);
    const message = JSON.parse(tables[0]!).msg as string;
    expect(message).toMatch(/实名核验 \(identity registry\)\s+none\s+关 off：注册账号为 L1（未实名）/);
    expect(message).toMatch(/人脸识别 \(face verifier\)\s+none\s+关 off/);
    expect(message).toMatch(/法人服务 \(business registry\)\s+none\s+关 off/);
    expect(message).toMatch(/短信 \(SMS channel\)\s+dev-outbox\s+开 on/);
    expect(tables[0]).not.toMatch(/secret|key/i);
  });

  it('registers L1 (未实名) accounts with format checks only, and audits the level', async () => {
    const browser = new Browser(t.baseUrl);
    // The demo registry would say "mismatch" for 不符; with no registry nothing is asked.
    const person = await registerCitizen(browser, { ...newPerson(), name: '李不符' });
    const events = (await t.platform.audit.recent(20)).filter((event) => event.type === 'account.register' && event.outcome === 'success');
    expect(events[0]?.detail).toMatchObject({ assuranceLevel: 'L1' });
    const again = await browser.json('/api/register', { json: { ...newPerson(), idNumber: 'not-an-id', smsCode: '000000', agreeTerms: true } });
    expect(again.body.error.code).toBe('ID_NUMBER_FORMAT');

    // Its password login proves L1, however much the relying party would like more.
    const pc = new Browser(t.baseUrl);
    const login = await startLogin(pc, config);
    const { body } = await pc.json(`/interaction/${login.uid}/login`, { json: { identifier: person.username, password: person.password, ...(await pc.solvedCaptcha()) } });
    const callback = await followToRp(pc, body.redirectTo);
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: login.verifier, expectedState: login.state, expectedNonce: login.nonce });
    expect(tokens.claims()!.acr).toBe('L1');
  });

  it('offers the app SMS login only: face challenge, face login and 换绑 by face answer FACE_CHECK_UNAVAILABLE', async () => {
    const browser = new Browser(t.baseUrl);
    expect(await browser.json('/app/api/face/challenge', { json: {} })).toEqual({ status: 403, body: errorOf('FACE_CHECK_UNAVAILABLE') });
    const person = { idType: DEMO_ACCOUNT.idType, name: DEMO_ACCOUNT.name, idNumber: DEMO_ACCOUNT.idNumber };
    expect(await faceLogin(browser, person, { challengeId: 'fc_AAAAAAAAAAAAAAAAAAAAAA' }, IPHONE_UA)).toEqual({ status: 403, body: errorOf('FACE_CHECK_UNAVAILABLE') });

    const { phone, session } = await smsLoggedInApp();
    expect(session).toMatchObject({ acr: 'L2', amr: ['sms'] });
    const byFace = await phone.json('/app/api/phone/face', { json: { faceConsent: true, challengeId: 'fc_AAAAAAAAAAAAAAAAAAAAAA', frames: liveFrames() } });
    expect(byFace).toEqual({ status: 403, body: errorOf('FACE_CHECK_UNAVAILABLE') });
  });

  it('logs an L1 account in to the app by SMS at L1, and only with the name it registered with', async () => {
    const person = await registerCitizen(new Browser(t.baseUrl));
    const phone = new Browser(t.baseUrl);
    const identity = { idType: person.idType, idNumber: person.idNumber };
    const wrongName = await phone.json('/app/api/login/sms/send', { json: { ...identity, name: '别人', ...(await phone.solvedCaptcha()) } });
    expect(wrongName).toEqual({ status: 422, body: errorOf('REALNAME_MISMATCH') });
    t.clock.advance(61_000); // the registration's code went to this phone a moment ago
    expect((await phone.json('/app/api/login/sms/send', { json: { ...identity, name: person.name, ...(await phone.solvedCaptcha()) } })).status).toBe(200);
    const login = await phone.json('/app/api/login/sms', { json: { ...identity, name: person.name, smsCode: await phone.latestSmsCode(person.phone), validityDays: 1 } });
    expect(login.body.session).toMatchObject({ acr: 'L1', amr: ['sms'] });
  });

  it('proves at most L2 by QR (amr sms + mca), and shows 未知地区 without an IP database', async () => {
    const pc = new Browser(t.baseUrl);
    const login = await startLogin(pc, config);
    const qr = (await pcQr.create(pc, login.uid)).body;
    const { phone } = await smsLoggedInApp();
    const scanned = await appQr.scan(phone, qr.id);
    expect(scanned.body.requester.place).toBe('未知地区');
    expect((await appQr.confirm(phone, qr.id)).status).toBe(200);
    const completed = await pcQr.complete(pc, login.uid, qr.id);
    const callback = await followToRp(pc, completed.body.redirectTo);
    const claims = (await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: login.verifier, expectedState: login.state, expectedNonce: login.nonce })).claims()!;
    expect(claims.acr).toBe('L2');
    expect(claims.amr).toEqual(['sms', 'mca']);
  });

  it('refuses acr_values=L3 with a page that says why, instead of a QR that can never reach it', async () => {
    const pc = new Browser(t.baseUrl);
    const login = await startLogin(pc, config, { acr_values: 'L3' });
    const page = await pc.request(`/interaction/${login.uid}`);
    expect(page.status).toBe(403);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('无法完成登录');
    expect(html).toContain(formatMessage('ACR_LEVEL_UNAVAILABLE'));
    expect(await pc.json(`/interaction/${login.uid}/details`)).toEqual({ status: 403, body: errorOf('ACR_LEVEL_UNAVAILABLE') });
    expect(await pcQr.create(pc, login.uid)).toEqual({ status: 403, body: errorOf('ACR_LEVEL_UNAVAILABLE') });

    // L2 is still within reach: the login page as usual.
    const l2 = await startLogin(pc, config, { acr_values: 'L2' });
    expect((await pc.request(`/interaction/${l2.uid}`)).status).toBe(200);
  });

  it('hides 法人登录 and answers ENTITY_LOGIN_UNAVAILABLE at its API, for entity-only requests and in the user center', async () => {
    const pc = new Browser(t.baseUrl);
    const both = await startLogin(pc, config, { scope: 'openid profile entity' });
    expect((await pc.json(`/interaction/${both.uid}/details`)).body.loginTypes).toEqual(['personal']);
    const entityLogin = await pc.json(`/interaction/${both.uid}/entity-login`, {
      json: { entity: DEMO_ENTITY.uscc, identifier: DEMO_ACCOUNT.username, password: DEMO_ACCOUNT.password, ...(await pc.solvedCaptcha()) },
    });
    expect(entityLogin).toEqual({ status: 403, body: errorOf('ENTITY_LOGIN_UNAVAILABLE') });
    expect(await pcQr.create(pc, both.uid)).toMatchObject({ status: 201 });

    const entityOnly = await startLogin(pc, config, { scope: 'openid profile entity', login_type: 'entity' });
    const page = await pc.request(`/interaction/${entityOnly.uid}`);
    expect(page.status).toBe(403);
    expect(await page.text()).toContain(formatMessage('ENTITY_LOGIN_UNAVAILABLE'));

    const browser = new Browser(t.baseUrl);
    await userCenterLogin(browser, DEMO_ACCOUNT.username, DEMO_ACCOUNT.password);
    const registered = await account.register(browser, { uscc: '91110108MA02PL8K7Q', name: '北京演示教育咨询有限公司' });
    expect(registered).toEqual({ status: 403, body: errorOf('ENTITY_LOGIN_UNAVAILABLE') });
  });

  it('keeps /readyz to the storage checks: simulators and absent vendors have nothing to reach', async () => {
    const { status, body } = await new Browser(t.baseUrl).json('/readyz');
    expect(status).toBe(200);
    expect(Object.keys(body.checks).sort()).toEqual(['database', 'keyValue']);
  });
});

describe(`IP 归属地 from the offline database (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'} + ${process.env.REDIS_URL ? 'Redis' : 'in-process store'})`, () => {
  let withIpDatabase: TestPlatform;
  beforeAll(async () => {
    withIpDatabase = await startTestPlatform({ env: { UIA_IP_DATABASE: 'offline' } });
  });
  afterAll(() => withIpDatabase?.stop());

  it('shows 省/市 of the PC on 确认登录, and says so in /api/site', async () => {
    expect((await new Browser(withIpDatabase.baseUrl).json('/api/site')).body.features).toEqual({ realName: true, faceCheck: true, entityServices: true, ipRegion: true });
    // A Shenzhen address from the database (the harness believes X-Forwarded-For: no real network needed).
    const pc = new Browser(withIpDatabase.baseUrl, '202.96.134.133');
    const login = await startLogin(pc, await discover(withIpDatabase.baseUrl));
    const qr = (await pcQr.create(pc, login.uid)).body;
    const { browser: phone } = await loggedInApp(withIpDatabase.baseUrl, appPerson());
    expect((await appQr.scan(phone, qr.id)).body.requester).toMatchObject({ ip: '202.96.134.133', place: '广东省深圳市' });
  });
});
