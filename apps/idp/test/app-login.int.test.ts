import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANDROID_UA, appPerson, faceChallenge, faceLogin, IPHONE_UA, loggedInApp } from './app-helpers.ts';
import { Browser, randomResidentId, startTestPlatform, type TestPlatform } from './harness.ts';
import { registerCitizen } from './registration-helpers.ts';
import { asDataUrl, blankFrame, faceFrame } from './support/face-frames.ts';

const DAY = 24 * 3600 * 1000;
/** The parts of a successful app login's answer these tests read. */
type AppLoginBody = { person: unknown; session: { id: string; acr: string; amr: string[]; expiresAt: string; createdAt: string } };
const logLines: string[] = [];
/** Everything personal the tests type, to prove none of it reaches the audit log or the logs. */
const typed = new Set<string>(['11010519491231002X', '13800000001']);

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ env: { UIA_LOG_LEVEL: 'trace' }, logStream: { write: (line) => void logLines.push(line) } });
});
afterAll(() => t.stop());

const remember = <T extends { name?: string; idNumber: string; phone?: string }>(person: T) => {
  for (const value of [person.name, person.idNumber, person.phone]) if (value) typed.add(value);
  return person;
};
const audit = (type: string) => t.platform.audit.recent(500).then((events) => events.filter((event) => event.type === type));
const accountOfSession = async (sessionId: string) => {
  const event = (await audit('app.login_face')).find((e) => e.outcome === 'success' && e.detail?.appSessionId === sessionId);
  return t.platform.database.selectFrom('accounts').selectAll().where('id', '=', event!.accountId!).executeTakeFirstOrThrow();
};

