import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { exportJWK, generateKeyPair } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage } from '@uia/i18n';
import { DEMO_ACCOUNT } from '../src/demo/demo-data.ts';
import type { OperatorActor } from '../src/services/operations/operator-actor.ts';
import { Browser, startTestPlatform, type TestPlatform } from './harness.ts';
import { authorizationUrl, passwordLogin, RP, startLogin } from './relying-party.ts';

/**
 * The relying-party registry against the running platform: a client registered
 * through the CLI or the registry service works at once with an unmodified
 * openid-client; disabling it refuses its next authorization; bad metadata is
 * refused with the platform's error shape and stores nothing. Runs on SQLite and,
 * with DATABASE_URL / REDIS_URL, on PostgreSQL + Redis (where the CLI's change
 * reaches the running node through Redis pub/sub).
 */
let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.stop());

const OPERATOR: OperatorActor = { kind: 'console', accountId: 'acct-operator', role: 'system' };
const JUSTIFICATION = '办理社保业务须核对参保人证件号码与手机号';

const metadata = (extra: Record<string, unknown>) => ({
  client_name: '社保业务系统',
  redirect_uris: [RP.redirectUri],
  post_logout_redirect_uris: [RP.postLogoutRedirectUri],
  scope: 'openid profile phone id_card',
  uia_scope_justification: JUSTIFICATION,
  ...extra,
});

const execFileAsync = promisify(execFile);

/** `npm run admin -- <args>` as an operator runs it next to the platform: its own process, the platform's configuration. */
async function admin(...args: string[]) {
  const result = await execFileAsync(process.execPath, ['--import', 'tsx', 'apps/idp/src/cli/admin.ts', ...args], {
    cwd: join(import.meta.dirname, '../../..'),
    env: { ...process.env, ...t.env },
  }).catch((error: { stdout: string; stderr: string; code: number }) => error);
  return { stdout: result.stdout, stderr: result.stderr, failed: 'code' in result && result.code !== 0 };
}

function clientFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'uia-client-')), 'client.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

async function discover(clientId: string, secret: string | undefined, auth: client.ClientAuth) {
  return client.discovery(new URL(t.issuer), clientId, secret, auth, { execute: [client.allowInsecureRequests] });
}

async function logsIn(config: client.Configuration) {
  const { tokens } = await passwordLogin(new Browser(t.baseUrl), config, DEMO_ACCOUNT.username, DEMO_ACCOUNT.password);
  const claims = tokens.claims();
  if (!claims) throw new Error('no ID token');
  return claims;
}

