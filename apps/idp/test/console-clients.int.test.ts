import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage } from '@uia/i18n';
import { CONSOLE_CLIENT_ID, CONSOLE_CLIENT_PATHS, PORTAL_CLIENT_ID, type RelyingPartySavedResponse } from '@uia/schemas';
import { migrateToLatest, openDatabase, type SqlDatabase } from '../src/adapters/sql/database.ts';
import { MemoryPubSub } from '../src/adapters/pub-sub/memory-pub-sub.ts';
import { SqlClientRepository } from '../src/adapters/sql/sql-client-repository.ts';
import { SqlSigningKeyStore } from '../src/adapters/sql/sql-signing-key-store.ts';
import { createClientMetadataValidator } from '../src/oidc/client-rules.ts';
import { ensurePortalClient } from '../src/services/clients/builtin-clients.ts';
import { ClientRegistrationCache } from '../src/services/clients/client-registration-cache.ts';
import { ClientRegistry } from '../src/services/clients/client-registry.ts';
import { PlatformOperations } from '../src/services/operations/platform-operations.ts';
import { PiiCipher } from '../src/services/personal-data/pii-cipher.ts';
import { consoleClientRoutes } from '../src/routes/console/console-clients.ts';
import { registerErrorHandling } from '../src/routes/error-handling.ts';
import { testAuditTrail } from './support/test-audit-trail.ts';

/**
 * The console's relying-party API on a bare Fastify app: a fixed administrator
 * (the console's API root decides who gets here), the real registry on SQLite.
 */
let app: FastifyInstance;
let database: SqlDatabase;
let dataDir: string;
let signingKeys: SqlSigningKeyStore;

const METADATA = {
  client_name: '不动产登记系统',
  redirect_uris: ['https://bdc.example.gov.cn/callback'],
  token_endpoint_auth_method: 'client_secret_post',
  scope: 'openid profile',
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'uia-console-clients-'));
  database = openDatabase({ dataDir });
  await migrateToLatest(database.db);
  const cipher = new PiiCipher([{ id: 'k1', key: Buffer.alloc(32, 7) }], Buffer.alloc(32, 9));
  const clients = await ClientRegistrationCache.create(new SqlClientRepository(database.db, cipher), new MemoryPubSub());
  await ensurePortalClient(clients, 'http://127.0.0.1:3000');
  const audit = await testAuditTrail(database);
  signingKeys = new SqlSigningKeyStore(database.db);
  const registry = new ClientRegistry({ clients, audit, validateWithProvider: createClientMetadataValidator('http://127.0.0.1:3000/oidc') });
  const operations = new PlatformOperations({
    signingKeys,
    cipher,
    audit,
    readinessChecks: { database: async () => undefined, keyValue: () => Promise.reject(new Error('down')) },
    features: { realName: true, faceCheck: true, entityServices: false, ipRegion: false },
    version: '9.9.9',
  });
  app = Fastify();
  registerErrorHandling(app, { platformName: '统一身份认证平台', demo: false });
  await app.register(consoleClientRoutes, { actorOf: () => ({ accountId: 'acct-sysadmin', role: 'system' }), registry, operations });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const at = (path: string, clientId: string) => path.replace(':clientId', encodeURIComponent(clientId));

