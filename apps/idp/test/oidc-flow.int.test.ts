import { describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { Browser } from './harness.ts';
import { RP, authorizationUrl, followToRp, passwordLogin, passwordLoginToCallback, redeemCode, startLogin, useRelyingPartyPlatform } from './relying-party.ts';

const rp = useRelyingPartyPlatform();

describe(`OIDC single sign-on (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('publishes discovery for the code flow only, with S256 PKCE and the platform scopes', async () => {
    const meta = rp.config.serverMetadata();
    expect(meta.issuer).toBe(`${rp.t.baseUrl}/oidc`);
    expect(meta.response_types_supported).toEqual(['code']);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'phone', 'id_card']));
    expect(meta.acr_values_supported).toEqual(['L1', 'L2', 'L3', 'L4']);
    expect(meta.end_session_endpoint).toBe(`${rp.t.baseUrl}/oidc/session/end`);
    const jwks = (await (await fetch(meta.jwks_uri!)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]?.d).toBeUndefined();
  });

  for (const [kind, identifier] of [
    ['username', 'zhangsan'],
    ['phone', '13800000001'],
    ['ID number', '11010519491231002x'],
  ]) {
    it(`logs in with the ${kind} and gives the RP the verified identity`, async () => {
      const browser = new Browser(rp.t.baseUrl);
      const { tokens } = await passwordLogin(browser, rp.config, identifier!, 'Demo@2026pw');
      const claims = tokens.claims()!;
      expect(claims.acr).toBe('L2');
      expect(claims.amr).toEqual(['pwd']);
      const userinfo = await client.fetchUserInfo(rp.config, tokens.access_token, claims.sub);
      expect(userinfo).toMatchObject({
        name: '张三',
        phone_number: '+8613800000001',
        phone_number_verified: true,
        id_type: 'resident_id',
        id_number: '11010519491231002X',
      });
    });
  }

  it('keeps the single sign-on session: a second login request needs no password', async () => {
    const browser = new Browser(rp.t.baseUrl);
    await passwordLogin(browser, rp.config, 'zhangsan', 'Demo@2026pw');
    const url = await authorizationUrl(rp.config, { state: 's2' });
    const callback = await followToRp(browser, url.href);
    expect(callback.searchParams.get('code')).toBeTruthy();
  });

  it('requires PKCE', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const url = client.buildAuthorizationUrl(rp.config, { redirect_uri: RP.redirectUri, scope: 'openid', state: 'x' });
    const response = await browser.request(url.href);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(RP.redirectUri);
    expect(location.searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses implicit and hybrid response types', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const url = client.buildAuthorizationUrl(rp.config, { redirect_uri: RP.redirectUri, scope: 'openid', response_type: 'code id_token', nonce: 'n' });
    const response = await browser.request(url.href);
    const location = response.headers.get('location') ?? '';
    expect(location).toContain('error=unsupported_response_type');
  });

  it('matches redirect URIs exactly and never redirects to an unregistered one', async () => {
    const browser = new Browser(rp.t.baseUrl);
    for (const redirect of [`${RP.redirectUri}/extra`, 'http://localhost:3001/callback?x=1', 'http://evil.example/callback']) {
      const url = client.buildAuthorizationUrl(rp.config, { redirect_uri: redirect, scope: 'openid', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' });
      const response = await browser.request(url.href);
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      const html = await response.text();
      expect(html).toContain('请求无法完成');
      expect(html).not.toMatch(/at .*\.js:\d+/);
    }
  });

  it('refuses an unknown client without redirecting', async () => {
    const response = await fetch(`${rp.t.baseUrl}/oidc/auth?client_id=nope&response_type=code&redirect_uri=${encodeURIComponent(RP.redirectUri)}&scope=openid`, { redirect: 'manual' });
    expect(response.status).toBe(400);
  });

  it('rotates refresh tokens on every use and refuses a used one', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const { tokens } = await passwordLogin(browser, rp.config, 'zhangsan', 'Demo@2026pw');
    expect(tokens.refresh_token).toBeTruthy();
    const second = await client.refreshTokenGrant(rp.config, tokens.refresh_token!);
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(tokens.refresh_token);
    await expect(client.refreshTokenGrant(rp.config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  // The account is read with the token, in the same statement (oidc-adapter.ts): at every grant, never kept between them.
  it("decides every refresh on the person's account as stored then: refused while disabled, granted again once enabled", async () => {
    const browser = new Browser(rp.t.baseUrl);
    const { tokens } = await passwordLogin(browser, rp.config, 'zhangsan', 'Demo@2026pw');
    const setStatus = (status: string) => rp.t.platform.database.updateTable('accounts').set({ status }).where('username', '=', 'zhangsan').execute();
    await setStatus('disabled');
    try {
      await expect(client.refreshTokenGrant(rp.config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    } finally {
      await setStatus('active');
    }
    const refreshed = await client.refreshTokenGrant(rp.config, tokens.refresh_token!);
    expect(refreshed.claims()).toMatchObject({ sub: tokens.claims()!.sub, acr: 'L2' });
    expect(await client.fetchUserInfo(rp.config, refreshed.access_token, tokens.claims()!.sub)).toMatchObject({ name: '张三', id_number: '11010519491231002X' });
  });

  // oidc-provider checks a token is unused when it finds it and consumes it later: the store's consume decides.
  it('lets one of several refreshes that present the same token at once succeed', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const { tokens } = await passwordLogin(browser, rp.config, 'zhangsan', 'Demo@2026pw');
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => client.refreshTokenGrant(rp.config, tokens.refresh_token!)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) if (result.status === 'rejected') expect(result.reason).toMatchObject({ error: 'invalid_grant' });
  });

  it('lets one of several redemptions of the same code at once succeed', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const { callback, login } = await passwordLoginToCallback(browser, rp.config, 'zhangsan', 'Demo@2026pw');
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => redeemCode(rp.config, callback, login)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) if (result.status === 'rejected') expect(result.reason).toMatchObject({ error: 'invalid_grant' });
  });

  it('does not accept an authorization code twice', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const { callback, login } = await passwordLogin(browser, rp.config, 'zhangsan', 'Demo@2026pw');
    await expect(client.authorizationCodeGrant(rp.config, callback, { pkceCodeVerifier: login.verifier, expectedState: login.state, expectedNonce: login.nonce })).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('ends the platform session through RP-initiated logout', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const { tokens } = await passwordLogin(browser, rp.config, 'zhangsan', 'Demo@2026pw');
    const endUrl = client.buildEndSessionUrl(rp.config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: RP.postLogoutRedirectUri });
    const page = await browser.request(endUrl.href);
    const html = await page.text();
    expect(html).toContain('退出登录');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    const confirm = await browser.request('/oidc/session/end/confirm', {
      method: 'POST',
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(confirm.headers.get('location')).toBe(RP.postLogoutRedirectUri);
    // The next login request asks for credentials again.
    const again = await startLogin(browser, rp.config);
    expect(again.uid).toBeTruthy();
  });
});
