import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { loggedInApp } from './app-helpers.ts';
import { randomBytes } from 'node:crypto';
import { maskPhone } from '@uia/validators';
import { Browser, randomResidentId } from './harness.ts';
import { passwordAttempt, pausePasswordLogin } from './login-throttle-helpers.ts';
import { registerCitizen } from './registration-helpers.ts';
import { passwordLogin, startLogin, useRelyingPartyPlatform } from './relying-party.ts';

const rp = useRelyingPartyPlatform();

type Person = Awaited<ReturnType<typeof registerCitizen>>;

/** One browser walking the 忘记密码 API the way the portal does. */
class ResetWizard {
  constructor(readonly browser: Browser) {}

  async start(account: string) {
    return this.browser.json('/api/password-reset/start', { json: { account, ...(await this.browser.solvedCaptcha()) } });
  }

  async sendCode(ticket: string, idNumber: string, captcha?: { captchaId: string; captchaAnswer: string }) {
    return this.browser.json('/api/password-reset/send-code', { json: { ticket, idNumber, ...(captcha ?? (await this.browser.solvedCaptcha())) } });
  }

  verifyCode(ticket: string, smsCode: string) {
    return this.browser.json('/api/password-reset/verify-code', { json: { ticket, smsCode } });
  }

  complete(ticket: string, password: string, confirmPassword = password) {
    return this.browser.json('/api/password-reset/complete', { json: { ticket, password, confirmPassword } });
  }

  /** Steps 1 and 2 done right: the ticket for 设置新密码. */
  async verifiedTicket(person: Person): Promise<string> {
    const started = await this.start(person.username);
    expect(started.status).toBe(200);
    const sent = await this.sendCode(started.body.ticket, person.idNumber);
    expect(sent.status).toBe(200);
    const verified = await this.verifyCode(started.body.ticket, await this.browser.latestSmsCode(person.phone));
    expect(verified.status).toBe(200);
    return verified.body.ticket;
  }
}

const newWizard = () => new ResetWizard(new Browser(rp.t.baseUrl));
/** A fresh registered person whose phone may receive a reset code right away (past registration's 60 s). */
async function citizen() {
  const person = await registerCitizen(new Browser(rp.t.baseUrl));
  rp.t.clock.advance(61_000);
  return person;
}

async function loginStatus(identifier: string, password: string) {
  const browser = new Browser(rp.t.baseUrl);
  const { uid } = await startLogin(browser, rp.config);
  const { status, body } = await browser.json(`/interaction/${uid}/login`, { json: { identifier, password, ...(await browser.solvedCaptcha()) } });
  return { status, code: body.error?.code as string | undefined };
}

