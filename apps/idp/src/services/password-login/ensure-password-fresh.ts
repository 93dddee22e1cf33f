import { AppError } from '../../errors.ts';
import type { StoredAccount } from '../../ports/account-repository.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Operators whose rules demand periodic change set UIA_PASSWORD_MAX_AGE_DAYS
 * (0, the default, is off: forced change makes people pick weaker, patterned
 * passwords). A password older than that still has to be right — this runs
 * after it was verified, so the answer tells nothing to a guesser — and then
 * the login is refused: 忘记密码 (SMS to the bound phone) sets a new one.
 * The password's age counts from its last reset, else from registration.
 */
export function ensurePasswordFresh(account: StoredAccount, now: number, maxAgeDays: number): void {
  if (maxAgeDays <= 0) return;
  const setAt = account.credentialsChangedAt ?? account.createdAt;
  if (now - setAt > maxAgeDays * DAY_MS) throw new AppError('PASSWORD_EXPIRED', { field: 'password' });
}
