import { randomBytes } from 'node:crypto';
import type { RelyingParty } from '@uia/schemas';
import { AppError } from '../../errors.ts';
import type { AuditEvent, AuditLog } from '../../ports/audit-log.ts';
import type { ClientChanges, ClientRecord, ClientRepository } from '../../ports/client-repository.ts';
import { auditedActor, type OperatorActor } from '../operations/operator-actor.ts';
import { isBuiltinClient } from './builtin-clients.ts';
import { parseRelyingPartyMetadata, type StoredRelyingPartyMetadata } from './relying-party-metadata.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';

type AuditedValue = string | number | boolean | null;

export interface ClientRegistryDeps {
  /** The registration cache: every change it stores is announced to every node. */
  clients: ClientRepository;
  audit: AuditLog;
  /** oidc-provider's own check of the metadata (oidc/client-rules.ts). */
  validateWithProvider: (metadata: Record<string, unknown>) => Promise<void>;
}

/** 32 random bytes: a secret nobody guesses, in the characters a Basic header and a form both carry. */
const newSecret = () => randomBytes(32).toString('base64url');
const newClientId = () => `rp-${randomBytes(9).toString('base64url')}`;
const needsSecret = (metadata: StoredRelyingPartyMetadata) => metadata.token_endpoint_auth_method.startsWith('client_secret_');

/** A registration as the audit trail compares it: every field but the secret, flattened. */
function auditedFields(record: Omit<ClientRecord, 'clientSecret'>): Record<string, AuditedValue> {
  const fields: Record<string, AuditedValue> = { client_name: record.clientName, enabled: record.enabled };
  for (const [key, value] of Object.entries(record.metadata)) {
    if (key === 'jwks') fields[key] = JSON.stringify((value as { keys: { kid?: string }[] }).keys.map((key) => key.kid ?? '?'));
    else fields[key] = Array.isArray(value) ? value.join(' ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : (value as AuditedValue);
  }
  return fields;
}

function changesBetween(before: Record<string, AuditedValue>, after: Record<string, AuditedValue>): NonNullable<AuditEvent['changes']> {
  const changes: NonNullable<AuditEvent['changes']> = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[field] !== after[field]) changes[field] = { before: before[field] ?? null, after: after[field] ?? null };
  }
  return changes;
}

export function relyingPartyView(record: Omit<ClientRecord, 'clientSecret'>): RelyingParty {
  const metadata = { ...(record.metadata as StoredRelyingPartyMetadata), client_name: record.clientName };
  return {
    client_id: record.clientId,
    type: metadata.token_endpoint_auth_method === 'none' ? 'public' : 'confidential',
    enabled: record.enabled,
    built_in: isBuiltinClient(record.clientId),
    metadata,
  };
}

/**
 * The relying-party registry: what 系统管理员 does in the console and the
 * operator scripts with `npm run admin -- client …`. Every change is checked
 * by the platform's rules and by oidc-provider's, stored through the
 * registration cache (so every node sees it at once) and audited with who did
 * it and what changed, never the secret.
 */
export class ClientRegistry {
  constructor(private readonly deps: ClientRegistryDeps) {}

  async list(): Promise<RelyingParty[]> {
    return (await this.deps.clients.list()).map(relyingPartyView);
  }

  async get(clientId: string): Promise<RelyingParty> {
    return relyingPartyView(await this.existing(clientId));
  }

  /** A new relying party, enabled; its secret (confidential clients using one) is returned here only. */
  async register(input: unknown, actor: OperatorActor): Promise<{ client: RelyingParty; clientSecret: string | null }> {
    const { clientName, metadata } = parseRelyingPartyMetadata(input);
    const record: ClientRecord = { clientId: newClientId(), clientName, clientSecret: needsSecret(metadata) ? newSecret() : null, metadata, enabled: true };
    await this.validate(record);
    await this.deps.clients.upsert(record);
    await this.audit(AUDIT_EVENT_TYPES.clientRegister, actor, record.clientId, changesBetween({}, auditedFields(record)));
    return { client: relyingPartyView(record), clientSecret: record.clientSecret };
  }

