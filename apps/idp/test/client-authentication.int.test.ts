// How relying parties authenticate at the token and revocation endpoints: the registered method
// only, wrong credentials audited and throttled per (client, address), private_key_jwt with
// assertions that cannot be replayed. Each test speaks from its own client address
// (X-Forwarded-For, believed in tests) so one test's budget never spends another's.
import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_AUTH_POLICY } from '../src/services/clients/client-auth-throttle.ts';
import { Browser, randomIp, startTestPlatform, type TestPlatform } from './harness.ts';
import { followToRp, RP, startLogin } from './relying-party.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.stop());

const POST_CLIENT = { clientId: 'post-rp', clientSecret: 'post-rp-secret-0123456789abcdef' };

/** A relying party configuration whose requests to the platform come from `ip`, recording their bodies. */
async function relyingParty(clientId: string, clientSecret: string | undefined, auth: client.ClientAuth, ip: string) {
  const config = await client.discovery(new URL(t.issuer), clientId, clientSecret, auth, { execute: [client.allowInsecureRequests] });
  const sentBodies: string[] = [];
  config[client.customFetch] = (url, options) => {
    const headers = new Headers(options.headers);
    headers.set('x-forwarded-for', ip);
    if (typeof options.body === 'string' || options.body instanceof URLSearchParams) sentBodies.push(String(options.body));
    return fetch(url, { ...options, headers });
  };
  return { config, sentBodies };
}

