// 授权确认: a relying party driven by openid-client sends prompt=consent with
// offline_access (as OIDC Core asks). In one browser profile: 账号登录 → the
// consent page → 同意 → the RP redeems its code for tokens with a refresh token;
// a second prompt=consent asks again (取消 → access_denied at the RP); a plain
// single sign-on afterwards asks nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mainFrameUrlsDuring, screenshot } from './support/browser.ts';
import { chooseAccountLogin, DEMO, fillAccountLogin, submitAccountLogin } from './support/flows.ts';
import type { Servers } from './support/servers.ts';
import { closeAll, openDesktopPage, startServersAndBrowser } from './support/session.ts';

// The demo relying party's registration (apps/idp/src/demo/demo-data.ts): it may ask for offline_access.
const RP = { clientId: 'edu-portal', clientSecret: 'edu-portal-demo-secret' };

let servers: Servers;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let config: client.Configuration;
let redirectUri: string;

beforeAll(async () => {
  ({ servers, browser } = await startServersAndBrowser());
  ({ context, page } = await openDesktopPage(browser));
  config = await client.discovery(new URL(`${servers.platformUrl}/oidc`), RP.clientId, RP.clientSecret, client.ClientSecretBasic(RP.clientSecret), { execute: [client.allowInsecureRequests] });
  redirectUri = `${servers.eduUrl}/callback`;
  // This test is the relying party: the browser's arrival at the callback is answered here,
  // and the test reads the code (or error) from the URL.
  await context.route(`${redirectUri}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>callback</title>' }));
});

afterAll(() => closeAll({ context, browser, servers }));

interface Request {
  url: string;
  verifier: string;
  state: string;
  nonce: string;
}

async function authorizationRequest(extra: Record<string, string>): Promise<Request> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  return { url: url.href, verifier, state, nonce };
}

const CONSENT = { prompt: 'consent', scope: 'openid offline_access' };
const onConsentPage = (url: URL) => /^\/interaction\/[\w-]+\/consent$/.test(url.pathname);
const atCallback = (url: URL) => url.href.startsWith(redirectUri);

async function waitForConsentPage(): Promise<void> {
  await page.waitForURL(onConsentPage);
  await page.getByRole('heading', { level: 1, name: '授权确认' }).waitFor();
  await page.getByTestId('consent-client').waitFor();
}

describe('授权确认 (prompt=consent) from a relying party using openid-client', () => {
  it('logs in, shows the consent page, and 同意 gives the RP a code it redeems for tokens with a refresh token', async () => {
    const request = await authorizationRequest(CONSENT);
    await page.goto(request.url);
    await page.waitForURL((url) => /^\/interaction\/[\w-]+$/.test(url.pathname));
    await chooseAccountLogin(page);
    await fillAccountLogin(page, servers.platformUrl, DEMO.username, DEMO.password);
    expect((await submitAccountLogin(page)).status()).toBe(200);

    await waitForConsentPage();
    expect(await page.getByTestId('consent-client').textContent()).toBe('义务教育入学服务平台（演示） 申请获取您的以下信息：');
    const items = await page.locator('.consent-scopes li').allTextContents();
    expect(items).toEqual(['基本身份标识（用户标识、认证等级与登录方式）', '离线访问/保持登录（即使您已退出登录，该服务在授权有效期内仍可获取上述信息）']);
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'consent-page-1366x768');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'consent-page-390x844');
    await page.setViewportSize({ width: 1366, height: 900 });

    await page.getByRole('button', { name: '同意' }).click();
    await page.waitForURL(atCallback);
    const callback = new URL(page.url());
    expect(callback.searchParams.get('code')).toBeTruthy();
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: request.verifier, expectedState: request.state, expectedNonce: request.nonce });
    expect(tokens.scope?.split(' ').sort()).toEqual(['offline_access', 'openid']);
    expect(tokens.refresh_token).toBeTruthy();
    expect((await client.refreshTokenGrant(config, tokens.refresh_token!)).access_token).toBeTruthy();
  });

  it('asks again at the next prompt=consent, without a login page; 取消 gives the RP access_denied', async () => {
    const request = await authorizationRequest(CONSENT);
    const visited = await mainFrameUrlsDuring(page, async () => {
      await page.goto(request.url);
      await waitForConsentPage();
      await page.getByRole('button', { name: '取消' }).click();
      await page.waitForURL(atCallback);
    });
    expect(visited.filter((url) => /\/interaction\/[\w-]+$/.test(new URL(url).pathname))).toEqual([]);
    const callback = new URL(page.url());
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe(request.state);
    expect(callback.searchParams.get('code')).toBeNull();
  });

  it('(control) single sign-on without prompt=consent goes straight back to the RP', async () => {
    const request = await authorizationRequest({ scope: 'openid' });
    const visited = await mainFrameUrlsDuring(page, async () => {
      await page.goto(request.url);
      await page.waitForURL(atCallback);
    });
    expect(visited.filter((url) => url.includes('/interaction/'))).toEqual([]);
    expect(new URL(page.url()).searchParams.get('code')).toBeTruthy();
  });
});