describe(`app login by face (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('creates a real-person (L3) account at a first login, without username, password or phone', async () => {
    const person = remember(appPerson());
    const browser = new Browser(t.baseUrl);
    const { challengeId } = await faceChallenge(browser);
    const response = await browser.request('/app/api/login/face', {
      json: { ...person, validityDays: 1, faceConsent: true, challengeId, frames: [asDataUrl(faceFrame()), asDataUrl(faceFrame({ offsetX: 24 }))] },
      headers: { 'user-agent': IPHONE_UA },
    });
    const body = (await response.json()) as AppLoginBody;
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(body.person).toEqual({ maskedName: '赵*红', maskedIdNumber: `110***********${person.idNumber.slice(-4)}`, maskedPhone: null, assuranceLevel: 'L3' });
    expect(body.session).toMatchObject({ acr: 'L3', amr: ['face'] });
    expect(Date.parse(body.session.expiresAt) - Date.parse(body.session.createdAt)).toBe(DAY);

    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('uia_app='))!;
    expect(cookie).toMatch(/^uia_app=[\w-]{43};/);
    expect(cookie).toContain('Max-Age=86400');
    expect(cookie).toContain('Path=/app');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure'); // PUBLIC_URL is plain http here

    const row = await accountOfSession(body.session.id);
    expect(row).toMatchObject({ username: null, password_hash: null, phone_cipher: null, phone_index: null, assurance_level: 'L3', status: 'active' });
    const [event] = (await audit('app.login_face')).filter((e) => e.detail?.appSessionId === body.session.id);
    expect(event).toMatchObject({ outcome: 'success', accountId: row.id, detail: { accountCreated: true, acr: 'L3', validityDays: 1, idType: 'resident_id' } });

    // The token is stored only as its hash.
    const token = cookie.slice('uia_app='.length, cookie.indexOf(';'));
    const stored = await t.platform.database.selectFrom('app_sessions').selectAll().where('id', '=', body.session.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toBe(token);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.device).toBe('iPhone · Safari');
  });

  it('finds the same account at the next login', async () => {
    const person = remember(appPerson());
    const first = await loggedInApp(t.baseUrl, person);
    const second = await loggedInApp(t.baseUrl, person);
    expect((await accountOfSession(second.session.id)).id).toBe((await accountOfSession(first.session.id)).id);
  });

  it('raises an existing real-name (L2) account to L3: the demo citizen 张三', async () => {
    const browser = new Browser(t.baseUrl);
    const { status, body } = await faceLogin(browser, { idType: 'resident_id', name: '张三', idNumber: '11010519491231002X' });
    expect(status).toBe(200);
    expect(body.person).toEqual({ maskedName: '张*', maskedIdNumber: '110***********002X', maskedPhone: '138****0001', assuranceLevel: 'L3' });
    const row = await accountOfSession(body.session.id);
    expect(row).toMatchObject({ username: 'zhangsan', assurance_level: 'L3' });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it("refuses a name that is not the ID number's (实名核验)", async () => {
    const seeded = await faceLogin(new Browser(t.baseUrl), { idType: 'resident_id', name: '李四', idNumber: '11010519491231002X' });
    expect(seeded).toMatchObject({ status: 422, body: { error: { code: 'REALNAME_MISMATCH', message: '姓名与证件号码不一致，请核对后重试', field: 'name' } } });
    const simulatedMismatch = await faceLogin(new Browser(t.baseUrl), { ...appPerson(), name: '王不符' });
    expect(simulatedMismatch.body.error.code).toBe('REALNAME_MISMATCH');
  });

  it('needs the separate face consent, a 登录有效期 of 1, 7 or 30 days and well-formed documents', async () => {
    const browser = new Browser(t.baseUrl);
    const person = appPerson();
    expect(await faceLogin(browser, person, { faceConsent: false })).toMatchObject({
      status: 400,
      body: { error: { code: 'FACE_CONSENT_REQUIRED', message: '请阅读并同意《人脸识别服务授权》后再开始人脸识别', field: 'faceConsent' } },
    });
    for (const validityDays of [0, 3, 365, 1.5, -1]) {
      expect((await faceLogin(browser, person, { validityDays })).body.error).toMatchObject({ code: 'APP_VALIDITY_INVALID', message: '请选择登录有效期' });
    }
    expect((await faceLogin(browser, person, { validityDays: '7' })).body.error.code).toBe('FIELD_INVALID');
    expect((await faceLogin(browser, person, { name: 'x' })).body.error).toMatchObject({ code: 'NAME_INVALID', field: 'name' });
    expect((await faceLogin(browser, person, { idNumber: `${person.idNumber.slice(0, 17)}${person.idNumber.endsWith('0') ? '1' : '0'}` })).body.error.field).toBe('idNumber');
    expect((await faceLogin(browser, person, { idType: 'driving_licence' })).body.error.code).toBe('ID_TYPE_INVALID');
    expect((await faceLogin(browser, person, { extra: 1 })).body.error.code).toBe('UNKNOWN_FIELD');
  });

  it('answers each face-check failure with its own code', async () => {
    const browser = new Browser(t.baseUrl);
    const person = appPerson();
    const frame = asDataUrl(faceFrame());
    const expectFailure = async (overrides: Record<string, unknown>, status: number, code: string, who = person) => {
      const response = await faceLogin(browser, who, overrides);
      expect(response.status).toBe(status);
      expect(response.body.error.code).toBe(code);
      expect(response.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    };
    await expectFailure({ frames: [frame, frame] }, 422, 'FACE_NOT_LIVE');
    await expectFailure({ frames: [asDataUrl(blankFrame()), asDataUrl(blankFrame())] }, 422, 'FACE_NO_FACE');
    await expectFailure({}, 422, 'FACE_MISMATCH', { ...appPerson(), idNumber: randomResidentId('998') });
    await expectFailure({ frames: [frame] }, 422, 'FACE_FRAMES_INVALID');
    await expectFailure({ frames: Array.from({ length: 7 }, () => frame) }, 422, 'FACE_FRAMES_INVALID');
    await expectFailure({ frames: [asDataUrl(faceFrame(), 'image/png'), frame] }, 422, 'FACE_FRAMES_INVALID');
    await expectFailure({ frames: [`${frame} `, frame] }, 422, 'FACE_FRAMES_INVALID');
    await expectFailure({ frames: [asDataUrl(Buffer.from('GIF89a…not a jpeg')), frame] }, 422, 'FACE_FRAMES_INVALID');
    const oversized = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(205 * 1024)]);
    await expectFailure({ frames: [asDataUrl(oversized), frame] }, 422, 'FACE_FRAMES_INVALID');
    // A truncated JPEG decodes to nothing: no face.
    await expectFailure({ frames: [asDataUrl(faceFrame().subarray(0, 300)), frame] }, 422, 'FACE_NO_FACE');
    const failures = (await audit('app.login_face')).filter((e) => e.outcome === 'failure').map((e) => e.detail?.reason);
    expect(failures).toEqual(expect.arrayContaining(['FACE_NOT_LIVE', 'FACE_NO_FACE', 'FACE_MISMATCH', 'FACE_FRAMES_INVALID']));
  });

  it('takes big bodies only on the face routes', async () => {
    const browser = new Browser(t.baseUrl);
    const big = asDataUrl(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(199 * 1024)]));
    // The limit also fits a 2 MB clip (a video-capturing verifier): eleven frames at the cap are over it.
    const tooBig = await faceLogin(browser, appPerson(), { frames: Array.from({ length: 11 }, () => big) });
    expect(tooBig).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
    const allowed = await faceLogin(browser, appPerson(), { frames: Array.from({ length: 6 }, () => big) });
    expect(allowed.body.error.code).toBe('FACE_NO_FACE');
    const elsewhere = await browser.json('/app/api/login/sms', { json: { ...appPerson(), smsCode: '123456', validityDays: 1, padding: 'x'.repeat(20_000) } });
    expect(elsewhere).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
  });

  it('limits attempts per ID number from one address, without locking the owner out elsewhere', async () => {
    const person = appPerson();
    const frame = asDataUrl(faceFrame());
    const attacker = new Browser(t.baseUrl);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect((await faceLogin(attacker, person, { frames: [frame, frame] })).body.error.code).toBe('FACE_NOT_LIVE');
    }
    const limited = await faceLogin(attacker, person);
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await faceLogin(new Browser(t.baseUrl), person)).status).toBe(200);
  });

  it('limits attempts per ID number overall, whatever the addresses', async () => {
    const person = appPerson();
    const frame = asDataUrl(faceFrame());
    for (let attempt = 0; attempt < 50; attempt += 1) {
      expect((await faceLogin(new Browser(t.baseUrl), person, { frames: [frame, frame] })).body.error.code).toBe('FACE_NOT_LIVE');
    }
    expect((await faceLogin(new Browser(t.baseUrl), person)).status).toBe(429);
  });
});

describe("the face check's liveness challenge", () => {
  const challengeRefused = { status: 400, body: { error: { code: 'FACE_CHALLENGE_INVALID', message: '人脸识别已超时，请重新开始识别' } } };

  it('is issued without a session: two distinct actions of blink / shake / nod, for 120 s, never cached', async () => {
    const browser = new Browser(t.baseUrl);
    const response = await browser.request('/app/api/face/challenge', { json: {} });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { challengeId: string };
    expect(body).toEqual({ challengeId: expect.stringMatching(/^fc_[\w-]{22}$/), actions: expect.any(Array), expiresIn: 120, capture: { kind: 'frames' } });
    const seen = new Set<string>();
    for (let n = 0; n < 12; n += 1) {
      const { challengeId, actions } = await faceChallenge(browser);
      expect(challengeId).not.toBe(body.challengeId);
      expect(actions).toHaveLength(2);
      expect(new Set(actions).size).toBe(2);
      for (const action of actions) expect(['blink', 'shake', 'nod']).toContain(action);
      seen.add(actions.join());
    }
    expect(seen.size).toBeGreaterThan(1); // server-chosen, not a fixed script (6 sequences: all equal 12 times is 1 in 6^11)
    expect((await browser.json('/app/api/face/challenge', { json: { actions: ['blink'] } })).body.error.code).toBe('UNKNOWN_FIELD');
  });

  it('refuses a face login without a challenge, with an unknown one, and before the budgets or the registry are spent', async () => {
    const person = appPerson();
    for (const challengeId of [undefined, '', `fc_${'A'.repeat(22)}`, 'made-up', 'fc_../../etc']) {
      expect(await faceLogin(new Browser(t.baseUrl), person, { challengeId })).toMatchObject(challengeRefused);
    }
    for (let attempt = 0; attempt < 7; attempt += 1) {
      expect((await faceLogin(new Browser(t.baseUrl), person, { challengeId: undefined })).body.error.code).toBe('FACE_CHALLENGE_INVALID');
    }
    // Twelve refusals, and the person's 10 attempts an hour are still all there.
    expect((await faceLogin(new Browser(t.baseUrl), person)).status).toBe(200);
    const failures = (await audit('app.login_face')).filter((e) => e.outcome === 'failure').map((e) => e.detail?.reason);
    expect(failures).toContain('FACE_CHALLENGE_INVALID');
  });

  it('is one-time: a replayed login, even a successful one, and a challenge spent by a failed check are refused', async () => {
    const browser = new Browser(t.baseUrl);
    const person = appPerson();
    const { challengeId } = await faceChallenge(browser);
    expect((await faceLogin(browser, person, { challengeId })).status).toBe(200);
    // The very same request again, from the same or another phone.
    expect(await faceLogin(browser, person, { challengeId })).toMatchObject(challengeRefused);
    expect(await faceLogin(new Browser(t.baseUrl), person, { challengeId })).toMatchObject(challengeRefused);

    const still = asDataUrl(faceFrame());
    const spent = await faceChallenge(browser);
    expect((await faceLogin(browser, person, { challengeId: spent.challengeId, frames: [still, still] })).body.error.code).toBe('FACE_NOT_LIVE');
    expect(await faceLogin(browser, person, { challengeId: spent.challengeId })).toMatchObject(challengeRefused);

    // Of two requests racing with one challenge, exactly one gets it.
    const raced = await faceChallenge(browser);
    const results = await Promise.all([0, 1].map(() => faceLogin(new Browser(t.baseUrl), appPerson(), { challengeId: raced.challengeId })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
  });

  it('expires after 120 s by the service clock', async () => {
    const browser = new Browser(t.baseUrl);
    const inTime = await faceChallenge(browser);
    t.clock.advance(119_000);
    expect((await faceLogin(browser, appPerson(), { challengeId: inTime.challengeId })).status).toBe(200);

    const late = await faceChallenge(browser);
    t.clock.advance(120_000);
    expect(await faceLogin(browser, appPerson(), { challengeId: late.challengeId })).toMatchObject(challengeRefused);
  });

  it('is rate-limited per address', async () => {
    const browser = new Browser(t.baseUrl);
    for (let n = 0; n < 60; n += 1) expect((await browser.request('/app/api/face/challenge', { json: {} })).status).toBe(200);
    const limited = await browser.json('/app/api/face/challenge', { json: {} });
    expect(limited).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } });
    expect((await faceChallenge(new Browser(t.baseUrl))).actions).toHaveLength(2); // another address is not affected
  });
});

describe('app login by SMS code (the lower-assurance alternative)', () => {
  const sendCode = async (browser: Browser, person: { idType: string; name: string; idNumber: string }) =>
    browser.json('/app/api/login/sms/send', { json: { idType: person.idType, name: person.name, idNumber: person.idNumber, ...(await browser.solvedCaptcha()) } });
  const smsLogin = (browser: Browser, person: { idType: string; name: string; idNumber: string }, smsCode: string, validityDays = 7) =>
    browser.json('/app/api/login/sms', { json: { idType: person.idType, name: person.name, idNumber: person.idNumber, smsCode, validityDays }, headers: { 'user-agent': ANDROID_UA } });

  it('logs a registered person in at L2 with a code to the bound phone, once per code', async () => {
    const citizen = remember(await registerCitizen(new Browser(t.baseUrl)));
    t.clock.advance(61_000); // registration's code was the last one to this phone
    const browser = new Browser(t.baseUrl);
    const sent = await sendCode(browser, citizen);
    expect(sent).toMatchObject({ status: 200, body: { maskedPhone: `${citizen.phone.slice(0, 3)}****${citizen.phone.slice(-4)}`, resendAfter: 60, expiresIn: 300 } });
    const code = await browser.latestSmsCode(citizen.phone);

    expect((await smsLogin(browser, citizen, code === '000000' ? '000001' : '000000')).body.error.code).toBe('SMS_CODE_INVALID');
    const { status, body } = await smsLogin(browser, citizen, code);
    expect(status).toBe(200);
    expect(body.person).toMatchObject({ maskedName: '王*明', maskedPhone: expect.stringMatching(/^139\*{4}\d{4}$/), assuranceLevel: 'L2' });
    expect(body.session).toMatchObject({ acr: 'L2', amr: ['sms'] });
    expect((await browser.json('/app/api/me')).body.session.amr).toEqual(['sms']);
    expect((await smsLogin(new Browser(t.baseUrl), citizen, code)).body.error.code).toBe('SMS_CODE_EXPIRED');

    const events = await audit('app.login_sms');
    expect(events.find((e) => e.outcome === 'success' && e.detail?.appSessionId === body.session.id)).toMatchObject({ detail: { acr: 'L2' } });
    expect(events.some((e) => e.outcome === 'failure' && e.detail?.reason === 'SMS_CODE_INVALID')).toBe(true);
  });

  it('proves at most L2, even for a real person (L3)', async () => {
    const citizen = remember(await registerCitizen(new Browser(t.baseUrl)));
    await loggedInApp(t.baseUrl, { idType: citizen.idType, name: citizen.name, idNumber: citizen.idNumber });
    t.clock.advance(61_000);
    const browser = new Browser(t.baseUrl);
    await sendCode(browser, citizen);
    const { body } = await smsLogin(browser, citizen, await browser.latestSmsCode(citizen.phone));
    expect(body.person.assuranceLevel).toBe('L3');
    expect(body.session.acr).toBe('L2');
  });

  it('needs a registry match, a solved captcha and an account with a bound phone', async () => {
    const browser = new Browser(t.baseUrl);
    const noPhone = remember(appPerson());
    await loggedInApp(t.baseUrl, noPhone);
    expect(await sendCode(browser, noPhone)).toMatchObject({ status: 409, body: { error: { code: 'APP_NO_BOUND_PHONE' } } });
    expect((await sendCode(browser, appPerson())).body.error.code).toBe('APP_NO_BOUND_PHONE');
    expect((await sendCode(browser, { idType: 'resident_id', name: '李四', idNumber: '11010519491231002X' })).body.error.code).toBe('REALNAME_MISMATCH');
    const wrongCaptcha = await browser.json('/app/api/login/sms/send', { json: { ...appPerson(), captchaId: 'nope', captchaAnswer: 'AAAA' } });
    expect(wrongCaptcha.body.error.code).toMatch(/^CAPTCHA_/);
    const missing = await smsLogin(browser, noPhone, '123456');
    expect(missing.body.error.code).toBe('APP_NO_BOUND_PHONE');
  });
});

describe('我的: sessions and 退出登录', () => {
  it("lists the person's sessions, ends another one, and logs out", async () => {
    const person = remember(appPerson());
    const phone = await loggedInApp(t.baseUrl, person, IPHONE_UA);
    const tablet = await loggedInApp(t.baseUrl, person, ANDROID_UA);

    const me = await phone.browser.json('/app/api/me');
    expect(me.status).toBe(200);
    expect(me.body.person).toMatchObject({ maskedName: '赵*红', assuranceLevel: 'L3', maskedPhone: null });
    expect(me.body.session).toEqual(phone.session);
    expect(me.body.sessions).toEqual([
      { id: tablet.session.id, device: 'Android · Chrome', acr: 'L3', createdAt: tablet.session.createdAt, expiresAt: tablet.session.expiresAt, current: false },
      { id: phone.session.id, device: 'iPhone · Safari', acr: 'L3', createdAt: phone.session.createdAt, expiresAt: phone.session.expiresAt, current: true },
    ]);

    expect((await phone.browser.request(`/app/api/sessions/${tablet.session.id}/revoke`, { method: 'POST' })).status).toBe(204);
    expect(await tablet.browser.json('/app/api/me')).toMatchObject({ status: 401, body: { error: { code: 'APP_LOGIN_REQUIRED', message: '请先登录手机App' } } });
    expect((await phone.browser.json(`/app/api/sessions/${tablet.session.id}/revoke`, { method: 'POST' })).body.error.code).toBe('APP_SESSION_NOT_FOUND');

    // Another person's session cannot be ended from here.
    const stranger = await loggedInApp(t.baseUrl, appPerson());
    expect((await phone.browser.json(`/app/api/sessions/${stranger.session.id}/revoke`, { method: 'POST' })).status).toBe(404);
    expect((await stranger.browser.json('/app/api/me')).status).toBe(200);

    const cookieHeader = `uia_app=${await cookieOf(phone.browser)}`;
    const logout = await phone.browser.request('/app/api/logout', { method: 'POST' });
    expect(logout.status).toBe(204);
    expect(logout.headers.getSetCookie().join()).toMatch(/uia_app=;.*Path=\/app/);
    // The old cookie value no longer opens anything, wherever it is replayed from.
    expect((await fetch(`${t.baseUrl}/app/api/me`, { headers: { cookie: cookieHeader } })).status).toBe(401);

    const accountId = (await accountOfSession(phone.session.id)).id;
    const events = (await t.platform.audit.recent(50)).filter((e) => e.accountId === accountId);
    expect(events.find((e) => e.type === 'app.logout')).toMatchObject({ outcome: 'success', detail: { appSessionId: phone.session.id } });
    expect(events.filter((e) => e.type === 'app.session_revoke').map((e) => [e.outcome, e.detail?.reason ?? null])).toEqual(
      expect.arrayContaining([
        ['success', null],
        ['failure', 'APP_SESSION_NOT_FOUND'],
      ]),
    );
  });

  it('answers 401 APP_LOGIN_REQUIRED without a live session, and for a made-up cookie', async () => {
    const browser = new Browser(t.baseUrl);
    expect((await browser.json('/app/api/me')).status).toBe(401);
    expect((await browser.json('/app/api/logout', { method: 'POST' })).body.error.code).toBe('APP_LOGIN_REQUIRED');
    for (const cookie of ['uia_app=abc', `uia_app=${'A'.repeat(43)}`, 'uia_app=']) {
      expect((await fetch(`${t.baseUrl}/app/api/me`, { headers: { cookie } })).status).toBe(401);
    }
  });
});

describe('personal data', () => {
  it('never reaches the audit log or the logs, and neither do the frames', async () => {
    // A body that is not JSON: the parser's complaint quotes it, and must not be logged either.
    const broken = await new Browser(t.baseUrl).request('/app/api/login/face', {
      body: `{"name":"赵小红","frames":["${asDataUrl(faceFrame())}"`,
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    const auditDump = JSON.stringify(await t.platform.audit.recent(1000));
    const logs = logLines.join('');
    expect(logs).toContain('/app/api/login/face'); // the logs were captured
    // As whole tokens: a log's float such as "responseTime":3.7713800000001356 holds
    // the digits 13800000001 without holding a phone number.
    for (const value of typed) {
      const asToken = new RegExp(`(?<![0-9A-Za-z])${value}(?![0-9A-Za-z])`);
      expect(auditDump).not.toMatch(asToken);
      expect(logs).not.toMatch(asToken);
    }
    for (const name of ['赵小红', '王小明', '张三', '李四']) expect(logs).not.toContain(name);
    // Every JPEG's base64 starts with /9j/.
    for (const dump of [auditDump, logs]) {
      expect(dump).not.toContain('/9j/');
      expect(dump).not.toContain('data:image');
    }
  });
});

describe('登录有效期', () => {
  // Last in the file: it moves the platform's clock a month forward.
  it('ends each session exactly when its 1, 7 or 30 days are over', async () => {
    const sessions = [];
    for (const validityDays of [1, 7, 30]) {
      const browser = new Browser(t.baseUrl);
      const { challengeId } = await faceChallenge(browser);
      const response = await browser.request('/app/api/login/face', {
        json: { ...appPerson(), validityDays, faceConsent: true, challengeId, frames: [asDataUrl(faceFrame()), asDataUrl(faceFrame({ offsetX: 24 }))] },
      });
      const body = (await response.json()) as AppLoginBody;
      expect(response.headers.getSetCookie().join()).toContain(`Max-Age=${validityDays * 86400}`);
      expect(Date.parse(body.session.expiresAt) - Date.parse(body.session.createdAt)).toBe(validityDays * DAY);
      sessions.push({ browser, validityDays, expiresAt: Date.parse(body.session.expiresAt) });
    }
    const status = (browser: Browser) => browser.request('/app/api/me').then((r) => r.status);
    for (const session of sessions) {
      t.clock.advance(session.expiresAt - 1000 - t.clock.now());
      expect(await status(session.browser)).toBe(200);
      t.clock.advance(session.expiresAt - t.clock.now());
      expect(await status(session.browser)).toBe(401);
      for (const later of sessions.filter((s) => s.validityDays > session.validityDays)) expect(await status(later.browser)).toBe(200);
    }
  });
});

async function cookieOf(browser: Browser): Promise<string> {
  return (browser as unknown as { cookies: Map<string, string> }).cookies.get('uia_app')!;
}
