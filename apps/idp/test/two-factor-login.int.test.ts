// A relying party that requires two factors (client metadata uia_require_two_factors): a right
// password is answered with the SMS step (code to the bound phone, masked), only the right code
// logs in, and the ID token's amr names both factors (RFC 8176: pwd, sms). Without the setting the
// password alone logs in, as before. By QR, only an app logged in by face counts (face + mca).
import * as client from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../src/demo/demo-data.ts';
import { REQUIRE_TWO_FACTORS } from '../src/services/clients/builtin-clients.ts';
import { ANDROID_UA, loggedInApp } from './app-helpers.ts';
import { Browser } from './harness.ts';
import { appQr, pcQr } from './qr-helpers.ts';
import { followToRp, RP, startLogin, useRelyingPartyPlatform } from './relying-party.ts';

describe(`two login factors (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  const rp = useRelyingPartyPlatform();
  const requireTwoFactors = async (required: boolean) => {
    const registered = (await rp.t.platform.clients.find(RP.clientId))!;
    await rp.t.platform.clients.upsert({ ...registered, metadata: { ...registered.metadata, [REQUIRE_TWO_FACTORS]: required } });
  };
  const passwordStep = async (browser: Browser, extra: Record<string, string> = {}) => {
    const started = await startLogin(browser, rp.config, extra);
    const answer = await browser.json(`/interaction/${started.uid}/login`, { json: { identifier: DEMO_ACCOUNT.username, password: DEMO_ACCOUNT.password, ...(await browser.solvedCaptcha()) } });
    return { started, answer };
  };
  const tokensAt = (callback: URL, started: Awaited<ReturnType<typeof startLogin>>) =>
    client.authorizationCodeGrant(rp.config, callback, { pkceCodeVerifier: started.verifier, expectedState: started.state, expectedNonce: started.nonce });

  beforeAll(async () => {
    await requireTwoFactors(true);
  });

  it('asks for the SMS code after the password and logs in with amr ["pwd", "sms"]', async () => {
    rp.t.clock.advance(61_000);
    const browser = new Browser(rp.t.baseUrl);
    const { started, answer } = await passwordStep(browser);
    expect(answer).toMatchObject({ status: 200, body: { secondFactor: 'sms', phone: expect.stringContaining('*'), resendAfter: expect.any(Number), expiresIn: expect.any(Number) } });
    expect(answer.body.redirectTo).toBeUndefined();
    const code = await browser.latestSmsCode(DEMO_ACCOUNT.phone);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await browser.json(`/interaction/${started.uid}/second-factor`, { json: { smsCode: wrong } })).toMatchObject({ status: 400, body: { error: { code: 'SMS_CODE_INVALID' } } });
    const { status, body } = await browser.json(`/interaction/${started.uid}/second-factor`, { json: { smsCode: code } });
    expect(status, JSON.stringify(body)).toBe(200);
    const tokens = await tokensAt(await followToRp(browser, body.redirectTo), started);
    expect(tokens.claims()!.amr).toEqual(['pwd', 'sms']);
  });

  // A password reset committed after the password was read voids the login (oidc/checks/credentials-changed.ts
  // compares it with auth_time): dated at the code instead, a login with the old password would outlive the reset.
  it('dates the login at its password check, not at the code (auth_time)', async () => {
    rp.t.clock.advance(61_000);
    const browser = new Browser(rp.t.baseUrl);
    const passwordCheckedAt = Math.floor(rp.t.clock.now() / 1000);
    // max_age makes the ID token carry auth_time.
    const { started, answer } = await passwordStep(browser, { max_age: '86400' });
    expect(answer.body.secondFactor).toBe('sms');
    const code = await browser.latestSmsCode(DEMO_ACCOUNT.phone);
    rp.t.clock.advance(120_000);
    const { status, body } = await browser.json(`/interaction/${started.uid}/second-factor`, { json: { smsCode: code } });
    expect(status, JSON.stringify(body)).toBe(200);
    const tokens = await client.authorizationCodeGrant(rp.config, await followToRp(browser, body.redirectTo), {
      pkceCodeVerifier: started.verifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
      maxAge: 86400,
    });
    expect(tokens.claims()!.auth_time).toBe(passwordCheckedAt);
  });

  it('takes no code before the password', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const started = await startLogin(browser, rp.config);
    expect(await browser.json(`/interaction/${started.uid}/second-factor`, { json: { smsCode: '123456' } })).toMatchObject({ status: 409, body: { error: { code: 'SECOND_FACTOR_NOT_STARTED' } } });
  });

  it('without the setting, the password alone logs in (amr ["pwd"])', async () => {
    await requireTwoFactors(false);
    try {
      const browser = new Browser(rp.t.baseUrl);
      const { started, answer } = await passwordStep(browser);
      expect(answer.status).toBe(200);
      const tokens = await tokensAt(await followToRp(browser, answer.body.redirectTo), started);
      expect(tokens.claims()!.amr).toEqual(['pwd']);
    } finally {
      await requireTwoFactors(true);
    }
  });
  it('by QR, takes the confirmation of an app logged in by face (amr ["face", "mca"]), not of one logged in by SMS code', async () => {
    const pc = new Browser(rp.t.baseUrl);
    const started = await startLogin(pc, rp.config);
    const qr = await pcQr.create(pc, started.uid);
    expect(qr.status).toBe(201);

    // 张三's app logged in by SMS code: the phone is the one factor, and confirming on it would count it twice.
    rp.t.clock.advance(61_000);
    const smsPhone = new Browser(rp.t.baseUrl);
    const person = { idType: DEMO_ACCOUNT.idType, name: DEMO_ACCOUNT.name, idNumber: DEMO_ACCOUNT.idNumber };
    expect((await smsPhone.json('/app/api/login/sms/send', { json: { ...person, ...(await smsPhone.solvedCaptcha()) } })).status).toBe(200);
    const smsCode = await smsPhone.latestSmsCode(DEMO_ACCOUNT.phone);
    expect((await smsPhone.json('/app/api/login/sms', { json: { ...person, smsCode, validityDays: 1 }, headers: { 'user-agent': ANDROID_UA } })).status).toBe(200);
    expect((await appQr.scan(smsPhone, qr.body.id)).status).toBe(200);
    expect(await appQr.confirm(smsPhone, qr.body.id)).toMatchObject({ status: 403, body: { error: { code: 'QR_FACE_REQUIRED' } } });

    // After a face login in the app, scanning again and confirming logs in with both factors.
    const facePhone = (await loggedInApp(rp.t.baseUrl, person)).browser;
    expect((await appQr.scan(facePhone, qr.body.id)).status).toBe(200);
    expect((await appQr.confirm(facePhone, qr.body.id)).status).toBe(200);
    const completed = await pcQr.complete(pc, started.uid, qr.body.id);
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    const tokens = await tokensAt(await followToRp(pc, completed.body.redirectTo), started);
    expect(tokens.claims()!.amr).toEqual(['face', 'mca']);
  });
});
