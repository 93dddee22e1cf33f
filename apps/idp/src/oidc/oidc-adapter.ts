import Provider, { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import type { StoredAccount } from '../ports/account-repository.ts';
import type { ClientRecord, ClientRepository } from '../ports/client-repository.ts';
import type { KeyValueStore } from '../ports/key-value-store.ts';
import type { OidcModelStore } from '../ports/oidc-model-store.ts';
import { personIdOf } from '../services/entities/acting-principal.ts';
import { PerRequest } from './per-request.ts';
import { RequestLookAhead } from './request-look-ahead.ts';

/** Models that must survive a restart and be found per person (to end all their sessions). */
const DURABLE_MODELS = new Set(['Session', 'Grant', 'RefreshToken']);
/** Tokens whose look-up brings their Grant, Session and account along for the rest of the request (request-look-ahead.ts). */
const TOKENS_READ_WITH_BINDINGS = new Set(['RefreshToken']);
const grantKey = (id: string) => `Grant:${id}`;
const sessionKey = (uid: string) => `Session:uid:${uid}`;

export interface OidcAdapterDeps {
  store: KeyValueStore;
  models: OidcModelStore;
  clients: ClientRepository;
}

/** Runs whenever oidc-provider loads an enabled client, before it uses it (oidc/client-authentication.ts). */
export type LoadedClientCheck = (client: ClientRecord) => Promise<void>;

/** The accounts a token's look-up read along with it, by person id, for findAccount in the same request. */
export type AccountsReadAhead = RequestLookAhead<StoredAccount>;

/**
 * oidc-provider persistence: clients from the clients table, durable models
 * in SQL, short-lived ones (codes, access tokens, interactions, the
 * ReplayDetection of client assertions' `jti`…) in the key-value store (Redis
 * when several nodes serve) with an index per grant for revocation.
 */
export function createOidcAdapterFactory(deps: OidcAdapterDeps, checkLoadedClient: LoadedClientCheck, accountsReadAhead: AccountsReadAhead) {
  const readAhead: ReadAhead = { models: new RequestLookAhead(() => Provider.ctx), accounts: accountsReadAhead };
  const pendingConsume = new PerRequest<PendingConsume>(() => Provider.ctx);
  return function adapterFor(name: string): Adapter {
    if (name === 'Client') return new ClientAdapter(deps.clients, checkLoadedClient);
    if (name === 'ReplayDetection') return new ReplayDetectionAdapter(name, deps.store);
    return DURABLE_MODELS.has(name) ? new SqlModelAdapter(name, deps.models, readAhead, pendingConsume) : new KeyValueModelAdapter(name, deps.store);
  };
}

interface ReadAhead {
  models: RequestLookAhead<AdapterPayload>;
  accounts: AccountsReadAhead;
}

const unsupported = () => Promise.reject(new Error('not supported'));

/** The refusal of a one-time token that another request consumed first (the audit reads it as a replay: audit-events.ts). */
export const CONSUMED_AT_ONCE = {
  RefreshToken: 'refresh token already used by a concurrent request',
  AuthorizationCode: 'authorization code already consumed by a concurrent request',
} as const;

/**
 * oidc-provider checks that a one-time model is not consumed when it finds
 * it and consumes it later: two requests that present it at once would both
 * pass. The store's consume is conditional, and the request that loses is
 * refused. It does not revoke the grant as oidc-provider does for a token
 * presented again later: the token is consumed, so its next presentation
 * does.
 */
function alreadyConsumed(model: string): Error {
  if (model === 'RefreshToken' || model === 'AuthorizationCode') return new errors.InvalidGrant(CONSUMED_AT_ONCE[model]);
  if (model === 'PushedAuthorizationRequest') return new errors.InvalidRequestUri('request_uri is invalid, expired, or was already used');
  return new errors.InvalidGrant(`${model} already consumed`);
}

class ClientAdapter implements Adapter {
  constructor(
    private readonly clients: ClientRepository,
    private readonly checkLoadedClient: LoadedClientCheck,
  ) {}

  async find(id: string): Promise<AdapterPayload | undefined> {
    const client = await this.clients.find(id);
    if (!client?.enabled) return undefined;
    await this.checkLoadedClient(client);
    return {
      ...client.metadata,
      client_id: client.clientId,
      client_name: client.clientName,
      ...(client.clientSecret ? { client_secret: client.clientSecret } : {}),
    };
  }

  upsert = unsupported;
  findByUid = unsupported;
  findByUserCode = unsupported;
  consume = unsupported;
  destroy = unsupported;
  revokeByGrantId = unsupported;
}

/** A refresh token consumed to be rotated, written with its successor. */
interface PendingConsume {
  id: string;
  at: number;
}

class SqlModelAdapter implements Adapter {
  constructor(
    private readonly name: string,
    private readonly models: OidcModelStore,
    private readonly readAhead: ReadAhead,
    private readonly pendingConsume: PerRequest<PendingConsume>,
  ) {}

  private forgetReadAhead() {
    this.readAhead.models.forget();
    this.readAhead.accounts.forget();
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
    this.forgetReadAhead();
    const record = {
      model: this.name,
      id,
      payload,
      grantId: payload.grantId ?? null,
      uid: payload.uid ?? null,
      // The person, also for an entity login: a password reset or 退出登录 everywhere finds all of their models.
      accountId: payload.accountId ? personIdOf(payload.accountId) : null,
      expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : null,
    };
    const consumed = this.name === 'RefreshToken' ? this.pendingConsume.take() : undefined;
    if (!consumed) await this.models.upsert(record);
    else if (!(await this.models.rotate({ model: this.name, ...consumed }, record))) throw alreadyConsumed(this.name);
  }

  async find(id: string) {
    if (TOKENS_READ_WITH_BINDINGS.has(this.name)) {
      const { token, grant, session, account } = await this.models.findWithBindings(this.name, id);
      if (grant) this.readAhead.models.keep(grantKey(grant.id), grant.payload);
      if (session?.uid) this.readAhead.models.keep(sessionKey(session.uid), session.payload);
      if (account) this.readAhead.accounts.keep(account.id, account);
      return token?.payload;
    }
    const readAhead = this.name === 'Grant' ? this.readAhead.models.take(grantKey(id)) : undefined;
    return readAhead ?? (await this.models.find(this.name, id))?.payload;
  }

  async findByUid(uid: string) {
    const readAhead = this.name === 'Session' ? this.readAhead.models.take(sessionKey(uid)) : undefined;
    return readAhead ?? (await this.models.findByUid(this.name, uid))?.payload;
  }

  findByUserCode = unsupported;

  /**
   * oidc-provider consumes a refresh token only to rotate it: it saves the
   * successor right after (actions/grants/refresh_token.js). The two are
   * written together then, in one statement on PostgreSQL (one commit on
   * SQLite), so neither is stored without the other. Should the request
   * fail before the successor is saved, the token stays unconsumed, as no
   * successor was handed out. Of two requests rotating one token at once,
   * the one whose write finds it consumed is refused and stores nothing.
   */
  async consume(id: string) {
    this.forgetReadAhead();
    const at = Date.now();
    if (this.name === 'RefreshToken' && this.pendingConsume.set({ id, at })) return;
    if (!(await this.models.consume(this.name, id, at))) throw alreadyConsumed(this.name);
  }

  async destroy(id: string) {
    this.forgetReadAhead();
    await this.models.destroy(this.name, id);
  }

  async revokeByGrantId(grantId: string) {
    this.forgetReadAhead();
    await this.models.revokeByGrantId(grantId);
  }
}

class KeyValueModelAdapter implements Adapter {
  constructor(
    private readonly name: string,
    protected readonly store: KeyValueStore,
  ) {}

  private key(id: string) {
    return `oidc:${this.name}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
    const ttl = expiresIn || 3600;
    if (payload.grantId) await this.store.setIndexed(this.key(id), JSON.stringify(payload), ttl, `oidc:grant:${payload.grantId}`);
    else await this.store.set(this.key(id), JSON.stringify(payload), ttl);
  }

  async find(id: string) {
    const raw = await this.store.get(this.key(id));
    return raw ? (JSON.parse(raw) as AdapterPayload) : undefined;
  }

  findByUid = unsupported;
  findByUserCode = unsupported;

  async consume(id: string) {
    const key = this.key(id);
    const [raw, ttl] = await Promise.all([this.store.get(key), this.store.ttl(key)]);
    if (!raw || ttl === null) throw alreadyConsumed(this.name);
    const payload = JSON.parse(raw) as AdapterPayload;
    if (payload.consumed) throw alreadyConsumed(this.name);
    payload.consumed = Math.floor(Date.now() / 1000);
    if (!(await this.store.swap(key, raw, JSON.stringify(payload), ttl))) throw alreadyConsumed(this.name);
  }

  async destroy(id: string) {
    await this.store.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string) {
    const listKey = `oidc:grant:${grantId}`;
    const keys = await this.store.readList(listKey);
    await Promise.all(keys.map((key) => this.store.delete(key)));
    await this.store.delete(listKey);
  }
}

/**
 * The used `jti`s of client assertions (and DPoP proofs). oidc-provider's
 * ReplayDetection.unique() finds, then saves: two nodes (or two requests on
 * one) given the same assertion at once would both find nothing and both
 * accept it. So finding claims the id with an atomic counter, and the second
 * claimer is told it was found. The record oidc-provider saves right after
 * (with the assertion's own lifetime) answers every later lookup; the claim
 * only has to outlive the moment between the two calls.
 */
class ReplayDetectionAdapter extends KeyValueModelAdapter {
  private static readonly CLAIM_SECONDS = 60;

  override async find(id: string) {
    const saved = await super.find(id);
    if (saved) return saved;
    const claims = await this.store.increment(`oidc:ReplayDetection:claim:${id}`, ReplayDetectionAdapter.CLAIM_SECONDS);
    return claims > 1 ? ({ jti: id } as AdapterPayload) : undefined;
  }
}
