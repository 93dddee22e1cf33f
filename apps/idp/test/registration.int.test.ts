import { describe, expect, it } from 'vitest';
import { Browser } from './harness.ts';
import { newPerson, registerCitizen, sendRegisterCode } from './registration-helpers.ts';
import { passwordLogin, useRelyingPartyPlatform } from './relying-party.ts';

const rp = useRelyingPartyPlatform();

async function register(browser: Browser, body: Record<string, unknown>) {
  return browser.json('/api/register', { json: body });
}

describe('立即注册 API', () => {
  it('registers a real-name (L2) citizen who can then log in with username, phone and ID number', async () => {
    const person = await registerCitizen(new Browser(rp.t.baseUrl));
    for (const identifier of [person.username, person.phone, person.idNumber]) {
      const { tokens } = await passwordLogin(new Browser(rp.t.baseUrl), rp.config, identifier, person.password);
      expect(tokens.claims()!.acr).toBe('L2');
    }
  });

  it('sends a 6-digit code only after a correct graphic captcha, and enforces the 60 s resend interval', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const phone = newPerson().phone;
    const noCaptcha = await browser.json('/api/sms/send', { json: { phone, purpose: 'register', captchaId: 'c_nope', captchaAnswer: 'AAAA' } });
    expect(noCaptcha.body.error.code).toBe('CAPTCHA_EXPIRED');
    const sent = await sendRegisterCode(browser, phone);
    expect(sent).toMatchObject({ status: 200, body: { resendAfter: 60, expiresIn: 300 } });
    expect(await browser.latestSmsCode(phone)).toMatch(/^\d{6}$/);
    const again = await sendRegisterCode(browser, phone);
    expect(again.status).toBe(429);
    expect(again.body.error.code).toBe('SMS_RESEND_TOO_SOON');
    expect(again.body.error.retryAfter).toBeGreaterThan(50);
  });

  it('refuses a wrong SMS code, and the code dies after 5 tries', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const person = newPerson();
    await sendRegisterCode(browser, person.phone);
    const right = await browser.latestSmsCode(person.phone);
    const wrong = right === '000000' ? '111111' : '000000';
    const codes: string[] = [];
    for (let i = 0; i < 5; i += 1) codes.push((await register(browser, { ...person, smsCode: wrong, agreeTerms: true })).body.error.code);
    expect(codes).toEqual(['SMS_CODE_INVALID', 'SMS_CODE_INVALID', 'SMS_CODE_INVALID', 'SMS_CODE_INVALID', 'SMS_CODE_ATTEMPTS_EXCEEDED']);
    const late = await register(browser, { ...person, smsCode: right, agreeTerms: true });
    // The true reason, not 已失效: the person knows to ask for a new code.
    expect(late.body.error).toMatchObject({ code: 'SMS_CODE_ATTEMPTS_EXCEEDED', message: '短信验证码错误次数过多，请重新获取', field: 'smsCode' });
  });

  it('does not accept a replayed SMS code', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const person = await registerCitizen(browser);
    const smsCode = await browser.latestSmsCode(person.phone);
    const replay = await register(browser, { ...newPerson(), phone: person.phone, smsCode, agreeTerms: true });
    expect(replay.body.error.code).toBe('SMS_CODE_EXPIRED');
  });

  it('allows one account per ID number, without saying whose it is', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const first = await registerCitizen(browser);
    const second = { ...newPerson(), idNumber: first.idNumber };
    await sendRegisterCode(browser, second.phone);
    const response = await register(browser, { ...second, smsCode: await browser.latestSmsCode(second.phone), agreeTerms: true });
    expect(response).toMatchObject({ status: 409, body: { error: { code: 'ID_NUMBER_TAKEN', field: 'idNumber' } } });
    const text = JSON.stringify(response.body);
    expect(text).not.toContain(first.username);
    expect(text).not.toContain(first.phone.slice(-4));
  });

  it('refuses a taken username case-insensitively', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const person = { ...newPerson(), username: 'ZhangSan' };
    await sendRegisterCode(browser, person.phone);
    const response = await register(browser, { ...person, smsCode: await browser.latestSmsCode(person.phone), agreeTerms: true });
    expect(response.body.error.code).toBe('USERNAME_TAKEN');
  });

  it('checks name + ID number with the identity registry', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const person = { ...newPerson(), name: '李五', idNumber: '34052419800101001X' };
    await sendRegisterCode(browser, person.phone);
    const response = await register(browser, { ...person, smsCode: await browser.latestSmsCode(person.phone), agreeTerms: true });
    expect(response).toMatchObject({ status: 422, body: { error: { code: 'REALNAME_MISMATCH', field: 'name' } } });
  });

  const invalid: [string, Record<string, unknown>, string, string][] = [
    ['a wrong check digit', { idNumber: '340524198001010013' }, 'ID_NUMBER_CHECKSUM', 'idNumber'],
    ['an unknown ID type', { idType: 'driving_licence' }, 'ID_TYPE_INVALID', 'idType'],
    ['a weak password', { password: 'alllowercase' }, 'PASSWORD_COMPLEXITY', 'password'],
    ['a password with the username', { username: 'wangxm2026', password: 'Wangxm2026!' }, 'PASSWORD_CONTAINS_PERSONAL', 'password'],
    ['a common password', { password: 'Password1!' }, 'PASSWORD_TOO_COMMON', 'password'],
    ['a common password in leetspeak', { password: 'P@ssw0rd2026' }, 'PASSWORD_TOO_COMMON', 'password'],
    ['a password over 64 characters', { password: 'Quiet-River-Maple-Lantern-47'.repeat(3) }, 'PASSWORD_LENGTH', 'password'],
    ['a username that is a phone number', { username: '13912345678' }, 'USERNAME_INVALID', 'username'],
    ['a name with HTML', { name: '<script>alert(1)</script>' }, 'NAME_INVALID', 'name'],
    ['no consent', { agreeTerms: false }, 'CONSENT_REQUIRED', 'agreeTerms'],
  ];
  for (const [label, change, code, field] of invalid) {
    it(`refuses ${label} with ${code} and writes nothing`, async () => {
      const browser = new Browser(rp.t.baseUrl);
      const person = newPerson();
      await sendRegisterCode(browser, person.phone);
      const smsCode = await browser.latestSmsCode(person.phone);
      const response = await register(browser, { ...person, smsCode, agreeTerms: true, ...change });
      expect(response.body.error).toMatchObject({ code, field });
      // The code is still good and no account was half-written: the corrected form goes through.
      const fixed = await register(browser, { ...person, smsCode, agreeTerms: true });
      expect(fixed.status).toBe(201);
    });
  }

  it('accepts a 64-character passphrase, which then logs in', async () => {
    const person = { ...newPerson(), password: 'Quiet-River-Maple-Lantern-47-'.padEnd(64, 'x') };
    expect(person.password).toHaveLength(64);
    await registerCitizen(new Browser(rp.t.baseUrl), person);
    const { tokens } = await passwordLogin(new Browser(rp.t.baseUrl), rp.config, person.username, person.password);
    expect(tokens.claims()!.acr).toBe('L2');
  });

  it('says why a common password is refused, in Chinese', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const person = newPerson();
    await sendRegisterCode(browser, person.phone);
    const response = await register(browser, { ...person, password: 'Qwerty123!', smsCode: await browser.latestSmsCode(person.phone), agreeTerms: true });
    expect(response).toMatchObject({ status: 400, body: { error: { code: 'PASSWORD_TOO_COMMON', message: '该密码过于常见或已在数据泄露中出现，请更换', field: 'password' } } });
  });

  it('normalises full-width digits and a lower-case x', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const person = newPerson();
    const base = person.idNumber;
    const fullWidth = [...base].map((c) => (/\d/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c.toLowerCase())).join('');
    await registerCitizen(browser, { ...person, idNumber: fullWidth });
    const { tokens } = await passwordLogin(new Browser(rp.t.baseUrl), rp.config, base, person.password);
    expect(tokens.claims()!.sub).toBeTruthy();
  });
});
