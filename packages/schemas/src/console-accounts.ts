import { z } from 'zod';
import { accountEntity, appSessionOfAccount, browserSession } from './user-center.ts';
import { assuranceLevel, ID_TYPE_VALUES, serviceRef, text } from './shared-fields.ts';

/**
 * 账号管理 of the operator console (安全管理员): find one account by an exact
 * identifier, see it masked, and act on it. Paths: CONSOLE_ACCOUNT_PATHS
 * (console-account-paths.ts). Every answer but an error is the account's view.
 */

export const ACCOUNT_IDENTIFIER_KINDS = ['username', 'phone', 'id_number'] as const;

export const findAccountRequest = z.strictObject({
  kind: z.enum(ACCOUNT_IDENTIFIER_KINDS),
  value: text(64).min(1),
  /** With `id_number`: the document type (default 居民身份证). */
  idType: z.enum(ID_TYPE_VALUES).optional(),
});
export type FindAccountRequest = z.infer<typeof findAccountRequest>;

export const inPersonCheckRequest = z.strictObject({
  /** The service hall's reference number (IN_PERSON_REFERENCE_PATTERN). */
  reference: text(32).min(1),
});
export type InPersonCheckRequest = z.infer<typeof inPersonCheckRequest>;

export const ACCOUNT_STATUSES = ['active', 'disabled'] as const;
export const LOGIN_METHODS = ['password', 'qr', 'entity', 'app_face', 'app_sms'] as const;

/** One successful login, newest first. */
export const accountLogin = z.object({
  at: z.string(),
  method: z.enum(LOGIN_METHODS),
  /** The service logged in to; null for the platform's own pages and the app. */
  service: serviceRef.nullable(),
  acr: assuranceLevel.nullable(),
});
export type AccountLogin = z.infer<typeof accountLogin>;

/** 登录失败处理 as it stands for the account: how many sources wait, and today's pause. */
export const accountThrottle = z.object({
  sources: z.array(z.object({ kind: z.enum(['device', 'address']), failures: z.number(), waitsUntil: z.string().nullable() })),
  failuresToday: z.number(),
  paused: z.boolean(),
  /** Any source waiting now, or the pause: 解锁 clears both. */
  locked: z.boolean(),
});
export type AccountThrottle = z.infer<typeof accountThrottle>;

/** An account as 安全管理员 sees it: personal data masked. */
export const adminAccountView = z.object({
  id: z.string(),
  username: z.string().nullable(),
  name: z.string(),
  idType: z.enum(ID_TYPE_VALUES),
  idNumber: z.string(),
  phone: z.string().nullable(),
  phoneBound: z.boolean(),
  assuranceLevel,
  status: z.enum(ACCOUNT_STATUSES),
  registeredAt: z.string(),
  /** The newest in-person check (L4): the hall's reference number and when it was recorded. */
  inPersonCheck: z.object({ reference: z.string(), at: z.string() }).nullable(),
  throttle: accountThrottle,
  lastLogins: z.array(accountLogin),
  browsers: z.array(browserSession),
  apps: z.array(appSessionOfAccount),
  /** Every service signed in to across the browser sessions. */
  services: z.array(serviceRef),
  entities: z.array(accountEntity),
});
export type AdminAccountView = z.infer<typeof adminAccountView>;

export const adminAccountResponse = z.object({ account: adminAccountView });
export type AdminAccountResponse = z.infer<typeof adminAccountResponse>;
