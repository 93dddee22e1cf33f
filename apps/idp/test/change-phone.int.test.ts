import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANDROID_UA, appPerson, faceChallenge, faceLogin, loggedInApp } from './app-helpers.ts';
import { Browser, randomPhone, startTestPlatform, type TestPlatform } from './harness.ts';
import { newPerson, registerCitizen } from './registration-helpers.ts';
import { asDataUrl, faceFrame, liveFrames } from './support/face-frames.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.stop());

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;
const audit = async (type: string) => (await t.platform.audit.recent(500)).filter((event) => event.type === type);

/** A registered citizen (with a bound phone) logged in to the app by face. */
async function citizenInApp() {
  const citizen = await registerCitizen(new Browser(t.baseUrl));
  const app = await loggedInApp(t.baseUrl, { idType: citizen.idType, name: citizen.name, idNumber: citizen.idNumber });
  t.clock.advance(61_000); // registration's code was the last one to this phone
  return { citizen, ...app };
}

async function oldPhoneTicket(browser: Browser, phone: string) {
  const sent = await browser.json('/app/api/phone/old/send', { json: {} });
  expect(sent).toMatchObject({ status: 200, body: { maskedPhone: masked(phone), resendAfter: 60, expiresIn: 300 } });
  const verified = await browser.json('/app/api/phone/old/verify', { json: { smsCode: await browser.latestSmsCode(phone) } });
  expect(verified.status).toBe(200);
  return verified.body.ticket as string;
}

/** 换绑's face step, as the app does it: a fresh challenge, then the frames. */
async function phoneFace(browser: Browser, json: Record<string, unknown>) {
  const challengeId = 'challengeId' in json ? undefined : (await faceChallenge(browser)).challengeId;
  return browser.json('/app/api/phone/face', { json: { challengeId, ...json } });
}

async function faceTicket(browser: Browser) {
  const verified = await phoneFace(browser, { faceConsent: true, frames: liveFrames() });
  expect(verified.status).toBe(200);
  return verified.body.ticket as string;
}

const sendNew = async (browser: Browser, ticket: string, phone: string) => browser.json('/app/api/phone/new/send', { json: { ticket, phone, ...(await browser.solvedCaptcha()) } });
const verifyNew = (browser: Browser, ticket: string, phone: string, smsCode: string) => browser.json('/app/api/phone/new/verify', { json: { ticket, phone, smsCode } });

