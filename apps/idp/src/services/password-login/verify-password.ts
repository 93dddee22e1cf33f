import type { StoredAccount } from '../../ports/account-repository.ts';
import type { PasswordHasher } from '../../ports/password-hasher.ts';

/**
 * Checks the password: the account when it matches, else null. For an
 * unknown identifier a dummy hash is verified so that "no such account" and
 * "wrong password" take the same time (and, in PasswordLogin, give the same
 * answer).
 */
export async function verifyPassword(deps: { hasher: PasswordHasher; dummyHash: string }, account: StoredAccount | null, password: string): Promise<StoredAccount | null> {
  const matches = await deps.hasher.verify(account?.passwordHash ?? deps.dummyHash, password);
  return account?.passwordHash && matches ? account : null;
}
