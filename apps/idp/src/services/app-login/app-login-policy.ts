import { AppError } from '../../errors.ts';
import { APP_SESSION_VALIDITY_DAYS, type AppSessionValidityDays } from '../app-sessions/app-session.ts';
import type { RateLimit } from '../rate-limit/rate-limiter.ts';

/**
 * Budgets of the app logins, face and SMS alike: per client address; per ID
 * number from one address (so one attacker who knows an ID number cannot
 * spend its owner's budget); and per ID number overall, against guessing
 * from many addresses. Every attempt costs a registry check and, for a face,
 * a verifier call.
 */
export const APP_LOGIN_LIMITS = {
  perIp: { name: 'app-login:ip', limit: 30, windowSeconds: 3600 },
  perIdNumberFromIp: { name: 'app-login:id-ip', limit: 10, windowSeconds: 3600 },
  perIdNumber: { name: 'app-login:id', limit: 50, windowSeconds: 3600 },
} satisfies Record<string, RateLimit>;

/** The chosen 登录有效期: 1, 7 or 30 days, nothing else. */
export function appSessionValidity(days: number): AppSessionValidityDays {
  const chosen = APP_SESSION_VALIDITY_DAYS.find((allowed) => allowed === days);
  if (chosen === undefined) throw new AppError('APP_VALIDITY_INVALID', { field: 'validityDays' });
  return chosen;
}