/** A token request with a secret in the Authorization header, from `ip`, as an attacker would send it. */
function tokenRequestWithBasic(clientId: string, secret: string, ip: string, path = '/oidc/token') {
  return fetch(`${t.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      'x-forwarded-for': ip,
    },
    body:
      path === '/oidc/token'
        ? new URLSearchParams({ grant_type: 'authorization_code', code: 'not-a-code', redirect_uri: RP.redirectUri, code_verifier: 'x'.repeat(43) })
        : new URLSearchParams({ token: 'not-a-token' }),
  });
}

const clientAuthAudit = async (ip: string) => (await t.platform.audit.recent(1000)).filter((event) => event.type === 'client.auth' && event.ip === ip);

/** Logs the demo account in through `config` from a fresh browser; the code exchange is the caller's. */
async function callbackFor(config: client.Configuration) {
  const browser = new Browser(t.baseUrl);
  const login = await startLogin(browser, config, { scope: 'openid' });
  const { status, body } = await browser.json(`/interaction/${login.uid}/login`, { json: { identifier: 'zhangsan', password: 'Demo@2026pw', ...(await browser.solvedCaptcha()) } });
  expect(status).toBe(200);
  const callback = await followToRp(browser, body.redirectTo);
  return { login, callback };
}

const exchange = (config: client.Configuration, found: Awaited<ReturnType<typeof callbackFor>>) =>
  client.authorizationCodeGrant(config, found.callback, { pkceCodeVerifier: found.login.verifier, expectedState: found.login.state, expectedNonce: found.login.nonce });

describe(`client authentication (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  beforeAll(async () => {
    await t.platform.clients.upsert({
      clientId: POST_CLIENT.clientId,
      clientName: '表单认证的业务系统（测试）',
      clientSecret: POST_CLIENT.clientSecret,
      enabled: true,
      metadata: {
        redirect_uris: [RP.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
        scope: 'openid',
      },
    });
  });

  it('publishes the supported methods: secrets, private_key_jwt with asymmetric algorithms, none', async () => {
    const meta = (await relyingParty(RP.clientId, RP.clientSecret, client.ClientSecretBasic(RP.clientSecret), randomIp())).config.serverMetadata();
    expect(meta.token_endpoint_auth_methods_supported).toEqual(['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none']);
    expect(meta.token_endpoint_auth_signing_alg_values_supported).toEqual(['PS256', 'RS256', 'ES256', 'Ed25519', 'EdDSA']);
  });

  it('holds a client_secret_basic client to basic: the right secret in the body is refused, the same code then works with basic', async () => {
    const ip = randomIp();
    const post = await relyingParty(RP.clientId, RP.clientSecret, client.ClientSecretPost(RP.clientSecret), ip);
    const found = await callbackFor(post.config);
    await expect(exchange(post.config, found)).rejects.toMatchObject({ error: 'invalid_client', status: 401 });
    const basic = await relyingParty(RP.clientId, RP.clientSecret, client.ClientSecretBasic(RP.clientSecret), ip);
    const tokens = await exchange(basic.config, found);
    expect(tokens.access_token).toBeTruthy();
    const [event] = await clientAuthAudit(ip);
    expect(event).toMatchObject({ outcome: 'failure', clientId: RP.clientId, detail: { reason: 'wrong_method', method: 'client_secret_post', endpoint: 'token' } });
  });

  it('holds a client_secret_post client to post: the right secret in the Authorization header is refused', async () => {
    const ip = randomIp();
    const basic = await relyingParty(POST_CLIENT.clientId, POST_CLIENT.clientSecret, client.ClientSecretBasic(POST_CLIENT.clientSecret), ip);
    const found = await callbackFor(basic.config);
    // A refused Authorization header is answered with a Basic challenge (RFC 6749 §5.2).
    const refusal = exchange(basic.config, found);
    await expect(refusal).rejects.toBeInstanceOf(client.WWWAuthenticateChallengeError);
    await expect(refusal).rejects.toMatchObject({ status: 401, cause: [{ scheme: 'basic', parameters: { error: 'invalid_client' } }] });
    const post = await relyingParty(POST_CLIENT.clientId, POST_CLIENT.clientSecret, client.ClientSecretPost(POST_CLIENT.clientSecret), ip);
    expect((await exchange(post.config, found)).access_token).toBeTruthy();
    expect((await clientAuthAudit(ip)).map((event) => event.detail?.reason)).toEqual(['wrong_method']);
  });

  it(`throttles wrong secrets per client and address: after ${CLIENT_AUTH_POLICY.failuresPerWindow} the right secret from that address is refused too, until the window ends`, async () => {
    const attacker = randomIp();
    const wrongSecrets = Array.from({ length: CLIENT_AUTH_POLICY.failuresPerWindow }, (_, index) => `guess-${index}-of-the-secret`);
    for (const secret of wrongSecrets) {
      const response = await tokenRequestWithBasic(RP.clientId, secret, attacker);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'invalid_client', error_description: 'client authentication failed' });
    }

    // Budget spent: even the right secret from this address is refused, with a time to come back.
    const refused = await tokenRequestWithBasic(RP.clientId, RP.clientSecret, attacker);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(CLIENT_AUTH_POLICY.windowSeconds - 60);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(CLIENT_AUTH_POLICY.windowSeconds);
    expect(await refused.json()).toMatchObject({ error: 'invalid_client' });
    expect((await tokenRequestWithBasic(RP.clientId, RP.clientSecret, attacker, '/oidc/token/revocation')).status).toBe(429);

    // A real code exchange from that address is refused as openid-client reports it; from another address it works.
    const fromAttacker = await relyingParty(RP.clientId, RP.clientSecret, client.ClientSecretBasic(RP.clientSecret), attacker);
    const found = await callbackFor(fromAttacker.config);
    await expect(exchange(fromAttacker.config, found)).rejects.toMatchObject({ error: 'invalid_client', status: 429 });
    const elsewhere = await relyingParty(RP.clientId, RP.clientSecret, client.ClientSecretBasic(RP.clientSecret), randomIp());
    expect((await exchange(elsewhere.config, found)).access_token).toBeTruthy();
    // Another client from the same address has its own budget.
    expect((await tokenRequestWithBasic(POST_CLIENT.clientId, 'a-guess', attacker)).status).toBe(401);

    const events = await clientAuthAudit(attacker);
    const reasons = events.filter((event) => event.clientId === RP.clientId).map((event) => event.detail?.reason);
    expect(reasons.filter((reason) => reason === 'wrong_secret')).toHaveLength(CLIENT_AUTH_POLICY.failuresPerWindow);
    expect(reasons.filter((reason) => reason === 'throttled')).toHaveLength(3);
    expect(events.find((event) => event.detail?.endpoint === 'revocation')).toMatchObject({ detail: { reason: 'throttled' } });
    const dump = JSON.stringify(await t.platform.audit.recent(1000));
    for (const secret of [...wrongSecrets, RP.clientSecret, 'a-guess']) expect(dump).not.toContain(secret);

    // The window passes (service clock): the right secret from the attacker's address works again.
    t.clock.advance(CLIENT_AUTH_POLICY.windowSeconds * 1000 + 1000);
    const later = await callbackFor(fromAttacker.config);
    expect((await exchange(fromAttacker.config, later)).access_token).toBeTruthy();
  });

  it('audits a client id that does not exist, without a budget of its own', async () => {
    const ip = randomIp();
    for (let attempt = 0; attempt <= CLIENT_AUTH_POLICY.failuresPerWindow; attempt += 1) {
      expect((await tokenRequestWithBasic('no-such-service', 'whatever', ip)).status).toBe(401);
    }
    const events = await clientAuthAudit(ip);
    expect(events).toHaveLength(CLIENT_AUTH_POLICY.failuresPerWindow + 1);
    expect(events[0]).toMatchObject({ clientId: null, outcome: 'failure', detail: { reason: 'unknown_client' } });
  });

  describe('private_key_jwt', () => {
    const JWT_CLIENT_ID = 'jwt-rp';
    let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
    const kid = 'jwt-rp-2026';

    beforeAll(async () => {
      const pair = await generateKeyPair('ES256');
      privateKey = pair.privateKey;
      // Registered as an operator would: the public key only, no secret.
      await t.platform.clients.upsert({
        clientId: JWT_CLIENT_ID,
        clientName: '密钥认证的业务系统（测试）',
        clientSecret: null,
        enabled: true,
        metadata: {
          redirect_uris: [RP.redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'private_key_jwt',
          token_endpoint_auth_signing_alg: 'ES256',
          jwks: { keys: [{ ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256', use: 'sig' }] },
          scope: 'openid profile',
        },
      });
    });

    it('completes code → token with an assertion signed by the registered key', async () => {
      const rp = await relyingParty(JWT_CLIENT_ID, undefined, client.PrivateKeyJwt({ key: privateKey, kid }), randomIp());
      const tokens = await exchange(rp.config, await callbackFor(rp.config));
      expect(tokens.claims()).toMatchObject({ aud: JWT_CLIENT_ID, acr: 'L2' });
      expect(rp.sentBodies.at(-1)).toContain('client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer');
      expect(rp.sentBodies.at(-1)).not.toContain('client_secret');
    });

    it('refuses a replayed assertion (its jti is remembered in the shared store)', async () => {
      const ip = randomIp();
      const rp = await relyingParty(JWT_CLIENT_ID, undefined, client.PrivateKeyJwt({ key: privateKey, kid }), ip);
      const found = await callbackFor(rp.config);
      await exchange(rp.config, found);
      const response = await fetch(`${t.baseUrl}/oidc/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
        body: rp.sentBodies.at(-1)!,
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'invalid_client' });
      expect(await clientAuthAudit(ip)).toEqual([expect.objectContaining({ clientId: JWT_CLIENT_ID, detail: { reason: 'assertion_replayed', method: 'client_assertion', endpoint: 'token' } })]);
    });

    it('takes one assertion sent twice at the same instant only once (the jti is claimed atomically)', async () => {
      const ip = randomIp();
      const rp = await relyingParty(JWT_CLIENT_ID, undefined, client.PrivateKeyJwt({ key: privateKey, kid }), ip);
      const logins = [await callbackFor(rp.config), await callbackFor(rp.config)];
      const assertion = await new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid })
        .setIssuer(JWT_CLIENT_ID)
        .setSubject(JWT_CLIENT_ID)
        .setAudience(t.issuer)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime('1m')
        .sign(privateKey);
      const exchangeWithAssertion = (found: Awaited<ReturnType<typeof callbackFor>>) =>
        fetch(`${t.baseUrl}/oidc/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code: found.callback.searchParams.get('code')!,
            redirect_uri: RP.redirectUri,
            code_verifier: found.login.verifier,
            client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
            client_assertion: assertion,
          }),
        });
      const statuses = (await Promise.all(logins.map(exchangeWithAssertion))).map((response) => response.status);
      expect(statuses.sort()).toEqual([200, 401]);
      expect((await clientAuthAudit(ip)).map((event) => event.detail?.reason)).toEqual(['assertion_replayed']);
    });

    it('refuses an assertion signed by another key, and a secret instead of an assertion', async () => {
      const ip = randomIp();
      const stranger = await generateKeyPair('ES256');
      const forged = await relyingParty(JWT_CLIENT_ID, undefined, client.PrivateKeyJwt({ key: stranger.privateKey, kid }), ip);
      const found = await callbackFor(forged.config);
      await expect(exchange(forged.config, found)).rejects.toMatchObject({ error: 'invalid_client', status: 401 });
      expect((await tokenRequestWithBasic(JWT_CLIENT_ID, 'a-secret', ip)).status).toBe(401);
      expect((await clientAuthAudit(ip)).map((event) => event.detail?.reason).sort()).toEqual(['invalid_assertion', 'wrong_method']);
    });
  });
});
