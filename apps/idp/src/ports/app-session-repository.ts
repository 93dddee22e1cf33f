import type { AssuranceLevel } from './account-repository.ts';

/** An app session as stored: the token only as its SHA-256. Times are epoch milliseconds. */
export interface StoredAppSession {
  /** Public id, shown in 我的 and used to revoke; not a credential. */
  id: string;
  tokenHash: string;
  accountId: string;
  acr: AssuranceLevel;
  amr: string[];
  /** Short device summary, e.g. "iPhone · Safari". */
  device: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

/** The companion app's login sessions (durable: they last up to 30 days). */
export interface AppSessionRepository {
  create(session: StoredAppSession): Promise<void>;
  findByTokenHash(tokenHash: string): Promise<StoredAppSession | null>;
  /** The account's sessions that are neither revoked nor expired at `now`, newest first. */
  listLive(accountId: string, now: number): Promise<StoredAppSession[]>;
  /** Revokes one live session of the account; false when there is none with that id. */
  revoke(id: string, accountId: string, now: number): Promise<boolean>;
}