describe('忘记密码 API', () => {
  it('walks the four steps: masked phone, ID number, SMS code, new password; then only the new password works', async () => {
    const person = await citizen();
    const wizard = newWizard();
    const started = await wizard.start(person.phone);
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ phoneBound: true, maskedPhone: maskPhone(person.phone) });
    expect(JSON.stringify(started.body)).not.toContain(person.phone);

    const sent = await wizard.sendCode(started.body.ticket, person.idNumber.toLowerCase());
    expect(sent).toMatchObject({ status: 200, body: { resendAfter: 60, expiresIn: 300, maskedPhone: maskPhone(person.phone) } });
    const code = await wizard.browser.latestSmsCode(person.phone);
    const verified = await wizard.verifyCode(started.body.ticket, code);
    expect(verified.status).toBe(200);
    const done = await wizard.complete(verified.body.ticket, 'Fresh#Pass2026');
    expect(done).toMatchObject({ status: 200, body: { done: true } });

    expect(await loginStatus(person.username, 'Fresh#Pass2026')).toEqual({ status: 200, code: undefined });
    expect(await loginStatus(person.username, person.password)).toMatchObject({ code: 'CREDENTIALS_INVALID' });

    const outbox = await wizard.browser.sentSms();
    expect(outbox.find((m) => m.to === person.phone)?.text).toContain('您的统一身份认证账号密码已重置');
  });

  it('ends every session (platform, app) and refresh token of the person', async () => {
    const person = await citizen();
    const signedIn = new Browser(rp.t.baseUrl);
    const { tokens } = await passwordLogin(signedIn, rp.config, person.username, person.password);
    const phone = await loggedInApp(rp.t.baseUrl, { idType: person.idType, name: person.name, idNumber: person.idNumber });
    const wizard = newWizard();
    expect((await wizard.complete(await wizard.verifiedTicket(person), 'Brand#New2026')).status).toBe(200);

    await expect(client.refreshTokenGrant(rp.config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await phone.browser.json('/app/api/me')).body.error.code).toBe('APP_LOGIN_REQUIRED');
    await expect(client.fetchUserInfo(rp.config, tokens.access_token, tokens.claims()!.sub)).rejects.toBeTruthy();
    // The old browser's platform session is gone: a new login request asks for credentials again.
    const again = await startLogin(signedIn, rp.config);
    const { body } = await signedIn.json(`/interaction/${again.uid}/details`);
    expect(body.prompt).toBe('login');
    expect(await loginStatus(person.username, 'Brand#New2026')).toEqual({ status: 200, code: undefined });

    const events = await rp.t.platform.audit.recent(50);
    const completed = events.find((e) => e.type === 'password_reset.complete' && e.outcome === 'success');
    expect(completed?.detail).toMatchObject({ signedOutServices: 1 });
    expect(JSON.stringify(events)).not.toContain(person.phone);
    expect(JSON.stringify(events)).not.toContain(person.idNumber);
  });

  it("works while password login is paused; the completed reset lifts the pause, lets the mistyping owner in at once and ends older devices' trust", async () => {
    const person = await citizen();
    // A browser that logged in before the reset: a trusted device until then.
    const earlierDevice = new Browser(rp.t.baseUrl);
    const { uid: earlierUid } = await startLogin(earlierDevice, rp.config);
    expect((await passwordAttempt(earlierDevice, earlierUid, person.username, person.password)).status).toBe(200);
    // The owner mistypes the password five times, so their own address waits…
    const owner = new Browser(rp.t.baseUrl);
    const { uid } = await startLogin(owner, rp.config);
    for (let attempt = 0; attempt < 5; attempt += 1) await passwordAttempt(owner, uid, person.phone, `Forgotten#${attempt}`);
    expect((await passwordAttempt(owner, uid, person.phone, person.password)).body.error?.code).toBe('LOGIN_THROTTLED');
    // …and strangers pause password login on every device the account never used.
    await pausePasswordLogin(rp.t.baseUrl, rp.config, person.username);
    expect(await loginStatus(person.username, person.password)).toMatchObject({ status: 429, code: 'PASSWORD_LOGIN_PAUSED' });

    const wizard = new ResetWizard(new Browser(rp.t.baseUrl, owner.ip));
    expect((await wizard.complete(await wizard.verifiedTicket(person), 'Brand#New2026')).status).toBe(200);

    expect(await loginStatus(person.username, 'Brand#New2026')).toEqual({ status: 200, code: undefined });
    const { uid: again } = await startLogin(owner, rp.config);
    expect((await passwordAttempt(owner, again, person.phone, 'Brand#New2026')).status).toBe(200);
    const lifted = (await rp.t.platform.audit.recent(100)).find((e) => e.type === 'account.unlocked');
    expect(lifted).toMatchObject({ outcome: 'success', detail: { via: 'password_reset' } });
    expect(lifted!.detail!.failuresToday).toBeGreaterThanOrEqual(50);

    // Paused again: the owner's browser, trusted by its login after the reset, gets in; the earlier one is a new device now.
    await pausePasswordLogin(rp.t.baseUrl, rp.config, person.username);
    const { uid: ownerAgain } = await startLogin(owner, rp.config);
    expect((await passwordAttempt(owner, ownerAgain, person.username, 'Brand#New2026')).status).toBe(200);
    const { uid: earlierAgain } = await startLogin(earlierDevice, rp.config);
    expect((await passwordAttempt(earlierDevice, earlierAgain, person.username, 'Brand#New2026')).body.error?.code).toBe('PASSWORD_LOGIN_PAUSED');
  });

  it('answers an unknown account name like a real one, and fails it exactly like a wrong ID number', async () => {
    const person = await citizen();
    const real = await newWizard().start(person.username);
    const wizard = newWizard();
    const ghost = await wizard.start('nobody_here_2026');
    expect(ghost.status).toBe(real.status);
    const { ticket: realTicket, ...realStart } = real.body;
    const { ticket: ghostTicket, ...ghostStart } = ghost.body;
    expect(ghostStart).toEqual(realStart);
    expect(ghostTicket).not.toBe(realTicket);
    const ghostById = await newWizard().start(randomResidentId());
    const realById = await newWizard().start(person.idNumber);
    expect(ghostById.body).toEqual({ ...realById.body, ticket: ghostById.body.ticket });

    const ghostAnswer = await wizard.sendCode(ghost.body.ticket, person.idNumber);
    const owner = newWizard();
    const own = await owner.start(person.username);
    const wrongId = await owner.sendCode(own.body.ticket, '110101199001011237');
    expect(wrongId).toEqual(ghostAnswer);
    expect(wrongId).toMatchObject({ status: 400, body: { error: { code: 'RESET_IDENTITY_MISMATCH', field: 'idNumber' } } });
    const outbox = await owner.browser.sentSms();
    expect(outbox.filter((m) => m.to === person.phone)).toHaveLength(1); // the registration code only
  });

  it('keeps tickets one-time, in order, and in the browser that started', async () => {
    const person = await citizen();
    const wizard = newWizard();
    const started = await wizard.start(person.username);
    expect((await wizard.verifyCode(started.body.ticket, '123456')).body.error.code).toBe('RESET_CODE_NOT_SENT');
    expect((await wizard.complete(started.body.ticket, 'Skip#Step2026')).body.error.code).toBe('RESET_STEP_SKIPPED');
    await wizard.sendCode(started.body.ticket, person.idNumber);
    const verified = await wizard.verifyCode(started.body.ticket, await wizard.browser.latestSmsCode(person.phone));
    expect((await wizard.verifyCode(started.body.ticket, '000000')).body.error.code).toBe('RESET_TICKET_INVALID');

    const stranger = newWizard();
    const stolen = await stranger.complete(verified.body.ticket, 'Stolen#Ticket26');
    expect(stolen).toMatchObject({ status: 403, body: { error: { code: 'RESET_TICKET_OTHER_BROWSER', message: '请在开始找回密码的同一浏览器中继续操作' } } });

    expect((await wizard.complete(verified.body.ticket, 'Replay#Once2026')).status).toBe(200);
    const replay = await wizard.complete(verified.body.ticket, 'Replay#Twice2026');
    expect(replay).toMatchObject({ status: 410, body: { error: { code: 'RESET_TICKET_INVALID' } } });
  });

  it('checks the new password before using up the ticket, and refuses the last three passwords', async () => {
    const person = await citizen();
    const wizard = newWizard();
    let ticket = await wizard.verifiedTicket(person);
    expect((await wizard.complete(ticket, 'alllowercase1')).body.error).toMatchObject({ code: 'PASSWORD_COMPLEXITY', field: 'password' });
    expect((await wizard.complete(ticket, 'Good#Pass2026', 'Good#Pass2027')).body.error).toMatchObject({ code: 'PASSWORD_MISMATCH', field: 'confirmPassword' });
    expect((await wizard.complete(ticket, person.password)).body.error).toMatchObject({ code: 'PASSWORD_REUSED', message: '新密码不能与最近3次使用过的密码相同' });
    expect((await wizard.complete(ticket, 'Second#Pass2026')).status).toBe(200);

    rp.t.clock.advance(61_000); // the 60 s between codes to one phone
    ticket = await wizard.verifiedTicket(person);
    expect((await wizard.complete(ticket, 'Third#Pass2026')).status).toBe(200);
    rp.t.clock.advance(61_000);
    ticket = await wizard.verifiedTicket(person);
    // History: Third (current), Second, the registration password → all refused; a fourth one is fine.
    for (const old of ['Third#Pass2026', 'Second#Pass2026', person.password]) {
      expect((await wizard.complete(ticket, old)).body.error.code).toBe('PASSWORD_REUSED');
    }
    expect((await wizard.complete(ticket, 'Fourth#Pass2026')).status).toBe(200);
  });

  it('refuses an expired SMS code', async () => {
    const person = await citizen();
    const wizard = newWizard();
    const started = await wizard.start(person.username);
    await wizard.sendCode(started.body.ticket, person.idNumber);
    const code = await wizard.browser.latestSmsCode(person.phone);
    rp.t.clock.advance(301_000);
    expect((await wizard.verifyCode(started.body.ticket, code)).body.error).toMatchObject({ code: 'SMS_CODE_EXPIRED', message: '短信验证码已失效，请重新获取' });
  });

  it('ends a flow after 5 ID-number checks', async () => {
    const person = await citizen();
    const wizard = newWizard();
    const started = await wizard.start(person.username);
    const codes: string[] = [];
    for (let i = 0; i < 7; i += 1) codes.push((await wizard.sendCode(started.body.ticket, '110101199001011237')).body.error.code);
    expect(codes).toEqual([...Array(5).fill('RESET_IDENTITY_MISMATCH'), 'RESET_ATTEMPTS_EXCEEDED', 'RESET_TICKET_INVALID']);
  });

  it('counts ID-number checks before making them, so parallel requests cannot get more', async () => {
    const person = await citizen();
    const wizard = newWizard();
    const started = await wizard.start(person.username);
    const captchas: Awaited<ReturnType<typeof wizard.browser.solvedCaptcha>>[] = [];
    for (let i = 0; i < 9; i += 1) captchas.push(await wizard.browser.solvedCaptcha());
    // Eight wrong guesses and the right number, all at once.
    const guesses = [...Array(8).fill('110101199001011237'), person.idNumber];
    const answers = await Promise.all(guesses.map((idNumber, i) => wizard.sendCode(started.body.ticket, idNumber, captchas[i])));
    const evaluated = answers.filter((a) => a.status === 200 || a.body.error?.code === 'RESET_IDENTITY_MISMATCH');
    expect(evaluated.length).toBeLessThanOrEqual(5);
  });

  it('gives one step-3 ticket for one SMS code, even to two flows racing with it', async () => {
    const person = await citizen();
    const first = newWizard();
    const second = newWizard();
    const a = await first.start(person.username);
    const b = await second.start(person.username);
    expect((await first.sendCode(a.body.ticket, person.idNumber)).status).toBe(200);
    rp.t.clock.advance(61_000);
    expect((await second.sendCode(b.body.ticket, person.idNumber)).status).toBe(200);
    const code = await first.browser.latestSmsCode(person.phone);
    const answers = await Promise.all([first.verifyCode(a.body.ticket, code), second.verifyCode(b.body.ticket, code)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400]);
  });

  it('expires a step ticket after its time', async () => {
    const person = await citizen();
    const wizard = newWizard();
    const started = await wizard.start(person.username);
    rp.t.clock.advance(15 * 60_000 + 1000);
    expect((await wizard.sendCode(started.body.ticket, person.idNumber)).body.error.code).toBe('RESET_TICKET_INVALID');
  });

  it('voids a login finished with the old password before the reset but resumed after it', async () => {
    const person = await citizen();
    const attacker = new Browser(rp.t.baseUrl);
    const parked = await startLogin(attacker, rp.config);
    const loggedIn = await attacker.json(`/interaction/${parked.uid}/login`, { json: { identifier: person.username, password: person.password, ...(await attacker.solvedCaptcha()) } });
    expect(loggedIn.status).toBe(200);
    // The reset a second later: login times are whole seconds of the service clock (a login in the reset's own second counts).
    rp.t.clock.advance(1_000);

    const wizard = newWizard();
    expect((await wizard.complete(await wizard.verifiedTicket(person), 'After#Reset2026')).status).toBe(200);

    // Resuming lands on a new login page, never on the relying party's callback.
    let next = new URL(loggedIn.body.redirectTo, rp.t.baseUrl).href;
    for (let hop = 0; hop < 6 && !next.includes('/interaction/') && !next.startsWith('http://localhost:3001/'); hop += 1) {
      const response = await attacker.request(next);
      await response.arrayBuffer();
      next = new URL(response.headers.get('location') ?? '', next).href;
    }
    expect(next).toContain('/interaction/');
    const { body } = await attacker.json(new URL(next).pathname + '/details');
    expect(body.prompt).toBe('login');
  });

  it('limits lookups per address', async () => {
    const wizard = newWizard();
    const names = Array.from({ length: 5 }, (_, i) => `visitor_${i}_${randomBytes(3).toString('hex')}`);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) statuses.push((await wizard.start(names[i % names.length]!)).status);
    expect(statuses).toEqual([...Array(30).fill(200), 429]);
  });

  it('lets one address look up at most 5 distinct account names an hour; names already asked stay usable', async () => {
    const person = await citizen();
    const wizard = newWizard();
    const names = [person.username, person.idNumber, ...Array.from({ length: 3 }, (_, i) => `walker_${i}_${randomBytes(3).toString('hex')}`)];
    for (const name of names) expect((await wizard.start(name)).status).toBe(200);
    // The sixth name — real or not, any kind — is refused without looking it up …
    for (const name of [person.phone, `walker_x_${randomBytes(3).toString('hex')}`]) {
      const refused = await wizard.start(name);
      expect(refused).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } });
      expect(refused.body.error.scope).toBeUndefined();
      expect(refused.body.error.retryAfter).toBeGreaterThan(0);
    }
    // … the five already asked still answer (a person retrying their own name is not stopped) …
    expect((await wizard.start(person.username)).status).toBe(200);
    // … and another address has its own budget. (The window's end is a store TTL, which Redis
    // keeps in real time: rate-limiter.test.ts covers it with the in-process store's clock.)
    expect((await newWizard().start(person.phone)).status).toBe(200);
    const refusal = (await rp.t.platform.audit.recent(50)).find((e) => e.type === 'password_reset.start' && e.outcome === 'failure');
    expect(refusal?.detail).toMatchObject({ reason: 'RATE_LIMITED' });
  });

  it('shows nothing of the phone for a username or ID number at step 1, so no mask can be compared with a known phone', async () => {
    const person = await citizen();
    const answers = await Promise.all([person.username, person.idNumber, person.phone].map(async (name) => (await newWizard().start(name)).body));
    expect(answers.map(({ phoneBound, maskedPhone }) => ({ phoneBound, maskedPhone }))).toEqual([
      { phoneBound: true, maskedPhone: null },
      { phoneBound: true, maskedPhone: null },
      { phoneBound: true, maskedPhone: maskPhone(person.phone) },
    ]);
    for (const answer of answers) expect(Object.keys(answer).sort()).toEqual(['maskedPhone', 'phoneBound', 'ticket']);
    // A wrong ID number shows no phone either; the right one does, with the code sent to it.
    const wizard = newWizard();
    const started = await wizard.start(person.username);
    const wrong = await wizard.sendCode(started.body.ticket, '110101199001011237');
    expect(JSON.stringify(wrong.body)).not.toContain(person.phone.slice(-4));
    const sent = await wizard.sendCode(started.body.ticket, person.idNumber);
    expect(sent.body.maskedPhone).toBe(maskPhone(person.phone));
    expect(await wizard.browser.latestSmsCode(person.phone)).toMatch(/^\d{6}$/);
  });

  it('refuses a common or breached new password with PASSWORD_TOO_COMMON and keeps the ticket', async () => {
    const person = await citizen();
    const wizard = newWizard();
    const ticket = await wizard.verifiedTicket(person);
    for (const common of ['Password1!', 'P@ssw0rd', 'Woaini1314!']) {
      expect(await wizard.complete(ticket, common)).toMatchObject({
        status: 400,
        body: { error: { code: 'PASSWORD_TOO_COMMON', message: '该密码过于常见或已在数据泄露中出现，请更换', field: 'password' } },
      });
    }
    expect((await wizard.complete(ticket, 'Lantern-Quiet-River-2026')).status).toBe(200);
    expect(await loginStatus(person.username, 'Lantern-Quiet-River-2026')).toEqual({ status: 200, code: undefined });
  });

  it("sends at most 5 reset codes a day to one account, keeping the rest of the phone's daily quota", async () => {
    const person = await citizen();
    const wizard = newWizard();
    const started = await wizard.start(person.phone);
    const answers: (string | number)[] = [];
    for (let i = 0; i < 6; i += 1) {
      const fresh = i === 5 ? await wizard.start(person.phone) : started;
      const answer = await wizard.sendCode(fresh.body.ticket, person.idNumber);
      answers.push(answer.status === 200 ? 200 : answer.body.error.code);
      rp.t.clock.advance(61_000);
    }
    expect(answers).toEqual([200, 200, 200, 200, 200, 'RATE_LIMITED']);
  });

  it('limits lookups per account name, whatever the address', async () => {
    const name = `probe_${Date.now()}`;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await newWizard().start(name)).status);
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
    const limited = await newWizard().start(name);
    expect(limited.body.error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.body.error.retryAfter).toBeGreaterThan(0);
  });

  it('refuses malformed requests with field errors, never a crash', async () => {
    const wizard = newWizard();
    expect((await wizard.browser.json('/api/password-reset/start', { json: { account: '' } })).body.error.code).toBe('FIELD_REQUIRED');
    expect((await wizard.browser.json('/api/password-reset/complete', { json: { ticket: 'x', password: 'a', confirmPassword: 'a', extra: 1 } })).body.error.code).toBe('UNKNOWN_FIELD');
    const unknownTicket = await wizard.browser.json('/api/password-reset/verify-code', { json: { ticket: 'no-such-ticket', smsCode: '123456' } });
    expect(unknownTicket).toMatchObject({ status: 410, body: { error: { code: 'RESET_TICKET_INVALID' } } });
  });
});
