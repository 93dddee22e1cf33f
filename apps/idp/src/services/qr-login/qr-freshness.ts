import type { AppSessionView } from '../app-sessions/app-session.ts';
import { QR_LOGIN_POLICY } from './qr-login-policy.ts';
import type { QrLoginRecord } from './qr-login-record.ts';

/**
 * How old (seconds) the app login may be when it confirms this QR: the
 * interaction's `max_age`, and for `prompt=login` the platform's freshness
 * bound, whichever is stricter; null when the relying party demands nothing.
 */
export function loginAgeLimit(record: QrLoginRecord): number | null {
  const limits = [record.maxAge ?? null, record.promptLogin ? QR_LOGIN_POLICY.promptLoginFreshSeconds : null].filter((limit) => limit !== null);
  return limits.length > 0 ? Math.min(...limits) : null;
}

/**
 * The app session's login (its face or SMS check, made when the session was
 * created) is older than the QR's relying party accepts: handing it on as a
 * login of now would pass off an old check as a fresh one.
 */
export function appLoginTooOld(record: QrLoginRecord, session: AppSessionView, now: number): boolean {
  const limit = loginAgeLimit(record);
  return limit !== null && now - session.createdAt > limit * 1000;
}
