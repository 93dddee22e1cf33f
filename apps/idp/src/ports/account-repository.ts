import type { IdType } from '@uia/validators';

export type AssuranceLevel = 'L1' | 'L2' | 'L3' | 'L4';

/** An account as stored: personal data only as ciphertext and blind indexes. */
export interface StoredAccount {
  id: string;
  username: string | null;
  passwordHash: string | null;
  nameCipher: string;
  idType: IdType;
  idNumberCipher: string;
  idNumberIndex: string;
  phoneCipher: string | null;
  phoneIndex: string | null;
  assuranceLevel: AssuranceLevel;
  status: 'active' | 'disabled';
  /** When the password was last reset: platform logins from before then no longer count. */
  credentialsChangedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export type UniqueAccountField = 'username' | 'idNumber' | 'phone';

export class DuplicateAccountError extends Error {
  constructor(readonly field: UniqueAccountField) {
    super(`duplicate account ${field}`);
  }
}

/** Writes a caller combines in one transaction (AccountRepository.inTransaction). */
export interface AccountWrites {
  /**
   * The current hash moves to the history (keeping `keepPrevious`), the new
   * hash replaces it and `credentialsChangedAt` becomes `now`.
   */
  replacePassword(id: string, passwordHash: string, now: number, keepPrevious: number): Promise<void>;
  /** Deletes every durable OIDC session, grant and refresh token of the person and revokes every app session. */
  endAllSessions(id: string, now: number): Promise<void>;
  /** 停用 / 启用 by 安全管理员: a disabled account cannot log in any way. */
  setStatus(id: string, status: StoredAccount['status'], now: number): Promise<void>;
}

export interface AccountRepository {
  findById(id: string): Promise<StoredAccount | null>;
  findByUsername(username: string): Promise<StoredAccount | null>;
  findByIdNumberIndex(index: string): Promise<StoredAccount | null>;
  findByPhoneIndex(index: string): Promise<StoredAccount | null>;
  /** Throws DuplicateAccountError when a unique field is taken (also under races). */
  create(account: StoredAccount): Promise<void>;
  /** Hashes of passwords the account used before the current one, newest first. */
  previousPasswordHashes(id: string, limit: number): Promise<string[]>;
  /** Runs `work` in one transaction: all of its writes are committed, or none. */
  inTransaction<T>(work: (writes: AccountWrites) => Promise<T>): Promise<T>;
  /** Raises the assurance level to `level` when it is lower (never lowers it: L4 stays L4). */
  raiseAssuranceLevel(id: string, level: AssuranceLevel, now: number): Promise<void>;
  /**
   * 换绑手机号's commit: replaces the phone's ciphertext and blind index in one
   * statement. Throws DuplicateAccountError('phone') when another account
   * holds the number (also under races: the unique index decides).
   */
  changePhone(id: string, phone: { cipher: string; index: string }, now: number): Promise<void>;
}
