import { describe, expect, it } from 'vitest';
import { MemoryPubSub } from '../../adapters/pub-sub/memory-pub-sub.ts';
import type { AuditEvent, AuditLog } from '../../ports/audit-log.ts';
import { StoredClients } from './test-support/stored-clients.ts';
import { createClientMetadataValidator } from '../../oidc/client-rules.ts';
import { CLIENT_CHANGED_CHANNEL, ClientRegistrationCache } from './client-registration-cache.ts';
import { ClientRegistry } from './client-registry.ts';

class RecordedAudit implements AuditLog {
  readonly events: AuditEvent[] = [];
  async append(event: AuditEvent) {
    this.events.push(event);
  }
  async recent() {
    return [];
  }
}

const ADMIN = { kind: 'console', accountId: 'acct-sys', role: 'system' } as const;
const METADATA = { client_name: '公积金', redirect_uris: ['https://gjj.example.gov.cn/cb'], token_endpoint_auth_method: 'client_secret_basic' };

async function setUp() {
  const stored = new StoredClients();
  const pubSub = new MemoryPubSub();
  const announced: string[] = [];
  await pubSub.subscribe(CLIENT_CHANGED_CHANNEL, (clientId) => announced.push(clientId));
  const audit = new RecordedAudit();
  const registry = new ClientRegistry({ clients: await ClientRegistrationCache.create(stored, pubSub), audit, validateWithProvider: createClientMetadataValidator('https://idp.example/oidc') });
  return { stored, announced, audit, registry };
}

/** Runs `action` (another operator's) between the next edit's read and its write. */
function beforeNextWrite(stored: StoredClients, action: () => Promise<unknown>) {
  const change = stored.change.bind(stored);
  stored.change = async (clientId, changes) => {
    stored.change = change;
    await action();
    return change(clientId, changes);
  };
}

describe('ClientRegistry', () => {
  it('audits who changed what (before and after, never the secret) and announces every change to all nodes', async () => {
    const { stored, announced, audit, registry } = await setUp();
    const { client, clientSecret } = await registry.register(METADATA, ADMIN);
    expect(stored.rows.get(client.client_id)?.clientSecret).toBe(clientSecret);
    await registry.update(client.client_id, { ...METADATA, scope: 'openid phone', uia_scope_justification: '公积金提取须短信通知本人' }, ADMIN);
    await registry.setEnabled(client.client_id, false, { kind: 'cli' });
    const { clientSecret: rotated } = await registry.rotateSecret(client.client_id, ADMIN);
    await registry.delete(client.client_id, ADMIN);

    expect(announced).toEqual(Array(5).fill(client.client_id));
    expect(stored.rows.has(client.client_id)).toBe(false);
    expect(audit.events.map(({ type, actor, target, detail }) => ({ type, actor, target, detail }))).toEqual([
      { type: 'client.register', actor: { accountId: 'acct-sys', role: 'system' }, target: client.client_id, detail: { via: 'console' } },
      { type: 'client.update', actor: { accountId: 'acct-sys', role: 'system' }, target: client.client_id, detail: { via: 'console' } },
      { type: 'client.disable', actor: null, target: client.client_id, detail: { via: 'cli' } },
      { type: 'client.rotate_secret', actor: { accountId: 'acct-sys', role: 'system' }, target: client.client_id, detail: { via: 'console' } },
      { type: 'client.delete', actor: { accountId: 'acct-sys', role: 'system' }, target: client.client_id, detail: { via: 'console' } },
    ]);
    expect(audit.events[1]!.changes).toEqual({
      scope: { before: 'openid', after: 'openid phone' },
      uia_scope_justification: { before: null, after: '公积金提取须短信通知本人' },
    });
    expect(audit.events[2]!.changes).toEqual({ enabled: { before: true, after: false } });
    const trail = JSON.stringify(audit.events);
    expect(trail).not.toContain(clientSecret!);
    expect(trail).not.toContain(rotated);
  });

  it('keeps what another operator changed meanwhile: a rotated secret is not put back, a deleted client is not made again', async () => {
    const { stored, registry } = await setUp();
    const { client } = await registry.register(METADATA, ADMIN);
    let rotated = '';
    beforeNextWrite(stored, async () => ({ clientSecret: rotated } = await registry.rotateSecret(client.client_id, ADMIN)));
    await registry.update(client.client_id, { ...METADATA, client_name: '住房公积金' }, ADMIN);
    expect(stored.rows.get(client.client_id)).toMatchObject({ clientName: '住房公积金', clientSecret: rotated });

    beforeNextWrite(stored, () => registry.delete(client.client_id, ADMIN));
    await expect(registry.setEnabled(client.client_id, false, ADMIN)).rejects.toMatchObject({ code: 'CLIENT_NOT_FOUND' });
    expect(stored.rows.has(client.client_id)).toBe(false);
  });

  it('gives a client that moves to a secret method a secret, once; keeps the secret across other edits', async () => {
    const { stored, registry } = await setUp();
    const { client } = await registry.register({ ...METADATA, token_endpoint_auth_method: 'none' }, ADMIN);
    expect(stored.rows.get(client.client_id)?.clientSecret).toBeNull();
    const moved = await registry.update(client.client_id, METADATA, ADMIN);
    expect(moved.clientSecret).toEqual(expect.any(String));
    const renamed = await registry.update(client.client_id, { ...METADATA, client_name: '住房公积金' }, ADMIN);
    expect(renamed.clientSecret).toBeNull();
    expect(stored.rows.get(client.client_id)?.clientSecret).toBe(moved.clientSecret);
  });

  it('keeps a login-type choice and the entity scope in step', async () => {
    const { registry } = await setUp();
    await expect(registry.register({ ...METADATA, scope: 'openid entity', uia_login_types: ['personal'] }, ADMIN)).rejects.toMatchObject({ code: 'CLIENT_LOGIN_TYPES_INVALID' });
    const both = await registry.register({ ...METADATA, scope: 'openid entity' }, ADMIN);
    expect(both.client.metadata.uia_login_types).toEqual(['personal', 'entity']);
  });
});
