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

export interface OidcModelStore {
  upsert(record: OidcModelRecord): Promise<void>;
  find(model: string, id: string): Promise<OidcModelRecord | null>;
  findByUid(model: string, uid: string): Promise<OidcModelRecord | null>;
  /** Live records of one person (e.g. every Session, to tell relying parties before ending them). */
  findByAccount(model: string, accountId: string): Promise<OidcModelRecord[]>;
  consume(model: string, id: string, at: number): Promise<void>;
  destroy(model: string, id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
  deleteExpired(now: number): Promise<number>;
}