describe(`换绑手机号 (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('proves the person by a code to the old phone, then binds the new one; sessions stay, the old phone is told', async () => {
    const { citizen, browser, session } = await citizenInApp();
    expect((await browser.json('/app/api/phone/old/verify', { json: { smsCode: '000000' } })).body.error.code).toBe('SMS_CODE_EXPIRED');
    const ticket = await oldPhoneTicket(browser, citizen.phone);

    const newPhone = randomPhone();
    expect(await sendNew(browser, ticket, newPhone)).toMatchObject({ status: 200, body: { resendAfter: 60, expiresIn: 300 } });
    // The code proves the number it was sent to, and only that one.
    const code = await browser.latestSmsCode(newPhone);
    expect((await verifyNew(browser, ticket, randomPhone(), code)).body.error).toMatchObject({ code: 'SMS_CODE_EXPIRED', field: 'smsCode' });
    const changed = await verifyNew(browser, ticket, newPhone, code);
    expect(changed).toMatchObject({ status: 200, body: { maskedPhone: masked(newPhone) } });

    const me = await browser.json('/app/api/me');
    expect(me.status).toBe(200);
    expect(me.body.session.id).toBe(session.id);
    expect(me.body.person.maskedPhone).toBe(masked(newPhone));

    const notice = (await browser.sentSms()).find((message) => message.to === citizen.phone && message.code === null);
    expect(notice?.text).toContain('绑定手机号已更换');
    expect((await browser.sentSms()).some((message) => message.to === newPhone && message.code === null)).toBe(false);

    const [event] = await audit('account.phone_changed');
    expect(event).toMatchObject({ outcome: 'success', detail: { method: 'sms', hadPhone: true, appSessionId: session.id } });
    expect(event!.accountId).toEqual(expect.any(String));

    // One-time: the ticket is spent.
    t.clock.advance(61_000);
    expect(await sendNew(browser, ticket, randomPhone())).toMatchObject({ status: 410, body: { error: { code: 'PHONE_CHANGE_STEP_INVALID', message: '本次换绑已失效，请重新开始' } } });

    // The old number is free again; the new one is the person's (SMS login reaches it).
    await registerCitizen(new Browser(t.baseUrl), { ...newPerson(), phone: citizen.phone });
    const other = new Browser(t.baseUrl);
    const smsSend = await other.json('/app/api/login/sms/send', { json: { idType: citizen.idType, name: citizen.name, idNumber: citizen.idNumber, ...(await other.solvedCaptcha()) } });
    expect(smsSend.body.maskedPhone).toBe(masked(newPhone));
  });

  it('proves the person by a face check when the old phone is lost', async () => {
    const { citizen, browser } = await citizenInApp();
    expect((await phoneFace(browser, { faceConsent: false, frames: liveFrames() })).body.error.code).toBe('FACE_CONSENT_REQUIRED');
    const still = asDataUrl(faceFrame());
    expect((await phoneFace(browser, { faceConsent: true, frames: [still, still] })).body.error.code).toBe('FACE_NOT_LIVE');
    const ticket = await faceTicket(browser);

    const newPhone = randomPhone();
    await sendNew(browser, ticket, newPhone);
    const changed = await verifyNew(browser, ticket, newPhone, await browser.latestSmsCode(newPhone));
    expect(changed.body.maskedPhone).toBe(masked(newPhone));
    expect((await browser.sentSms()).some((message) => message.to === citizen.phone && message.text.includes('绑定手机号已更换'))).toBe(true);
    const events = await audit('account.phone_changed');
    expect(events.find((e) => e.detail?.method === 'face')).toMatchObject({ outcome: 'success', detail: { hadPhone: true } });
    expect((await audit('phone_change.face')).map((e) => e.detail?.reason ?? 'passed')).toEqual(expect.arrayContaining(['passed', 'FACE_NOT_LIVE', 'FACE_CONSENT_REQUIRED']));
  });

  it('needs a fresh challenge for the face step: none, an unknown, a spent or an expired one is refused without spending the face budget', async () => {
    const { browser } = await citizenInApp();
    const refused = { status: 400, body: { error: { code: 'FACE_CHALLENGE_INVALID', message: '人脸识别已超时，请重新开始识别' } } };
    expect(await phoneFace(browser, { faceConsent: true, frames: liveFrames(), challengeId: undefined })).toMatchObject(refused);
    expect(await phoneFace(browser, { faceConsent: true, frames: liveFrames(), challengeId: `fc_${'B'.repeat(22)}` })).toMatchObject(refused);

    // A challenge spent by a login cannot be used again here, nor one spent here.
    const login = await faceChallenge(browser);
    expect((await faceLogin(new Browser(t.baseUrl), appPerson(), { challengeId: login.challengeId })).status).toBe(200);
    expect(await phoneFace(browser, { faceConsent: true, frames: liveFrames(), challengeId: login.challengeId })).toMatchObject(refused);
    const once = await faceChallenge(browser);
    expect((await phoneFace(browser, { faceConsent: true, frames: liveFrames(), challengeId: once.challengeId })).status).toBe(200);
    expect(await phoneFace(browser, { faceConsent: true, frames: liveFrames(), challengeId: once.challengeId })).toMatchObject(refused);

    const late = await faceChallenge(browser);
    t.clock.advance(120_000);
    expect(await phoneFace(browser, { faceConsent: true, frames: liveFrames(), challengeId: late.challengeId })).toMatchObject(refused);
    for (let n = 0; n < 5; n += 1) expect((await phoneFace(browser, { faceConsent: true, frames: liveFrames(), challengeId: undefined })).status).toBe(400);

    // One face check passed so far: four more of the 5 an hour remain.
    for (let n = 0; n < 4; n += 1) expect((await phoneFace(browser, { faceConsent: true, frames: liveFrames() })).status).toBe(200);
    expect((await phoneFace(browser, { faceConsent: true, frames: liveFrames() })).status).toBe(429);
    expect((await audit('phone_change.face')).some((e) => e.outcome === 'failure' && e.detail?.reason === 'FACE_CHALLENGE_INVALID')).toBe(true);
  });

  it('binds a first phone to an account made by a face login (which has none to prove with)', async () => {
    const { browser } = await loggedInApp(t.baseUrl, appPerson());
    expect(await browser.json('/app/api/phone/old/send', { json: {} })).toMatchObject({ status: 409, body: { error: { code: 'PHONE_CHANGE_NO_OLD_PHONE' } } });
    const ticket = await faceTicket(browser);
    const newPhone = randomPhone();
    await sendNew(browser, ticket, newPhone);
    expect((await verifyNew(browser, ticket, newPhone, await browser.latestSmsCode(newPhone))).body.maskedPhone).toBe(masked(newPhone));
    expect((await browser.json('/app/api/me')).body.person.maskedPhone).toBe(masked(newPhone));
    expect((await audit('account.phone_changed')).find((e) => e.detail?.hadPhone === false)).toMatchObject({ outcome: 'success', detail: { method: 'face' } });
  });

  it('refuses the current number, a malformed one, and one bound to another account', async () => {
    const { citizen, browser } = await citizenInApp();
    const someoneElse = await registerCitizen(new Browser(t.baseUrl));
    const ticket = await faceTicket(browser);
    expect((await sendNew(browser, ticket, citizen.phone)).body.error).toMatchObject({ code: 'PHONE_UNCHANGED', message: '新手机号不能与原手机号相同', field: 'phone' });
    expect((await sendNew(browser, ticket, '12345')).body.error).toMatchObject({ code: 'PHONE_INVALID', field: 'phone' });
    expect(await sendNew(browser, ticket, someoneElse.phone)).toMatchObject({ status: 409, body: { error: { code: 'PHONE_TAKEN', field: 'phone' } } });
    expect((await browser.sentSms()).filter((message) => message.to === someoneElse.phone)).toHaveLength(1); // registration's code only
  });

  it('loses the race for a number to whoever binds it first (PHONE_TAKEN at the change)', async () => {
    const { browser } = await citizenInApp();
    const ticket = await faceTicket(browser);
    const contested = randomPhone();
    await sendNew(browser, ticket, contested);
    const code = await browser.latestSmsCode(contested);
    t.clock.advance(61_000);
    await registerCitizen(new Browser(t.baseUrl), { ...newPerson(), phone: contested });
    expect(await verifyNew(browser, ticket, contested, code)).toMatchObject({ status: 409, body: { error: { code: 'PHONE_TAKEN' } } });
    expect((await audit('account.phone_changed')).some((e) => e.outcome === 'failure' && e.detail?.reason === 'PHONE_TAKEN')).toBe(true);
  });

  it('keeps the ticket to the app session that earned it, for 10 minutes', async () => {
    const { citizen, browser } = await citizenInApp();
    const ticket = await faceTicket(browser);
    const samePersonOtherPhone = await loggedInApp(t.baseUrl, { idType: citizen.idType, name: citizen.name, idNumber: citizen.idNumber }, ANDROID_UA);
    expect(await sendNew(samePersonOtherPhone.browser, ticket, randomPhone())).toMatchObject({ status: 403, body: { error: { code: 'PHONE_CHANGE_STEP_INVALID' } } });
    expect((await sendNew(browser, 'made-up-ticket', randomPhone())).body.error.code).toBe('PHONE_CHANGE_STEP_INVALID');

    t.clock.advance(10 * 60_000 - 2_000);
    const newPhone = randomPhone();
    expect((await sendNew(browser, ticket, newPhone)).status).toBe(200);
    t.clock.advance(2_000);
    expect(await verifyNew(browser, ticket, newPhone, await browser.latestSmsCode(newPhone))).toMatchObject({ status: 410, body: { error: { code: 'PHONE_CHANGE_STEP_INVALID' } } });
  });

  it('needs a live app session for every step', async () => {
    const browser = new Browser(t.baseUrl);
    const steps: [string, unknown][] = [
      ['/app/api/phone/old/send', {}],
      ['/app/api/phone/old/verify', { smsCode: '123456' }],
      ['/app/api/phone/face', { faceConsent: true, frames: liveFrames() }],
      ['/app/api/phone/new/send', { ticket: 'x', phone: randomPhone(), captchaId: 'x', captchaAnswer: 'x' }],
      ['/app/api/phone/new/verify', { ticket: 'x', phone: randomPhone(), smsCode: '123456' }],
    ];
    for (const [path, json] of steps) {
      expect(await browser.json(path, { json })).toMatchObject({ status: 401, body: { error: { code: 'APP_LOGIN_REQUIRED' } } });
    }
  });

  it('writes no phone number, name or ID number into the audit log', async () => {
    const dump = JSON.stringify(await t.platform.audit.recent(1000));
    // An 11-digit mobile number on its own: not inside a longer number (times are 13-digit epoch
    // milliseconds) nor inside a hex or base64url token (a UUID's last group can be 11 digits and a letter).
    expect(dump).not.toMatch(/(?<![\dA-Za-z_-])1[3-9]\d{9}(?![\dA-Za-z_-])/);
    expect(dump).not.toContain('王小明');
    expect(dump).not.toContain('赵小红');
    expect(dump).not.toMatch(/(?<!\d)110101\d{11}[\dX]/);
  });
});
