// Platform session lifetimes (docs/architecture.md § Session lifetimes): an idle timeout and an
// absolute limit from the login, judged by the service clock; past either, the next authorization
// shows the login page (not an error), and logging in again works. The user center ends with them.
import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { Browser } from './harness.ts';
import { followToRp, RP, startLogin, useRelyingPartyPlatform } from './relying-party.ts';
import { account, userCenterLogin } from './user-center-helpers.ts';

const MINUTE = 60_000;
const DEMO = { identifier: 'zhangsan', password: 'Demo@2026pw' };

/** Where the demo RP's next authorization in this browser goes: single sign-on ('rp') or the login page ('login'). */
async function nextAuthorization(browser: Browser, config: client.Configuration): Promise<'rp' | 'login'> {
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: RP.redirectUri,
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
  });
  const location = (await browser.request(url.href)).headers.get('location') ?? '';
  if (location.startsWith(RP.redirectUri)) return 'rp';
  const uid = /^\/interaction\/([\w-]+)$/.exec(new URL(location, browser.baseUrl).pathname)?.[1];
  if (!uid) throw new Error(`unexpected answer: ${location}`);
  // The login page's interaction, asking for a login (not an error page).
  const details = await browser.json(`/interaction/${uid}/details`);
  expect(details).toMatchObject({ status: 200, body: { prompt: 'login' } });
  return 'login';
}

/** 账号登录 at the demo RP; the browser then holds a platform session. */
async function login(browser: Browser, config: client.Configuration) {
  const started = await startLogin(browser, config);
  const { status, body } = await browser.json(`/interaction/${started.uid}/login`, { json: { ...DEMO, ...(await browser.solvedCaptcha()) } });
  expect(status, JSON.stringify(body)).toBe(200);
  expect((await followToRp(browser, body.redirectTo)).searchParams.get('code')).toBeTruthy();
}

describe(`platform session lifetimes, defaults (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  const rp = useRelyingPartyPlatform();

  it('ends after 30 minutes without use; each use starts the 30 minutes again', async () => {
    const browser = new Browser(rp.t.baseUrl);
    await login(browser, rp.config);
    rp.t.clock.advance(29 * MINUTE);
    expect(await nextAuthorization(browser, rp.config)).toBe('rp');
    rp.t.clock.advance(29 * MINUTE);
    expect(await nextAuthorization(browser, rp.config)).toBe('rp');
    rp.t.clock.advance(30 * MINUTE);
    expect(await nextAuthorization(browser, rp.config)).toBe('login');
    // Logging in again gives a fresh session (no loop back to the login page).
    await login(browser, rp.config);
    expect(await nextAuthorization(browser, rp.config)).toBe('rp');
  });

  it('ends 12 hours after the login however often it is used, with the login page', async () => {
    const browser = new Browser(rp.t.baseUrl);
    await login(browser, rp.config);
    // 24 uses 29 minutes apart: 11 h 36 min after the login, still the same session.
    for (let use = 1; use <= 24; use += 1) {
      rp.t.clock.advance(29 * MINUTE);
      expect(await nextAuthorization(browser, rp.config), `use ${use}`).toBe('rp');
    }
    rp.t.clock.advance(24 * MINUTE);
    expect(await nextAuthorization(browser, rp.config)).toBe('login');
    await login(browser, rp.config);
    expect(await nextAuthorization(browser, rp.config)).toBe('rp');
  });
});

describe(`platform session lifetimes, configured (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  // A long idle timeout, so only the absolute limit (2 h) ends the session.
  const rp = useRelyingPartyPlatform({ UIA_SESSION_IDLE_MINUTES: '120', UIA_SESSION_MAX_HOURS: '2' });

  it('honours UIA_SESSION_MAX_HOURS, and the user center does not outlive the platform session', async () => {
    const browser = new Browser(rp.t.baseUrl);
    await login(browser, rp.config);
    rp.t.clock.advance(90 * MINUTE);
    // The user center opened by single sign-on 90 minutes into the session...
    await userCenterLogin(browser, DEMO.identifier, DEMO.password);
    expect((await account.me(browser)).status).toBe(200);
    rp.t.clock.advance(29 * MINUTE);
    expect((await account.me(browser)).status).toBe(200);
    expect(await nextAuthorization(browser, rp.config)).toBe('rp');
    // ...ends with it at 2 h, not two hours after it opened.
    rp.t.clock.advance(2 * MINUTE);
    expect((await account.me(browser)).status).toBe(401);
    expect(await nextAuthorization(browser, rp.config)).toBe('login');
  });
});
