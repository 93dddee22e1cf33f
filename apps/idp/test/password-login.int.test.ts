import { describe, expect, it } from 'vitest';
import { Browser } from './harness.ts';
import { startLogin, useRelyingPartyPlatform } from './relying-party.ts';

const rp = useRelyingPartyPlatform();

async function attempt(browser: Browser, uid: string, fields: Record<string, unknown>) {
  return browser.json(`/interaction/${uid}/login`, { json: fields });
}

describe('账号登录 API', () => {
  it('refuses a wrong captcha and consumes the challenge', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const { uid } = await startLogin(browser, rp.config);
    const captcha = await browser.solvedCaptcha();
    const wrong = await attempt(browser, uid, { identifier: 'zhangsan', password: 'Demo@2026pw', captchaId: captcha.captchaId, captchaAnswer: 'ZZZZ' });
    expect(wrong).toMatchObject({ status: 400, body: { error: { code: 'CAPTCHA_INVALID', message: '图形验证码错误，请重新输入', field: 'captchaAnswer' } } });
    const replay = await attempt(browser, uid, { identifier: 'zhangsan', password: 'Demo@2026pw', ...captcha });
    expect(replay.body.error.code).toBe('CAPTCHA_EXPIRED');
  });

  it('accepts the captcha answer case-insensitively, once', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const { uid } = await startLogin(browser, rp.config);
    const captcha = await browser.solvedCaptcha();
    const ok = await attempt(browser, uid, { identifier: 'zhangsan', password: 'Demo@2026pw', captchaId: captcha.captchaId, captchaAnswer: captcha.captchaAnswer.toLowerCase() });
    expect(ok.status).toBe(200);
    expect(ok.body.redirectTo).toContain('/oidc/auth/');
  });

  it('gives the same answer for an unknown account and a wrong password', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const { uid } = await startLogin(browser, rp.config);
    const unknown = await attempt(browser, uid, { identifier: 'nosuchuser', password: 'Whatever1!', ...(await browser.solvedCaptcha()) });
    const wrong = await attempt(browser, uid, { identifier: '13800000001', password: 'Wrong@2026pw', ...(await browser.solvedCaptcha()) });
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.body.error).toMatchObject({ code: 'CREDENTIALS_INVALID', message: '账号或密码错误' });
    // Reset the demo account's counter for the tests below.
    const ok = await attempt(browser, uid, { identifier: 'zhangsan', password: 'Demo@2026pw', ...(await browser.solvedCaptcha()) });
    expect(ok.status).toBe(200);
  });

  it('locks the account for 30 minutes after 5 consecutive wrong passwords, even for the right one', async () => {
    // A fresh account, so the demo account stays usable for other tests.
    const { registerCitizen } = await import('./registration-helpers.ts');
    const person = await registerCitizen(new Browser(rp.t.baseUrl));
    const browser = new Browser(rp.t.baseUrl);
    const { uid } = await startLogin(browser, rp.config);
    const codes: string[] = [];
    let last: any;
    for (let i = 0; i < 5; i += 1) {
      last = await attempt(browser, uid, { identifier: person.username, password: 'Wrong@pass1', ...(await browser.solvedCaptcha()) });
      codes.push(last.body.error.code);
    }
    expect(codes).toEqual(['CREDENTIALS_INVALID', 'CREDENTIALS_INVALID', 'CREDENTIALS_INVALID', 'CREDENTIALS_INVALID', 'ACCOUNT_LOCKED']);
    expect(last.status).toBe(423);
    const until = new Date(last.body.error.until).getTime();
    expect(until - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    expect(last.body.error.message).toMatch(/账号已锁定至.+，请稍后再试/);
    const right = await attempt(browser, uid, { identifier: person.phone, password: person.password, ...(await browser.solvedCaptcha()) });
    expect(right.body.error.code).toBe('ACCOUNT_LOCKED');
  });

  it('throttles logins per IP', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const { uid } = await startLogin(browser, rp.config);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) {
      const response = await browser.request(`/interaction/${uid}/login`, { json: { identifier: 'x', password: 'y', captchaId: 'c_x', captchaAnswer: 'x' } });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await response.json()).error.code).toBe('RATE_LIMITED');
      }
    }
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('writes an audit event for every decision, without personal data in clear', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const { uid } = await startLogin(browser, rp.config);
    await attempt(browser, uid, { identifier: '13800000001', password: 'Wrong@2026pw', ...(await browser.solvedCaptcha()) });
    await attempt(browser, uid, { identifier: '13800000001', password: 'Demo@2026pw', ...(await browser.solvedCaptcha()) });
    const events = await rp.t.platform.audit.recent(50);
    const logins = events.filter((e) => e.type === 'login.password' && e.ip === browser.ip);
    expect(logins.map((e) => e.outcome).sort()).toEqual(['failure', 'success']);
    const text = JSON.stringify(logins);
    expect(text).not.toContain('13800000001');
    expect(text).not.toContain('张三');
    expect(text).toContain('138****0001');
  });

  describe('bad input', () => {
    const good = { identifier: 'zhangsan', password: 'Demo@2026pw', captchaId: 'c_x', captchaAnswer: 'ABCD' };
    const cases: [string, unknown, string][] = [
      ['unknown keys', { ...good, admin: true }, 'UNKNOWN_FIELD'],
      ['an over-long field', { ...good, identifier: 'a'.repeat(10_000) }, 'FIELD_TOO_LONG'],
      ['a wrong type', { ...good, password: 12345678 }, 'FIELD_INVALID'],
      ['a missing field', { identifier: 'zhangsan', captchaId: 'c', captchaAnswer: 'x' }, 'FIELD_REQUIRED'],
      ['control characters', { ...good, identifier: 'zhang\u0000san' }, 'FIELD_INVALID'],
      ['an array body', [good], 'BODY_INVALID'],
      ['SQL injection in the identifier', { ...good, identifier: "' OR 1=1 --" }, 'CAPTCHA_EXPIRED'],
    ];
    for (const [label, body, code] of cases) {
      it(`answers ${label} with ${code}`, async () => {
        const browser = new Browser(rp.t.baseUrl);
        const { uid } = await startLogin(browser, rp.config);
        const response = await browser.json(`/interaction/${uid}/login`, { json: body });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(response.body.error.code).toBe(code);
        expect(JSON.stringify(response.body)).not.toMatch(/stack|at \w+ \(/);
      });
    }

    it('refuses malformed JSON, form posts and oversized bodies', async () => {
      const browser = new Browser(rp.t.baseUrl);
      const { uid } = await startLogin(browser, rp.config);
      const malformed = await browser.json(`/interaction/${uid}/login`, { body: '{"identifier":', headers: { 'content-type': 'application/json' } });
      expect(malformed.body.error.code).toBe('BODY_INVALID');
      const form = await browser.json(`/interaction/${uid}/login`, { body: 'identifier=zhangsan', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(form.body.error.code).toBe('BODY_INVALID');
      const huge = await browser.json(`/interaction/${uid}/login`, { body: JSON.stringify({ identifier: 'x'.repeat(40_000) }), headers: { 'content-type': 'application/json' } });
      expect(huge).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
    });

    it('refuses a cross-site request', async () => {
      const browser = new Browser(rp.t.baseUrl);
      const { uid } = await startLogin(browser, rp.config);
      const response = await browser.json(`/interaction/${uid}/login`, { json: good, headers: { origin: 'http://evil.example' } });
      expect(response).toMatchObject({ status: 403, body: { error: { code: 'ORIGIN_FORBIDDEN' } } });
    });

    it('refuses a tampered or expired interaction', async () => {
      const browser = new Browser(rp.t.baseUrl);
      await startLogin(browser, rp.config);
      const response = await browser.json('/interaction/not-a-real-uid/login', { json: { ...good, ...(await browser.solvedCaptcha()) } });
      expect(response.body.error.code).toBe('LOGIN_REQUEST_EXPIRED');
      const stranger = new Browser(rp.t.baseUrl);
      const { uid } = await startLogin(browser, rp.config);
      const hijack = await stranger.json(`/interaction/${uid}/details`);
      expect(hijack.body.error.code).toBe('LOGIN_REQUEST_EXPIRED');
    });
  });
});
