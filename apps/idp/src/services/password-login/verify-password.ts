import { AppError } from '../../errors.ts';
import type { AccountRepository, StoredAccount } from '../../ports/account-repository.ts';
import type { PasswordHasher } from '../../ports/password-hasher.ts';
import { lockedError } from './ensure-account-usable.ts';

export const LOCKOUT_POLICY = { threshold: 5, lockMinutes: 30 } as const;

/**
 * Checks the password. For an unknown identifier a dummy hash is verified so
 * that "no such account" and "wrong password" take the same time and give the
 * same answer. The fifth consecutive failure locks the account.
 */
export async function verifyPassword(
  deps: { accounts: AccountRepository; hasher: PasswordHasher; dummyHash: string },
  account: StoredAccount | null,
  password: string,
  now: number,
): Promise<StoredAccount> {
  const matches = await deps.hasher.verify(account?.passwordHash ?? deps.dummyHash, password);
  if (account?.passwordHash && matches) return account;
  if (account) {
    const outcome = await deps.accounts.recordFailedLogin(account.id, LOCKOUT_POLICY.threshold, now + LOCKOUT_POLICY.lockMinutes * 60_000);
    if (outcome.lockedUntil !== null && outcome.lockedUntil > now) throw lockedError(outcome.lockedUntil);
  }
  throw new AppError('CREDENTIALS_INVALID', { status: 401, field: 'password' });
}
