// OpenID Connect Back-Channel Logout 1.0 at the platform: discovery, the Logout Token that
// end_session (退出登录) sends to the demo RP, and sending one from platform code outside any request.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '../src/adapters/key-value/memory-key-value-store.ts';
import { Argon2PasswordHasher } from '../src/adapters/password/argon2-password-hasher.ts';
import { migrateToLatest, openDatabase } from '../src/adapters/sql/database.ts';
import { SqlAccountRepository } from '../src/adapters/sql/sql-account-repository.ts';
import { SqlClientRepository } from '../src/adapters/sql/sql-client-repository.ts';
import { SqlConsoleRoleRepository } from '../src/adapters/sql/sql-console-role-repository.ts';
import { SqlEntityRepository } from '../src/adapters/sql/sql-entity-repository.ts';
import { SqlOidcModelStore } from '../src/adapters/sql/sql-oidc-model-store.ts';
import { SqlSigningKeyStore } from '../src/adapters/sql/sql-signing-key-store.ts';
import { DEMO_CLIENT, seedDemoData } from '../src/demo/demo-data.ts';
import { createProvider } from '../src/oidc/provider.ts';
import { loadSigningKeys } from '../src/oidc/signing-keys.ts';
import { PiiCipher } from '../src/services/personal-data/pii-cipher.ts';
import { Browser } from './harness.ts';
import { unreachable } from './support/unreachable.ts';
import { logoutTokenOf, startReceiver } from './logout-receiver.ts';
import { startLogin, useLogoutReceiverPlatform } from './relying-party.ts';

const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/**
 * oidc-provider's own `Client#backchannelLogout(sub, sid)` (lib/models/client.js, what its
 * end_session uses; @types/oidc-provider lacks it): signs a Logout Token and POSTs it to the
 * client's backchannel_logout_uri, rejecting unless the answer is 200/204 within 2.5 s.
 */
interface BackchannelLogoutClient {
  readonly backchannelLogoutUri?: string;
  backchannelLogout(sub: string, sid: string): Promise<void>;
}

/** Opens the end_session page and returns its form's xsrf value. */
async function endSessionXsrf(browser: Browser, endUrl: string): Promise<string> {
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(await (await browser.request(endUrl)).text())?.[1];
  return xsrf!;
}