  /**
   * Replaces the metadata (the whole document, as registered). The secret stays;
   * a client that moves to a secret method without one gets one, returned here only.
   */
  async update(clientId: string, input: unknown, actor: OperatorActor): Promise<{ client: RelyingParty; clientSecret: string | null }> {
    const before = await this.editable(clientId);
    const { clientName, metadata } = parseRelyingPartyMetadata(input);
    const keptSecret = needsSecret(metadata) ? before.clientSecret : null;
    const clientSecret = needsSecret(metadata) && !keptSecret ? newSecret() : null;
    const record: ClientRecord = { ...before, clientName, metadata, clientSecret: keptSecret ?? clientSecret };
    await this.validate(record);
    // The secret is written only when it changes: a rotation made meanwhile stays.
    await this.change(clientId, { clientName, metadata, ...(record.clientSecret !== before.clientSecret ? { clientSecret: record.clientSecret } : {}) });
    await this.audit(AUDIT_EVENT_TYPES.clientUpdate, actor, clientId, changesBetween(auditedFields(before), auditedFields(record)));
    return { client: relyingPartyView(record), clientSecret };
  }

  /** A disabled client is unknown to oidc-provider: its next authorization, token or refresh request is refused. */
  async setEnabled(clientId: string, enabled: boolean, actor: OperatorActor): Promise<RelyingParty> {
    const before = await this.editable(clientId);
    const record = { ...before, enabled };
    await this.change(clientId, { enabled });
    await this.audit(enabled ? AUDIT_EVENT_TYPES.clientEnable : AUDIT_EVENT_TYPES.clientDisable, actor, clientId, changesBetween(auditedFields(before), auditedFields(record)));
    return relyingPartyView(record);
  }

  async delete(clientId: string, actor: OperatorActor): Promise<void> {
    const before = await this.editable(clientId);
    await this.deps.clients.delete(clientId);
    await this.audit(AUDIT_EVENT_TYPES.clientDelete, actor, clientId, changesBetween(auditedFields(before), {}));
  }

  /** A new secret, effective on every node at once (the old one stops working); returned here only. */
  async rotateSecret(clientId: string, actor: OperatorActor): Promise<{ clientId: string; clientSecret: string }> {
    const before = await this.editable(clientId);
    if (!needsSecret(before.metadata as StoredRelyingPartyMetadata)) throw new AppError('CLIENT_HAS_NO_SECRET');
    const clientSecret = newSecret();
    await this.change(clientId, { clientSecret });
    await this.audit(AUDIT_EVENT_TYPES.clientRotateSecret, actor, clientId, null);
    return { clientId, clientSecret };
  }

  /** Writes only what the action changes: two operators' edits at once keep each other's fields, and a deleted client stays deleted. */
  private async change(clientId: string, changes: ClientChanges) {
    if (!(await this.deps.clients.change(clientId, changes))) throw new AppError('CLIENT_NOT_FOUND');
  }

  private async existing(clientId: string): Promise<ClientRecord> {
    const record = await this.deps.clients.find(clientId);
    if (!record) throw new AppError('CLIENT_NOT_FOUND');
    return record;
  }

  /**
   * The platform's own clients (the user center's and the console's) are rewritten at every start
   * (builtin-clients.ts): an edit would not last, and disabling or deleting the console's would shut
   * every administrator out until then.
   */
  private async editable(clientId: string): Promise<ClientRecord> {
    if (isBuiltinClient(clientId)) throw new AppError('CLIENT_BUILT_IN');
    return this.existing(clientId);
  }

  private validate(record: ClientRecord): Promise<void> {
    return this.deps.validateWithProvider({
      ...record.metadata,
      client_id: record.clientId,
      client_name: record.clientName,
      ...(record.clientSecret ? { client_secret: record.clientSecret } : {}),
    });
  }

  private audit(type: string, actor: OperatorActor, clientId: string, changes: AuditEvent['changes']) {
    return this.deps.audit.append({
      type,
      outcome: 'success',
      clientId,
      target: clientId,
      ...auditedActor(actor),
      changes,
    });
  }
}
