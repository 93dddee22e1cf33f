import { describe, expect, it } from 'vitest';
import { Browser } from './harness.ts';
import { registerCitizen } from './registration-helpers.ts';
import { startLogin, useRelyingPartyPlatform } from './relying-party.ts';

// An operator whose rules demand periodic change (UIA_PASSWORD_MAX_AGE_DAYS); the default is off.
const rp = useRelyingPartyPlatform({ UIA_PASSWORD_MAX_AGE_DAYS: '90' });
const DAY_MS = 24 * 60 * 60 * 1000;

async function login(identifier: string, password: string) {
  const browser = new Browser(rp.t.baseUrl);
  const { uid } = await startLogin(browser, rp.config);
  return browser.json(`/interaction/${uid}/login`, { json: { identifier, password, ...(await browser.solvedCaptcha()) } });
}

/** 忘记密码 from start to end through the API, as the portal walks it. */
async function resetPassword(person: Awaited<ReturnType<typeof registerCitizen>>, password: string) {
  const browser = new Browser(rp.t.baseUrl);
  const started = await browser.json('/api/password-reset/start', { json: { account: person.username, ...(await browser.solvedCaptcha()) } });
  await browser.json('/api/password-reset/send-code', { json: { ticket: started.body.ticket, idNumber: person.idNumber, ...(await browser.solvedCaptcha()) } });
  const verified = await browser.json('/api/password-reset/verify-code', { json: { ticket: started.body.ticket, smsCode: await browser.latestSmsCode(person.phone) } });
  return browser.json('/api/password-reset/complete', { json: { ticket: verified.body.ticket, password, confirmPassword: password } });
}

describe('UIA_PASSWORD_MAX_AGE_DAYS', () => {
  it('lets a password log in until it is older than the limit, then refuses it — only when right — pointing to 忘记密码', async () => {
    const person = await registerCitizen(new Browser(rp.t.baseUrl));
    rp.t.clock.advance(89 * DAY_MS);
    expect((await login(person.username, person.password)).status).toBe(200);

    rp.t.clock.advance(2 * DAY_MS);
    // A wrong password learns nothing about the age: the usual answer.
    expect((await login(person.username, 'Wrong#Pass2026')).body.error.code).toBe('CREDENTIALS_INVALID');
    const expired = await login(person.username, person.password);
    expect(expired).toMatchObject({
      status: 403,
      body: { error: { code: 'PASSWORD_EXPIRED', message: '密码已超过有效期，请点击“忘记密码”设置新密码后再登录', field: 'password' } },
    });
    const events = await rp.t.platform.audit.recent(10);
    expect(events.find((e) => e.type === 'login.password')).toMatchObject({ outcome: 'failure', detail: { reason: 'PASSWORD_EXPIRED' } });

    // 忘记密码 sets a new password, whose age starts then. (The login is checked at the
    // password step: oidc-provider keeps the system clock, which the test clock has left behind.)
    expect((await resetPassword(person, 'Renewed#Lantern26')).status).toBe(200);
    expect((await login(person.username, 'Renewed#Lantern26')).status).toBe(200);
    rp.t.clock.advance(91 * DAY_MS);
    expect((await login(person.phone, 'Renewed#Lantern26')).body.error.code).toBe('PASSWORD_EXPIRED');
  });
});