describe(`relying-party registry (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('registers a confidential client through the CLI, prints its secret once, and an openid-client RP logs in with client_secret_basic', async () => {
    const added = await admin('client', 'add', '--file', clientFile(metadata({ token_endpoint_auth_method: 'client_secret_basic' })));
    expect(added.failed).toBe(false);
    const printed = JSON.parse(added.stdout) as { client_id: string; client_secret: string };
    expect(printed.client_secret.length).toBeGreaterThanOrEqual(40);

    const claims = await logsIn(await discover(printed.client_id, printed.client_secret, client.ClientSecretBasic(printed.client_secret)));
    expect(claims).toMatchObject({ aud: printed.client_id, acr: 'L2' });

    const listed = await admin('client', 'list');
    expect(listed.stdout).not.toContain(printed.client_secret);
    expect(
      listed.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { client_id: string }),
    ).toContainEqual(expect.objectContaining({ client_id: printed.client_id }));
    const events = await t.platform.audit.recent(20);
    // Actor, target and changes are stored by the audit trail's own store; the CLI's mark is in the detail.
    const registered = events.find((event) => event.type === 'client.register' && event.clientId === printed.client_id);
    expect(registered).toMatchObject({ detail: { via: 'cli' } });
    expect(JSON.stringify(registered)).not.toContain(printed.client_secret);
  });

  it('a public client (none + PKCE) and a private_key_jwt client log in with openid-client at once', async () => {
    const registry = t.platform.clientRegistry;
    const publicClient = await registry.register(metadata({ token_endpoint_auth_method: 'none' }), OPERATOR);
    expect(publicClient).toMatchObject({ clientSecret: null, client: { type: 'public' } });
    expect((await logsIn(await discover(publicClient.client.client_id, undefined, client.None()))).aud).toBe(publicClient.client.client_id);

    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const kid = 'registry-test-key';
    const jwtClient = await registry.register(
      metadata({ token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] } }),
      OPERATOR,
    );
    expect(jwtClient.clientSecret).toBeNull();
    const config = await discover(jwtClient.client.client_id, undefined, client.PrivateKeyJwt({ key: privateKey, kid }));
    expect((await logsIn(config)).aud).toBe(jwtClient.client.client_id);
  });

  it('raises every login of a client with uia_min_acr to that level, and a personal-only client cannot ask for 法人登录', async () => {
    const registered = await t.platform.clientRegistry.register(metadata({ token_endpoint_auth_method: 'none', uia_min_acr: 'L3' }), OPERATOR);
    const config = await discover(registered.client.client_id, undefined, client.None());
    const browser = new Browser(t.baseUrl);
    // The request itself asks for L1 only: the registration decides.
    const login = await startLogin(browser, config, { acr_values: 'L1' });
    const details = await browser.json<{ requiredAcr?: string }>(`/interaction/${login.uid}/details`);
    expect(details.body.requiredAcr).toBe('L3');

    const entityRequest = await browser.request((await authorizationUrl(config, { scope: 'openid entity' })).href);
    expect(new URL(entityRequest.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_scope');
  });

  it('offers an entity-only client 法人登录 only, even when its request does not say so', async () => {
    const registered = await t.platform.clientRegistry.register(
      { ...metadata({ token_endpoint_auth_method: 'none' }), scope: 'openid entity', uia_scope_justification: undefined, uia_login_types: ['entity'] },
      OPERATOR,
    );
    const config = await discover(registered.client.client_id, undefined, client.None());
    const browser = new Browser(t.baseUrl);
    const login = await startLogin(browser, config, { scope: 'openid' });
    const details = await browser.json<{ loginTypes: string[] }>(`/interaction/${login.uid}/details`);
    expect(details.body.loginTypes).toEqual(['entity']);
  });

  it('refuses the next authorization of a disabled client, and serves it again once enabled', async () => {
    const registered = await t.platform.clientRegistry.register(metadata({ token_endpoint_auth_method: 'none' }), OPERATOR);
    const clientId = registered.client.client_id;
    const config = await discover(clientId, undefined, client.None());
    const browser = new Browser(t.baseUrl);
    await startLogin(browser, config);

    await t.platform.clientRegistry.setEnabled(clientId, false, OPERATOR);
    await expect(startLogin(browser, config)).rejects.toThrow(/expected an interaction redirect, got 400/);
    await t.platform.clientRegistry.setEnabled(clientId, true, OPERATOR);
    await startLogin(browser, config);
  });

  it.runIf(process.env.REDIS_URL)('a CLI disable reaches the running node through Redis at once', async () => {
    const registered = await t.platform.clientRegistry.register(metadata({ token_endpoint_auth_method: 'none' }), OPERATOR);
    const clientId = registered.client.client_id;
    const config = await discover(clientId, undefined, client.None());
    const browser = new Browser(t.baseUrl);
    // Cached by the node now: only the announcement can drop it within the minute.
    await startLogin(browser, config);
    expect((await admin('client', 'disable', clientId)).failed).toBe(false);
    await expect(startLogin(browser, config)).rejects.toThrow(/got 400/);
  });

  it.each([
    ['an http redirect outside localhost', metadata({ token_endpoint_auth_method: 'none', redirect_uris: ['http://rp.example.gov.cn/callback'] }), 'CLIENT_REDIRECT_URI_INVALID'],
    ['a redirect with a fragment', metadata({ token_endpoint_auth_method: 'none', redirect_uris: [`${RP.redirectUri}#done`] }), 'CLIENT_REDIRECT_URI_INVALID'],
    ['id_card without a justification', metadata({ token_endpoint_auth_method: 'none', uia_scope_justification: undefined }), 'CLIENT_SCOPE_JUSTIFICATION_REQUIRED'],
    ['an unknown auth method', metadata({ token_endpoint_auth_method: 'client_secret_jwt' }), 'CLIENT_AUTH_METHOD_INVALID'],
    ['private_key_jwt without keys', metadata({ token_endpoint_auth_method: 'private_key_jwt' }), 'CLIENT_AUTH_METHOD_INVALID'],
    ['a field RFC 7591 does not define here', metadata({ token_endpoint_auth_method: 'none', logo_uri: 'https://x.example/logo.png' }), 'CLIENT_METADATA_INVALID'],
    ['keys oidc-provider refuses', metadata({ token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } }), 'CLIENT_METADATA_REJECTED'],
  ])('refuses %s with the platform error shape and stores nothing', async (_case, input, code) => {
    const before = (await t.platform.clientRegistry.list()).length;
    await expect(t.platform.clientRegistry.register(input, OPERATOR)).rejects.toMatchObject({ code });
    expect(await t.platform.clientRegistry.list()).toHaveLength(before);
  });

  it('the CLI answers garbage JSON and bad metadata with the platform error shape, storing nothing', async () => {
    const before = (await t.platform.clientRegistry.list()).length;
    const garbage = await admin('client', 'add', '--file', clientFile('{"client_name": '));
    expect(garbage.failed).toBe(true);
    expect(JSON.parse(garbage.stderr.trim().split('\n').at(-1)!)).toEqual({ error: { code: 'CLIENT_METADATA_INVALID', message: formatMessage('CLIENT_METADATA_INVALID') } });
    const insecure = await admin('client', 'add', '--file', clientFile(metadata({ token_endpoint_auth_method: 'none', redirect_uris: ['http://rp.example.gov.cn/cb'] })));
    expect(JSON.parse(insecure.stderr.trim().split('\n').at(-1)!)).toMatchObject({ error: { code: 'CLIENT_REDIRECT_URI_INVALID', field: 'redirect_uris.0' } });
    expect(await t.platform.clientRegistry.list()).toHaveLength(before);
  });
});
