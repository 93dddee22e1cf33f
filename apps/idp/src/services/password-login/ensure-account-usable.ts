import { AppError } from '../../errors.ts';
import type { StoredAccount } from '../../ports/account-repository.ts';

export function lockedError(lockedUntil: number): AppError {
  const until = new Date(lockedUntil);
  // Beijing time, written as people read it: 11月26日 23:22.
  const part = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour12: false, ...options }).format(until);
  const shown = `${part({ month: 'numeric' })}月${part({ day: 'numeric' })}日 ${part({ hour: '2-digit', minute: '2-digit' })}`;
  return new AppError('ACCOUNT_LOCKED', { status: 423, field: 'password', params: { until: shown }, details: { until: until.toISOString() } });
}

/** A locked account is refused before its password is even checked, so guessing stops counting. */
export function ensureAccountUsable(account: StoredAccount, now: number): void {
  if (account.status !== 'active') throw new AppError('ACCOUNT_DISABLED', { status: 403 });
  if (account.lockedUntil !== null && account.lockedUntil > now) throw lockedError(account.lockedUntil);
}