describe('console: relying parties', () => {
  it('registers, shows the secret once, lists without it, edits, disables, rotates the secret and deletes, each audited with the administrator', async () => {
    const created = await app.inject({ method: 'POST', url: CONSOLE_CLIENT_PATHS.clients, payload: METADATA });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const { client, client_secret: secret } = created.json<RelyingPartySavedResponse>();
    expect(client).toMatchObject({ type: 'confidential', enabled: true, built_in: false, metadata: { client_name: METADATA.client_name, uia_login_types: ['personal'] } });
    expect(secret).toEqual(expect.any(String));

    const list = await app.inject({ url: CONSOLE_CLIENT_PATHS.clients });
    expect(list.body).not.toContain(secret!);
    expect(list.json<{ clients: { client_id: string; built_in: boolean }[] }>().clients).toEqual(
      expect.arrayContaining([expect.objectContaining({ client_id: client.client_id }), expect.objectContaining({ client_id: PORTAL_CLIENT_ID, built_in: true })]),
    );

    const edited = await app.inject({ method: 'PUT', url: at(CONSOLE_CLIENT_PATHS.client, client.client_id), payload: { ...METADATA, client_name: '不动产登记（新）' } });
    expect(edited.json()).toMatchObject({ client: { metadata: { client_name: '不动产登记（新）' } }, client_secret: null });

    const disabled = await app.inject({ method: 'POST', url: at(CONSOLE_CLIENT_PATHS.disable, client.client_id), payload: {} });
    expect(disabled.json()).toMatchObject({ enabled: false });

    const rotated = await app.inject({ method: 'POST', url: at(CONSOLE_CLIENT_PATHS.rotateSecret, client.client_id), payload: {} });
    expect(rotated.json<{ client_secret: string }>().client_secret).not.toBe(secret);

    const deleted = await app.inject({ method: 'DELETE', url: at(CONSOLE_CLIENT_PATHS.client, client.client_id) });
    expect(deleted.json()).toEqual({ client_id: client.client_id, deleted: true });
    expect((await app.inject({ url: at(CONSOLE_CLIENT_PATHS.client, client.client_id) })).statusCode).toBe(404);

    const events = (await (await testAuditTrail(database)).recent(20)).filter((event) => event.clientId === client.client_id);
    expect(events.map((event) => event.type).sort()).toEqual(['client.delete', 'client.disable', 'client.register', 'client.rotate_secret', 'client.update']);
    for (const event of events) {
      expect(event.detail).toEqual({ via: 'console' });
      expect(JSON.stringify(event)).not.toContain(secret!);
    }
  });

  it('answers bad input with the platform error shape and Chinese messages', async () => {
    const insecure = await app.inject({ method: 'POST', url: CONSOLE_CLIENT_PATHS.clients, payload: { ...METADATA, redirect_uris: ['http://bdc.example.gov.cn/cb'] } });
    expect(insecure.statusCode).toBe(400);
    expect(insecure.json()).toEqual({ error: { code: 'CLIENT_REDIRECT_URI_INVALID', message: formatMessage('CLIENT_REDIRECT_URI_INVALID'), field: 'redirect_uris.0' } });

    const unknownField = await app.inject({ method: 'POST', url: CONSOLE_CLIENT_PATHS.clients, payload: { ...METADATA, software_id: 'x' } });
    expect(unknownField.json()).toMatchObject({ error: { code: 'UNKNOWN_FIELD' } });

    const garbage = await app.inject({ method: 'POST', url: CONSOLE_CLIENT_PATHS.clients, headers: { 'content-type': 'application/json' }, payload: '{"client_name":' });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json()).toMatchObject({ error: { code: 'BODY_INVALID' } });

    // The platform's own clients: the console's too (disabling or deleting it would shut every administrator out).
    for (const builtIn of [PORTAL_CLIENT_ID, CONSOLE_CLIENT_ID]) {
      for (const [method, path] of [
        ['POST', CONSOLE_CLIENT_PATHS.disable],
        ['DELETE', CONSOLE_CLIENT_PATHS.client],
      ] as const) {
        const refused = await app.inject({ method, url: at(path, builtIn), ...(method === 'POST' ? { payload: {} } : {}) });
        expect(refused.json(), `${method} ${builtIn}`).toEqual({ error: { code: 'CLIENT_BUILT_IN', message: formatMessage('CLIENT_BUILT_IN') } });
      }
    }

    const unknown = await app.inject({ method: 'POST', url: at(CONSOLE_CLIENT_PATHS.rotateSecret, 'no-such-client'), payload: {} });
    expect(unknown.statusCode).toBe(404);

    const publicClient = await app.inject({ method: 'POST', url: CONSOLE_CLIENT_PATHS.clients, payload: { ...METADATA, token_endpoint_auth_method: 'none' } });
    const noSecret = await app.inject({ method: 'POST', url: at(CONSOLE_CLIENT_PATHS.rotateSecret, publicClient.json<RelyingPartySavedResponse>().client.client_id), payload: {} });
    expect(noSecret.json()).toMatchObject({ error: { code: 'CLIENT_HAS_NO_SECRET' } });
  });

  it('rotates the signing keys (a new one per algorithm) and shows readiness, versions and features read-only', async () => {
    const before = (await signingKeys.list()).length;
    const rotated = await app.inject({ method: 'POST', url: CONSOLE_CLIENT_PATHS.rotateSigningKeys, payload: {} });
    expect(rotated.json<{ kids: string[] }>().kids).toHaveLength(2);
    expect(await signingKeys.list()).toHaveLength(before + 2);

    const health = await app.inject({ url: CONSOLE_CLIENT_PATHS.health });
    expect(health.json()).toEqual({
      ready: false,
      checks: { database: 'ok', keyValue: 'unavailable' },
      versions: { platform: '9.9.9', node: process.version },
      features: { realName: true, faceCheck: true, entityServices: false, ipRegion: false },
    });
  });
});
