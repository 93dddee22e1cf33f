// prompt=consent (OIDC Core §3.1.2.1, and what §11 asks for offline_access): the
// platform shows its consent page and never sends the browser back to the login
// page. Driven with openid-client as the demo relying party.
import { describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { Browser } from './harness.ts';
import { RP, authorizationUrl, followToRp, startLogin, useRelyingPartyPlatform, type StartedLogin } from './relying-party.ts';

const rp = useRelyingPartyPlatform();

const CONSENT = { prompt: 'consent', scope: 'openid offline_access profile' };
const consentPage = /^\/interaction\/([\w-]+)\/consent$/;

/** Follows the platform's redirects from `url` to the consent page; returns its interaction uid. */
async function followToConsent(browser: Browser, url: string): Promise<string> {
  const page = await browser.followUntil(url, `${rp.t.baseUrl}/interaction/`);
  const uid = consentPage.exec(page.pathname)?.[1];
  if (!uid) throw new Error(`expected the consent page, got ${page.pathname}`);
  return uid;
}

/** A password login for a prompt=consent request, up to the consent page. */
async function loginToConsent(browser: Browser): Promise<{ login: StartedLogin; consentUid: string }> {
  const login = await startLogin(browser, rp.config, CONSENT);
  const captcha = await browser.solvedCaptcha();
  const answer = await browser.json(`/interaction/${login.uid}/login`, { json: { identifier: 'zhangsan', password: 'Demo@2026pw', ...captcha } });
  expect(answer.status).toBe(200);
  return { login, consentUid: await followToConsent(browser, answer.body.redirectTo) };
}

const consentEvents = async (outcome: 'success' | 'failure') => (await rp.t.platform.audit.recent(200)).filter((event) => event.type === 'oidc.consent' && event.outcome === outcome);

describe(`prompt=consent (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('after the login shows the consent page with the service and what it will receive; 同意 gives the RP tokens with a refresh token', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const before = (await consentEvents('success')).length;
    const { login, consentUid } = await loginToConsent(browser);

    const details = await browser.json(`/interaction/${consentUid}/consent/details`);
    expect(details).toEqual({
      status: 200,
      body: { uid: consentUid, client: { id: RP.clientId, name: '义务教育入学服务平台（演示）' }, scopes: ['openid', 'offline_access', 'profile'] },
    });
    // The page itself is the portal.
    const page = await browser.request(`/interaction/${consentUid}/consent`);
    expect(page.headers.get('content-type')).toContain('text/html');

    const confirmed = await browser.json(`/interaction/${consentUid}/consent/confirm`, { method: 'POST' });
    expect(confirmed.status).toBe(200);
    const callback = await followToRp(browser, confirmed.body.redirectTo);
    const tokens = await client.authorizationCodeGrant(rp.config, callback, { pkceCodeVerifier: login.verifier, expectedState: login.state, expectedNonce: login.nonce });
    expect(tokens.scope?.split(' ').sort()).toEqual(['offline_access', 'openid', 'profile']);
    expect(tokens.refresh_token).toBeTruthy();
    const refreshed = await client.refreshTokenGrant(rp.config, tokens.refresh_token!);
    expect(refreshed.access_token).toBeTruthy();
    expect(await client.fetchUserInfo(rp.config, refreshed.access_token, tokens.claims()!.sub)).toMatchObject({ name: '张三' });

    const events = await consentEvents('success');
    expect(events.length).toBe(before + 1);
    expect(events[0]).toMatchObject({ clientId: RP.clientId, accountId: tokens.claims()!.sub, detail: { scopes: 'openid offline_access profile' } });
  });

  it('取消 sends the RP access_denied with its state, and is audited', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const before = (await consentEvents('failure')).length;
    const { login, consentUid } = await loginToConsent(browser);
    const denied = await browser.json(`/interaction/${consentUid}/consent/deny`, { method: 'POST' });
    expect(denied.status).toBe(200);
    const callback = await followToRp(browser, denied.body.redirectTo);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe(login.state);
    expect(callback.searchParams.get('code')).toBeNull();
    const events = await consentEvents('failure');
    expect(events.length).toBe(before + 1);
    expect(events[0]).toMatchObject({ clientId: RP.clientId, detail: { reason: 'CONSENT_DENIED' } });
  });

  it('asks again at every prompt=consent of a signed-in person, while single sign-on without it asks nothing', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const { consentUid } = await loginToConsent(browser);
    const first = await browser.json(`/interaction/${consentUid}/consent/confirm`, { method: 'POST' });
    await followToRp(browser, first.body.redirectTo);

    // prompt=consent again: straight to the consent page, no login page.
    const again = await browser.request((await authorizationUrl(rp.config, CONSENT)).href);
    const location = new URL(again.headers.get('location')!, rp.t.baseUrl);
    expect(location.pathname).toMatch(consentPage);

    // Without prompt=consent the remembered grant serves: the RP gets a code at once.
    const sso = await followToRp(browser, (await authorizationUrl(rp.config, { scope: 'openid profile' })).href);
    expect(sso.searchParams.get('code')).toBeTruthy();
  });

  it('answers its API only to the browser the consent request started in, and only once', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const { consentUid } = await loginToConsent(browser);

    const stranger = new Browser(rp.t.baseUrl);
    for (const path of ['details', 'confirm', 'deny']) {
      const answer = await stranger.json(`/interaction/${consentUid}/consent/${path}`, path === 'details' ? {} : { method: 'POST' });
      expect(answer).toEqual({ status: 400, body: { error: { code: 'LOGIN_REQUEST_EXPIRED', message: '登录请求已失效，请返回业务系统重新发起登录' } } });
    }

    const confirmed = await browser.json(`/interaction/${consentUid}/consent/confirm`, { method: 'POST' });
    await followToRp(browser, confirmed.body.redirectTo);
    expect((await browser.json(`/interaction/${consentUid}/consent/confirm`, { method: 'POST' })).body.error.code).toBe('LOGIN_REQUEST_EXPIRED');
  });

  it('does not take a login interaction for a consent one, nor the other way round', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const login = await startLogin(browser, rp.config, CONSENT);
    const answer = await browser.json(`/interaction/${login.uid}/consent/confirm`, { method: 'POST' });
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'LOGIN_REQUEST_EXPIRED' } } });

    // This client sends the consent interaction's cookie to every path (a browser would not).
    const other = new Browser(rp.t.baseUrl);
    const { consentUid } = await loginToConsent(other);
    const captcha = await other.solvedCaptcha();
    for (const [path, init] of [
      ['details', {}],
      ['login', { json: { identifier: 'zhangsan', password: 'Demo@2026pw', ...captcha } }],
      ['abort', { method: 'POST' }],
    ] as const) {
      const misused = await other.json(`/interaction/${consentUid}/${path}`, init);
      expect(misused).toMatchObject({ status: 400, body: { error: { code: 'LOGIN_REQUEST_EXPIRED' } } });
    }
    // The consent itself is still open.
    expect((await other.json(`/interaction/${consentUid}/consent/confirm`, { method: 'POST' })).status).toBe(200);
  });
});
