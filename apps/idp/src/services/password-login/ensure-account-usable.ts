import { AppError } from '../../errors.ts';
import type { StoredAccount } from '../../ports/account-repository.ts';
import { formatBeijingMinute } from '../beijing-time.ts';

export function lockedError(lockedUntil: number): AppError {
  return new AppError('ACCOUNT_LOCKED', {
    status: 423,
    field: 'password',
    params: { until: formatBeijingMinute(lockedUntil) },
    details: { until: new Date(lockedUntil).toISOString() },
  });
}

/** A locked account is refused before its password is even checked, so guessing stops counting. */
export function ensureAccountUsable(account: StoredAccount, now: number): void {
  if (account.status !== 'active') throw new AppError('ACCOUNT_DISABLED', { status: 403 });
  if (account.lockedUntil !== null && account.lockedUntil > now) throw lockedError(account.lockedUntil);
}
