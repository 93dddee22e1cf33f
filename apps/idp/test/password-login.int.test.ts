import { describe, expect, it } from 'vitest';
import { formatMessage } from '@uia/i18n';
import { loggedInApp } from './app-helpers.ts';
import { Browser } from './harness.ts';
import { attemptFromNewBrowser, passwordAttempt, pausePasswordLogin } from './login-throttle-helpers.ts';
import { appQr, pcQr } from './qr-helpers.ts';
import { registerCitizen } from './registration-helpers.ts';
import { followToRp, startLogin, useRelyingPartyPlatform } from './relying-party.ts';

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

  it('取消 at the login page (abort) sends the RP access_denied with its state, and ends the interaction', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const login = await startLogin(browser, rp.config);
    const aborted = await browser.json(`/interaction/${login.uid}/abort`, { method: 'POST' });
    expect(aborted.status).toBe(200);
    const callback = await followToRp(browser, aborted.body.redirectTo);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe(login.state);
    expect(callback.searchParams.get('code')).toBeNull();
    expect((await browser.json(`/interaction/${login.uid}/abort`, { method: 'POST' })).body.error.code).toBe('LOGIN_REQUEST_EXPIRED');
  });

  it('gives the same answer for an unknown account and a wrong password', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const { uid } = await startLogin(browser, rp.config);
    const unknown = await attempt(browser, uid, { identifier: 'nosuchuser', password: 'Whatever1!', ...(await browser.solvedCaptcha()) });
    const wrong = await attempt(browser, uid, { identifier: '13800000001', password: 'Wrong@2026pw', ...(await browser.solvedCaptcha()) });
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.body.error).toMatchObject({ code: 'CREDENTIALS_INVALID', message: '账号或密码错误，再错4次需等待1分钟', remainingTries: 4, nextWaitSeconds: 60 });
    // The right password still gets in from this browser.
    const ok = await attempt(browser, uid, { identifier: 'zhangsan', password: 'Demo@2026pw', ...(await browser.solvedCaptcha()) });
    expect(ok.status).toBe(200);
  });

  describe(`登录失败处理: throttling per account name and source (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'} + ${process.env.REDIS_URL ? 'Redis' : 'in-process store'})`, () => {
    const citizen = () => registerCitizen(new Browser(rp.t.baseUrl));
    /** A browser that logged in to the person's account once: its device cookie is now a trusted device. */
    async function ownersBrowser(identifier: string, password: string) {
      const browser = new Browser(rp.t.baseUrl);
      const { uid } = await startLogin(browser, rp.config);
      const login = await passwordAttempt(browser, uid, identifier, password);
      expect(login.status).toBe(200);
      return browser;
    }
    const throttledMessage = (wait: string) => `密码错误次数过多，请${wait}后再试，或使用扫码登录、忘记密码`;

    it('tells the tries left, then makes the guessing source wait 1, 5 and 15 minutes, even with the right password', async () => {
      const person = await citizen();
      const attacker = new Browser(rp.t.baseUrl);
      let { uid } = await startLogin(attacker, rp.config);
      for (const remaining of [4, 3, 2, 1]) {
        const wrong = await passwordAttempt(attacker, uid, person.username, 'Wrong#guess1');
        expect(wrong.status).toBe(401);
        expect(wrong.body.error).toEqual({
          code: 'CREDENTIALS_INVALID',
          message: `账号或密码错误，再错${remaining}次需等待1分钟`,
          field: 'password',
          remainingTries: remaining,
          nextWaitSeconds: 60,
        });
      }
      const fifth = await passwordAttempt(attacker, uid, person.username, 'Wrong#guess5');
      expect(fifth).toMatchObject({ status: 429, retryAfter: '60', body: { error: { code: 'LOGIN_THROTTLED', message: throttledMessage('1分钟'), retryAfter: 60 } } });
      // While the source waits even the right password is refused unchecked: a guess could not be told apart.
      const right = await passwordAttempt(attacker, uid, person.username, person.password);
      expect(right).toMatchObject({ status: 429, body: { error: { code: 'LOGIN_THROTTLED' } } });

      // Each further wrong password after a wait starts a longer one (the interaction outlives none of them: a new one each time).
      for (const [waited, next] of [
        [60, 300],
        [300, 900],
      ] as const) {
        rp.t.clock.advance(waited * 1000);
        ({ uid } = await startLogin(attacker, rp.config));
        const again = await passwordAttempt(attacker, uid, person.username, 'Wrong#guess6');
        expect(again).toMatchObject({ status: 429, retryAfter: String(next), body: { error: { code: 'LOGIN_THROTTLED', retryAfter: next } } });
      }
      rp.t.clock.advance(14 * 60_000);
      ({ uid } = await startLogin(attacker, rp.config));
      expect((await passwordAttempt(attacker, uid, person.username, person.password)).body.error).toMatchObject({ code: 'LOGIN_THROTTLED', message: throttledMessage('1分钟') });
      rp.t.clock.advance(60_000);
      expect((await passwordAttempt(attacker, uid, person.username, person.password)).status).toBe(200);

      // After the right password the source starts afresh.
      ({ uid } = await startLogin(attacker, rp.config));
      expect((await passwordAttempt(attacker, uid, person.username, 'Wrong#guess7')).body.error).toMatchObject({ remainingTries: 4 });
      const throttles = (await rp.t.platform.audit.recent(200)).filter((e) => e.type === 'account.locked' && e.ip === attacker.ip);
      expect(throttles.map((e) => e.detail?.waitSeconds)).toEqual([900, 300, 60]);
      expect(throttles.every((e) => e.detail?.scope === 'source' && e.detail?.source === 'address')).toBe(true);
    });

    it("never lets a stranger's failures stop the owner's trusted device, even from the owner's own address", async () => {
      const person = await citizen();
      const owner = await ownersBrowser(person.phone, person.password);
      const { uid } = await startLogin(owner, rp.config);
      // A stranger behind the same address (one NAT), without the owner's device cookie.
      const neighbour = new Browser(rp.t.baseUrl, owner.ip);
      const { uid: neighbourUid } = await startLogin(neighbour, rp.config);
      for (let attempt = 0; attempt < 5; attempt += 1) await passwordAttempt(neighbour, neighbourUid, person.username, 'Wrong#guess1');
      expect((await passwordAttempt(neighbour, neighbourUid, person.username, person.password)).body.error?.code).toBe('LOGIN_THROTTLED');
      // Strangers everywhere else, until the account's daily limit pauses password login on new devices.
      await pausePasswordLogin(rp.t.baseUrl, rp.config, person.username);
      const newDevice = await attemptFromNewBrowser(rp.t.baseUrl, rp.config, person.username, person.password);
      expect(newDevice).toMatchObject({ status: 429, body: { error: { code: 'PASSWORD_LOGIN_PAUSED', message: formatMessage('PASSWORD_LOGIN_PAUSED') } } });
      expect(Number(newDevice.retryAfter)).toBeGreaterThan(0);
      expect(newDevice.body.error!.message).toMatch(/扫码登录.*忘记密码/);

      const ownerLogin = await passwordAttempt(owner, uid, person.username, person.password);
      expect(ownerLogin.status).toBe(200);
      const events = await rp.t.platform.audit.recent(200);
      expect(events.find((e) => e.type === 'login.password' && e.outcome === 'success' && e.ip === owner.ip)?.detail).toMatchObject({ source: 'device' });
      expect(events.find((e) => e.type === 'account.locked' && e.detail?.scope === 'account')?.detail).toMatchObject({ failuresToday: 50 });
      expect(events.find((e) => e.type === 'login.password' && e.detail?.reason === 'PASSWORD_LOGIN_PAUSED')?.detail).toMatchObject({ source: 'address' });
    });

    it('keeps the app (SMS, face) and 扫码登录 working while password login is paused, and a QR login lifts the pause', async () => {
      const person = await citizen();
      await pausePasswordLogin(rp.t.baseUrl, rp.config, person.phone);
      expect((await attemptFromNewBrowser(rp.t.baseUrl, rp.config, person.username, person.password)).body.error?.code).toBe('PASSWORD_LOGIN_PAUSED');

      // The app logs in as ever, by SMS code (past registration's 60 s resend interval) or by face.
      const realName = { idType: person.idType, name: person.name, idNumber: person.idNumber };
      rp.t.clock.advance(61_000);
      const smsApp = new Browser(rp.t.baseUrl);
      expect((await smsApp.json('/app/api/login/sms/send', { json: { ...realName, ...(await smsApp.solvedCaptcha()) } })).status).toBe(200);
      const smsLogin = await smsApp.json('/app/api/login/sms', { json: { ...realName, smsCode: await smsApp.latestSmsCode(person.phone), validityDays: 7 } });
      expect(smsLogin.status).toBe(200);
      const phone = await loggedInApp(rp.t.baseUrl, realName);
      const pc = new Browser(rp.t.baseUrl);
      const login = await startLogin(pc, rp.config);
      const qr = (await pcQr.create(pc, login.uid)).body;
      expect((await appQr.scan(phone.browser, qr.id)).status).toBe(200);
      expect((await appQr.confirm(phone.browser, qr.id)).status).toBe(200);
      const completed = await pc.request(`/interaction/${login.uid}/qr/${qr.id}/complete`, { json: {} });
      expect(completed.status).toBe(200);
      // The QR browser is now a trusted device: HttpOnly, SameSite=Lax, a year, only on the login interaction's paths.
      const deviceCookie = completed.headers.getSetCookie().find((cookie) => cookie.startsWith('uia_device='));
      expect(deviceCookie).toMatch(/^uia_device=[A-Za-z0-9_-]{43}; Max-Age=31536000; Path=\/interaction; HttpOnly; SameSite=Lax/);
      expect(deviceCookie).not.toMatch(/Secure/);

      expect((await attemptFromNewBrowser(rp.t.baseUrl, rp.config, person.username, person.password)).status).toBe(200);
      const lifted = (await rp.t.platform.audit.recent(100)).find((e) => e.type === 'account.unlocked');
      expect(lifted).toMatchObject({ outcome: 'success', detail: { via: 'qr' } });
      expect(lifted!.detail!.failuresToday).toBeGreaterThanOrEqual(50);
    });

    it('counts only wrong passwords toward the daily pause: the owner logging in from new devices adds nothing', async () => {
      const person = await citizen();
      for (let device = 0; device < 5; device += 1) {
        expect((await attemptFromNewBrowser(rp.t.baseUrl, rp.config, person.username, person.password)).status).toBe(200);
      }
      await pausePasswordLogin(rp.t.baseUrl, rp.config, person.username, 9);
      expect((await attemptFromNewBrowser(rp.t.baseUrl, rp.config, person.username, person.password)).status).toBe(200);
      await pausePasswordLogin(rp.t.baseUrl, rp.config, person.username, 1);
      expect((await attemptFromNewBrowser(rp.t.baseUrl, rp.config, person.username, person.password)).body.error?.code).toBe('PASSWORD_LOGIN_PAUSED');
    });

    it('answers a name no account has exactly like a real one, and counts each name typed on its own', async () => {
      const person = await citizen();
      const attacker = new Browser(rp.t.baseUrl);
      const { uid } = await startLogin(attacker, rp.config);
      const answers = async (identifier: string) => {
        const seen = [];
        for (let attempt = 0; attempt < 6; attempt += 1) {
          const { status, retryAfter, body } = await passwordAttempt(attacker, uid, identifier, 'Wrong#guess1');
          seen.push({ status, retryAfter, body });
        }
        return seen;
      };
      const real = await answers(person.username);
      expect(real.map((answer) => answer.body.error?.code)).toEqual([...Array(4).fill('CREDENTIALS_INVALID'), 'LOGIN_THROTTLED', 'LOGIN_THROTTLED']);
      expect(await answers('nobody_has_this_name')).toEqual(real);
      // The account's phone number from the same source starts with its own tries: nothing links it to the username.
      expect((await passwordAttempt(attacker, uid, person.phone, 'Wrong#guess1')).body.error).toMatchObject({ code: 'CREDENTIALS_INVALID', remainingTries: 4 });
    });

    it('lets no more than the free tries through when one source guesses in parallel', async () => {
      const person = await citizen();
      const attacker = new Browser(rp.t.baseUrl);
      const { uid } = await startLogin(attacker, rp.config);
      const captchas = await Promise.all(Array.from({ length: 10 }, () => attacker.solvedCaptcha()));
      const answers = await Promise.all(captchas.map((captcha) => attacker.json(`/interaction/${uid}/login`, { json: { identifier: person.username, password: 'Wrong#guess1', ...captcha } })));
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(4);
      expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
      const checked = (await rp.t.platform.audit.recent(200)).filter((e) => e.type === 'login.password' && e.ip === attacker.ip && e.detail?.reason === 'CREDENTIALS_INVALID');
      expect(checked.length).toBeLessThanOrEqual(4);
    });

    it('gives an address that keeps guessing across names the strict captcha (6 characters), and nobody else', async () => {
      const [first, second] = [await citizen(), await citizen()];
      const attacker = new Browser(rp.t.baseUrl);
      const bystander = new Browser(rp.t.baseUrl);
      const captchaLength = async (browser: Browser) => (await browser.solvedCaptcha()).captchaAnswer.length;
      expect(await captchaLength(attacker)).toBe(4);
      const { uid } = await startLogin(attacker, rp.config);
      // Four wrong passwords for each of two names and two for a made-up one: no name reaches its wait, the address reaches 10.
      const guesses = [...Array(4).fill(first.username), ...Array(4).fill(second.phone), 'nobody_here', 'nobody_here'];
      for (const [index, identifier] of guesses.entries()) {
        expect(await captchaLength(attacker)).toBe(4);
        const { body } = await passwordAttempt(attacker, uid, identifier, `Wrong#guess${index}`);
        expect(body.error?.code).toBe('CREDENTIALS_INVALID');
      }
      expect(await captchaLength(attacker)).toBe(6);
      expect(await captchaLength(bystander)).toBe(4);
      // The strict captcha is answered like any other: the owner, from that address, still logs in with it.
      const owner = await passwordAttempt(attacker, uid, first.username, first.password);
      expect(owner.status).toBe(200);
    });
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
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
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
