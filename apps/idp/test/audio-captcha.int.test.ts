import { describe, expect, it } from 'vitest';
import { Browser } from './harness.ts';
import { registerCitizen } from './registration-helpers.ts';
import { startLogin, useRelyingPartyPlatform } from './relying-party.ts';
import { decodeSpokenDigits } from './support/spoken-digits.ts';

const rp = useRelyingPartyPlatform();

/** 听语音验证码 as a listener: fetch the challenge, hear its digits. */
async function heardCaptcha(browser: Browser) {
  const { status, body } = await browser.json<{ id: string; audio: string; expiresIn: number }>('/api/captcha/audio', { method: 'POST' });
  expect(status).toBe(201);
  const [, base64] = /^data:audio\/wav;base64,(.+)$/.exec(body.audio) ?? [];
  expect(base64).toBeTruthy();
  return { captchaId: body.id, captchaAnswer: decodeSpokenDigits(Buffer.from(base64!, 'base64')).digits, expiresIn: body.expiresIn };
}

function sendRegisterCode(browser: Browser, captcha: { captchaId: string; captchaAnswer: string }) {
  const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  return browser.json('/api/sms/send', { json: { phone, purpose: 'register', captchaId: captcha.captchaId, captchaAnswer: captcha.captchaAnswer } });
}

describe('听语音验证码 (audio captcha)', () => {
  it('speaks six digits that the graphic captcha’s own check accepts, once', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const captcha = await heardCaptcha(browser);
    expect(captcha.captchaAnswer).toMatch(/^\d{6}$/);
    expect(captcha.expiresIn).toBe(300);
    // What the server holds is what was heard.
    expect((await browser.json(`/dev/captcha/${captcha.captchaId}`)).body.answer).toBe(captcha.captchaAnswer);
    expect((await sendRegisterCode(browser, captcha)).status).toBe(200);
    const replay = await sendRegisterCode(browser, captcha);
    expect(replay.body.error).toMatchObject({ code: 'CAPTCHA_EXPIRED', field: 'captchaAnswer' });
  });

  it('accepts the digits typed in groups, and a wrong answer uses the challenge up', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const grouped = await heardCaptcha(browser);
    expect((await sendRegisterCode(browser, { ...grouped, captchaAnswer: grouped.captchaAnswer.replace(/(\d{3})/, '$1 ') })).status).toBe(200);

    const wrong = await heardCaptcha(browser);
    const flipped = wrong.captchaAnswer.replace(/^./, (d) => String((Number(d) + 1) % 10));
    expect((await sendRegisterCode(browser, { ...wrong, captchaAnswer: flipped })).body.error.code).toBe('CAPTCHA_INVALID');
    expect((await sendRegisterCode(browser, wrong)).body.error.code).toBe('CAPTCHA_EXPIRED');
  });

  it('expires after five minutes by the service clock, like the picture', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const captcha = await heardCaptcha(browser);
    rp.t.clock.advance(301_000);
    expect((await sendRegisterCode(browser, captcha)).body.error.code).toBe('CAPTCHA_EXPIRED');
  });

  it('opens 账号登录 and 忘记密码 like the picture does', async () => {
    const person = await registerCitizen(new Browser(rp.t.baseUrl));
    const browser = new Browser(rp.t.baseUrl);
    const login = await startLogin(browser, rp.config);
    const forLogin = await heardCaptcha(browser);
    const loggedIn = await browser.json(`/interaction/${login.uid}/login`, {
      json: { identifier: person.username, password: person.password, captchaId: forLogin.captchaId, captchaAnswer: forLogin.captchaAnswer },
    });
    expect(loggedIn.status).toBe(200);
    const forReset = await heardCaptcha(browser);
    const reset = await browser.json('/api/password-reset/start', { json: { account: person.username, captchaId: forReset.captchaId, captchaAnswer: forReset.captchaAnswer } });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
  });

  it('speaks eight digits to an address that keeps sending wrong passwords (the strict captcha)', async () => {
    const browser = new Browser(rp.t.baseUrl);
    for (let i = 0; i < 10; i++) {
      const login = await startLogin(browser, rp.config);
      await browser.json(`/interaction/${login.uid}/login`, {
        json: { identifier: `nobody${i}`, password: 'Wrong@2026pw', ...(await browser.solvedCaptcha()) },
      });
    }
    expect((await heardCaptcha(browser)).captchaAnswer).toMatch(/^\d{8}$/);
  });
});
