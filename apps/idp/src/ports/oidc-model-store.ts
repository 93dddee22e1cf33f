import type { StoredAccount } from './account-repository.ts';

/** Durable oidc-provider models (sessions, grants, refresh tokens). */
export interface OidcModelRecord {
  model: string;
  id: string;
  payload: Record<string, unknown>;
  grantId: string | null;
  uid: string | null;
  accountId: string | null;
  expiresAt: number | null;
}

/**
 * A token with the Grant it belongs to and the Session it is bound to (`payload.sessionUid`), those of them that
 * are live, and the person it was issued to (its `accountId`: the person also for an entity login), if they exist.
 */
export interface TokenWithBindings {
  token: OidcModelRecord | null;
  grant: OidcModelRecord | null;
  session: OidcModelRecord | null;
  account: StoredAccount | null;
}

export interface OidcModelStore {
  upsert(record: OidcModelRecord): Promise<void>;
  find(model: string, id: string): Promise<OidcModelRecord | null>;
  /** One read for what a refresh grant looks up one after another (the token, its Grant, its Session, its person). */
  findWithBindings(model: string, id: string): Promise<TokenWithBindings>;
  findByUid(model: string, uid: string): Promise<OidcModelRecord | null>;
  /** Live records of one person (e.g. every Session, to tell relying parties before ending them). */
  findByAccount(model: string, accountId: string): Promise<OidcModelRecord[]>;
  /** Marks a live token consumed; false when it was consumed already or is gone (of two requests at once, one gets true). */
  consume(model: string, id: string, at: number): Promise<boolean>;
  /**
   * Consumes a token and saves its successor in one write: both are stored, or neither. False (and nothing
   * stored) when the token was consumed already or is gone.
   */
  rotate(consumed: { model: string; id: string; at: number }, successor: OidcModelRecord): Promise<boolean>;
  destroy(model: string, id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
  deleteExpired(now: number): Promise<number>;
}