/** 退出登录 on the end_session page. */
function confirmLogout(browser: Browser, xsrf: string) {
  return browser.request('/oidc/session/end/confirm', {
    method: 'POST',
    body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

describe(`back-channel logout at the platform (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  const rp = useLogoutReceiverPlatform();

  /** 账号登录 at the platform as the demo RP registered at the receiver's URL; returns the tokens. */
  async function login(browser: Browser) {
    const redirectUri = `${rp.receiver.url}/callback`;
    const started = await startLogin(browser, rp.config, { redirect_uri: redirectUri });
    const captcha = await browser.solvedCaptcha();
    const { status, body } = await browser.json(`/interaction/${started.uid}/login`, { json: { identifier: 'zhangsan', password: 'Demo@2026pw', ...captcha } });
    expect(status, JSON.stringify(body)).toBe(200);
    const callback = await browser.followUntil(body.redirectTo, redirectUri);
    return client.authorizationCodeGrant(rp.config, callback, { pkceCodeVerifier: started.verifier, expectedState: started.state, expectedNonce: started.nonce });
  }

  it('advertises back-channel logout with sessions in discovery', () => {
    const meta = rp.config.serverMetadata();
    expect(meta.backchannel_logout_supported).toBe(true);
    expect(meta.backchannel_logout_session_supported).toBe(true);
  });

  it('sends the RP a signed Logout Token when the person logs out at the platform (退出登录)', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const tokens = await login(browser);
    const idClaims = tokens.claims()!;
    // The client registered backchannel_logout_session_required: its ID tokens carry sid.
    expect(typeof idClaims.sid).toBe('string');

    // The stored Session names the client with the same sid (what platform code reads to tell RPs).
    const rows = await rp.t.platform.database.selectFrom('oidc_models').select('payload').where('model', '=', 'Session').where('account_id', '=', idClaims.sub).execute();
    const sids = rows.map((row) => (JSON.parse(row.payload) as { authorizations?: Record<string, { sid?: string }> }).authorizations?.[DEMO_CLIENT.clientId]?.sid);
    expect(sids).toContain(idClaims.sid);

    // RP-initiated logout, confirmed with 退出登录.
    const endUrl = client.buildEndSessionUrl(rp.config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: `${rp.receiver.url}/` });
    const xsrf = await endSessionXsrf(browser, endUrl.href);
    expect(rp.receiver.received).toEqual([]);
    const confirm = await confirmLogout(browser, xsrf);
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get('location')).toBe(`${rp.receiver.url}/`);

    // end_session waits for the back-channel requests before it redirects: the token is there.
    expect(rp.receiver.received).toHaveLength(1);
    const token = logoutTokenOf(rp.receiver.received[0]!);
    const jwks = createRemoteJWKSet(new URL(rp.config.serverMetadata().jwks_uri!));
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      issuer: rp.t.issuer,
      audience: DEMO_CLIENT.clientId,
      algorithms: ['RS256'],
      typ: 'logout+jwt',
    });
    expect(protectedHeader.kid).toBeTruthy();
    expect(payload).toMatchObject({
      iss: rp.t.issuer,
      aud: DEMO_CLIENT.clientId,
      sub: idClaims.sub,
      sid: idClaims.sid,
      events: { [LOGOUT_EVENT]: {} },
    });
    expect(payload.jti).toEqual(expect.any(String));
    expect(payload.iat).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(payload.exp! - payload.iat!).toBe(120);
    expect(payload).not.toHaveProperty('nonce');

    // The session is gone: a new login request needs credentials again.
    const again = await startLogin(browser, rp.config, { redirect_uri: `${rp.receiver.url}/callback` });
    expect(again.uid).toBeTruthy();
  });

  // Last in this block: it stops the rp.receiver.
  it('ends the platform session even when the RP cannot be reached', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const tokens = await login(browser);
    await rp.receiver.close();
    const endUrl = client.buildEndSessionUrl(rp.config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: `${rp.receiver.url}/` });
    const confirm = await confirmLogout(browser, await endSessionXsrf(browser, endUrl.href));
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get('location')).toBe(`${rp.receiver.url}/`);
    const again = await startLogin(browser, rp.config, { redirect_uri: `${rp.receiver.url}/callback` });
    expect(again.uid).toBeTruthy();
  });
});

describe('back-channel logout from platform code, outside any request', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'uia-bcl-'));
  const database = openDatabase({ dataDir });
  const cipher = new PiiCipher([{ id: 'k1', key: randomBytes(32) }], randomBytes(32));
  const clients = new SqlClientRepository(database.db, cipher);
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    await migrateToLatest(database.db);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("demo seeding brings an existing data directory's client up to date (backchannel_logout_uri)", async () => {
    // A data directory from before back-channel logout: the client without it.
    await clients.upsert({
      clientId: DEMO_CLIENT.clientId,
      clientName: DEMO_CLIENT.clientName,
      clientSecret: DEMO_CLIENT.clientSecret,
      enabled: true,
      metadata: { redirect_uris: ['http://localhost:3001/callback'], grant_types: ['authorization_code'], response_types: ['code'] },
    });
    const accounts = new SqlAccountRepository(database.db);
    const entities = new SqlEntityRepository(database.db);
    await seedDemoData({
      accounts,
      clients,
      entities,
      consoleRoles: new SqlConsoleRoleRepository(database.db),
      cipher,
      hasher: new Argon2PasswordHasher(),
      relyingPartyUrl: receiver.url,
      now: Date.now,
    });
    const seeded = await clients.find(DEMO_CLIENT.clientId);
    expect(seeded?.metadata).toMatchObject({
      redirect_uris: [`${receiver.url}/callback`],
      backchannel_logout_uri: `${receiver.url}/backchannel-logout`,
      backchannel_logout_session_required: true,
    });
  });

  it('provider.Client.find(clientId) → client.backchannelLogout(accountId, sid) signs and delivers a Logout Token without a request context', async () => {
    const signingKeys = await loadSigningKeys(new SqlSigningKeyStore(database.db), cipher);
    const issuer = 'http://127.0.0.1:1/oidc';
    const provider = createProvider({
      issuer,
      secureCookies: false,
      trustProxy: false,
      cookieSecrets: ['test-cookie-secret-0123456789abcdef'],
      signingKeys,
      accounts: new SqlAccountRepository(database.db),
      cipher,
      store: new MemoryKeyValueStore(),
      models: new SqlOidcModelStore(database.db, database.dialect),
      clients,
      platformName: '统一身份认证平台',
      demo: true,
      now: Date.now,
      // Signing and delivering a logout token reaches none of these: any use fails the test.
      membership: unreachable('membership'),
      clientAuthThrottle: unreachable('clientAuthThrottle'),
      sessionActivity: unreachable('sessionActivity'),
      onDependencyOutage: unreachable('onDependencyOutage'),
      audit: unreachable('audit'),
      onAuditWriteError: unreachable('onAuditWriteError'),
    });

    receiver.received.length = 0;
    const find = async (clientId: string) => (await provider.Client.find(clientId)) as unknown as BackchannelLogoutClient | undefined;
    const client = (await find(DEMO_CLIENT.clientId))!;
    expect(client.backchannelLogoutUri).toBe(`${receiver.url}/backchannel-logout`);
    await client.backchannelLogout('account-1', 'sid-1');
    expect(receiver.received).toHaveLength(1);
    const token = logoutTokenOf(receiver.received[0]!);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', typ: 'logout+jwt', kid: signingKeys[0]!.kid });
    const publicKeys = signingKeys.map(({ kty, n, e, kid, alg, use }) => ({ kty, n, e, kid, alg, use }));
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: publicKeys }), { issuer, audience: DEMO_CLIENT.clientId, typ: 'logout+jwt' });
    expect(payload).toMatchObject({ sub: 'account-1', sid: 'sid-1', events: { [LOGOUT_EVENT]: {} } });
    expect(payload).not.toHaveProperty('nonce');

    // Unknown clients are undefined; clients without a backchannel_logout_uri say so (callers skip both).
    expect(await find('no-such-client')).toBeUndefined();
    await clients.upsert({
      clientId: 'plain-rp',
      clientName: 'plain',
      clientSecret: 'plain-secret',
      enabled: true,
      metadata: { redirect_uris: ['https://rp.example/cb'], grant_types: ['authorization_code'], response_types: ['code'] },
    });
    expect((await find('plain-rp'))!.backchannelLogoutUri).toBeUndefined();

    // An RP that cannot be reached makes it reject (the caller decides what to do).
    await receiver.close();
    await expect(client.backchannelLogout('account-1', 'sid-2')).rejects.toThrow();
  });
});
