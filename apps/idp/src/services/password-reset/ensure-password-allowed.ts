import { birthDateFromIdNumber } from '@uia/validators';
import { validateNewPassword } from '@uia/validators/common-passwords';
import { AppError } from '../../errors.ts';
import type { AccountRepository, StoredAccount } from '../../ports/account-repository.ts';
import type { PasswordHasher } from '../../ports/password-hasher.ts';
import type { AccountProfile } from '../accounts/account-profile.ts';
import { RESET_POLICY } from './reset-policy.ts';

/**
 * The new password follows registration's policy (built from the person's
 * own username, phone and birth date, and not on the common-password list) and
 * is none of the last three.
 */
export async function ensurePasswordAllowed(
  deps: { accounts: AccountRepository; hasher: PasswordHasher },
  account: StoredAccount,
  profile: AccountProfile,
  input: { password: string; confirmPassword: string },
): Promise<void> {
  const policy = validateNewPassword(input.password, {
    username: profile.username,
    phone: profile.phone,
    birthDate: birthDateFromIdNumber(profile.idType, profile.idNumber),
  });
  if (!policy.ok) throw new AppError(policy.reason, { field: 'password' });
  if (input.password !== input.confirmPassword) throw new AppError('PASSWORD_MISMATCH', { field: 'confirmPassword' });

  const previous = await deps.accounts.previousPasswordHashes(account.id, RESET_POLICY.passwordHistoryDepth - 1);
  const recent = [account.passwordHash, ...previous].filter((hash): hash is string => hash !== null);
  for (const hash of recent) {
    if (await deps.hasher.verify(hash, input.password)) throw new AppError('PASSWORD_REUSED', { field: 'password' });
  }
}
