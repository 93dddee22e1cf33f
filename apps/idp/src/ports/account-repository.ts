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
  failedLogins: number;
  lockedUntil: number | null;
  createdAt: number;
  updatedAt: number;
}

export type UniqueAccountField = 'username' | 'idNumber' | 'phone';

export class DuplicateAccountError extends Error {
  constructor(readonly field: UniqueAccountField) {
    super(`duplicate account ${field}`);
  }
}

export interface FailedLoginOutcome {
  failedLogins: number;
  lockedUntil: number | null;
}

export interface AccountRepository {
  findById(id: string): Promise<StoredAccount | null>;
  findByUsername(username: string): Promise<StoredAccount | null>;
  findByIdNumberIndex(index: string): Promise<StoredAccount | null>;
  findByPhoneIndex(index: string): Promise<StoredAccount | null>;
  /** Throws DuplicateAccountError when a unique field is taken (also under races). */
  create(account: StoredAccount): Promise<void>;
  /**
   * Counts one failed password atomically; at `threshold` consecutive failures
   * the account locks until `lockUntil` and the counter starts again.
   */
  recordFailedLogin(id: string, threshold: number, lockUntil: number): Promise<FailedLoginOutcome>;
  recordSuccessfulLogin(id: string, now: number): Promise<void>;
}
