import { AppError } from '../../errors.ts';
import type { StoredAccount } from '../../ports/account-repository.ts';

/** A disabled account is refused before its password is even checked. */
export function ensureAccountUsable(account: StoredAccount): void {
  if (account.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
}
