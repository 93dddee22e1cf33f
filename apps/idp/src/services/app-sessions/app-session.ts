import type { AssuranceLevel } from '../../ports/account-repository.ts';

/** The app's session cookie: HttpOnly, `Path=/app`, `SameSite=Lax`, Max-Age = the chosen 登录有效期. */
export const APP_SESSION_COOKIE = 'uia_app';

/** 登录有效期 choices, in days. */
export const APP_SESSION_VALIDITY_DAYS = [1, 7, 30] as const;
export type AppSessionValidityDays = (typeof APP_SESSION_VALIDITY_DAYS)[number];

/** A live app session, as routes and services see it (never the token itself). */
export interface AppSessionView {
  /** Public id (not the token): shown in 我的, used to revoke. */
  id: string;
  accountId: string;
  /** What the app login proved: L3 after a face check, L2 after an SMS code. */
  acr: AssuranceLevel;
  /** RFC 8176 methods of the app login: ['face'] or ['sms']. */
  amr: string[];
  createdAt: number;
  expiresAt: number;
}

/** What the QR-login routes and service need from app sessions. */
export interface AppSessionAuthenticator {
  /** The live session behind a cookie value, or null (unknown, expired, revoked). */
  authenticate(token: string): Promise<AppSessionView | null>;
  /** Whether the account's session `id` is still live (neither expired nor revoked). */
  isLive(id: string, accountId: string): Promise<boolean>;
}
