// ID token signing algorithms: RS256 by default (OpenID Connect's), ES256 for a relying party
// that registered `id_token_signed_response_alg: 'ES256'`. Both relying parties are unmodified
// openid-client configurations that verify the ID token's signature against the platform's JWKS
// (enableNonRepudiationChecks), and refuse a token of another algorithm than registered.
import { decodeProtectedHeader } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../src/demo/demo-data.ts';
import { Browser, startTestPlatform, type TestPlatform } from './harness.ts';
import { RP, passwordLogin } from './relying-party.ts';

const ES256_RP = { clientId: 'es256-rp', clientSecret: 'es256-rp-secret-0123456789abcdef' };

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
  await t.platform.clients.upsert({
    clientId: ES256_RP.clientId,
    clientName: 'ES256 签名的业务系统（测试）',
    clientSecret: ES256_RP.clientSecret,
    enabled: true,
    metadata: {
      redirect_uris: [RP.redirectUri],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'openid offline_access profile phone id_card',
      id_token_signed_response_alg: 'ES256',
    },
  });
});
afterAll(() => t?.stop());

/** An openid-client relying party that verifies ID token signatures; `alg` is its registered algorithm (none: openid-client's default). */
function relyingParty(clientId: string, clientSecret: string, alg?: string) {
  return client.discovery(new URL(t.issuer), clientId, { client_secret: clientSecret, ...(alg ? { id_token_signed_response_alg: alg } : {}) }, client.ClientSecretBasic(clientSecret), {
    execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks],
  });
}

async function loginAndRefresh(config: client.Configuration) {
  const { tokens } = await passwordLogin(new Browser(t.baseUrl), config, DEMO_ACCOUNT.username, DEMO_ACCOUNT.password);
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
  return { tokens, refreshed };
}

describe(`ID token signing algorithms (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('discovery lists RS256 (the default) and ES256; the JWKS publishes an RSA and a P-256 public key', async () => {
    const meta = (await relyingParty(RP.clientId, RP.clientSecret)).serverMetadata();
    expect(meta.id_token_signing_alg_values_supported).toEqual(['RS256', 'ES256']);
    const jwks = (await (await fetch(meta.jwks_uri!)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.map((key) => [key.kty, key.alg, key.use])).toEqual([
      ['RSA', 'RS256', 'sig'],
      ['EC', 'ES256', 'sig'],
    ]);
    expect(jwks.keys[1]?.crv).toBe('P-256');
    for (const key of jwks.keys) for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key[secret]).toBeUndefined();
  });

  it('signs the ID tokens of a relying party registered for ES256 with ES256, at login and at refresh', async () => {
    const { tokens, refreshed } = await loginAndRefresh(await relyingParty(ES256_RP.clientId, ES256_RP.clientSecret, 'ES256'));
    expect(decodeProtectedHeader(tokens.id_token!).alg).toBe('ES256');
    expect(decodeProtectedHeader(refreshed.id_token!).alg).toBe('ES256');
    expect(tokens.claims()).toMatchObject({ aud: ES256_RP.clientId, acr: 'L2', amr: ['pwd'] });
    expect(refreshed.claims()?.sub).toBe(tokens.claims()?.sub);
  });

  it('keeps RS256 for a relying party that registered no algorithm', async () => {
    const { tokens, refreshed } = await loginAndRefresh(await relyingParty(RP.clientId, RP.clientSecret, 'RS256'));
    expect(decodeProtectedHeader(tokens.id_token!).alg).toBe('RS256');
    expect(decodeProtectedHeader(refreshed.id_token!).alg).toBe('RS256');
    expect(tokens.claims()?.aud).toBe(RP.clientId);
  });

  it('an ES256 token is refused by a relying party that expects RS256', async () => {
    const mismatched = await relyingParty(ES256_RP.clientId, ES256_RP.clientSecret, 'RS256');
    const refused = await passwordLogin(new Browser(t.baseUrl), mismatched, DEMO_ACCOUNT.username, DEMO_ACCOUNT.password).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(((refused as Error).cause as Error).message).toMatch(/unexpected JWT "alg" header parameter/);
  });
});
