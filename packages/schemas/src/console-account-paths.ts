import { CONSOLE_PATHS } from './console-roles.ts';

/**
 * 账号管理 of the operator console (安全管理员): the paths and the format of
 * a service hall's reference number. Zod-free, like paths.ts, so the
 * console's bundle takes them without zod. Schemas: console-accounts.ts.
 */
export const CONSOLE_ACCOUNT_PATHS = {
  /** POST: one account by exact 用户名 / 手机号 / 证件号码 (in the body, never the URL). */
  find: `${CONSOLE_PATHS.api}/accounts/find`,
  account: `${CONSOLE_PATHS.api}/accounts/:id`,
  unlock: `${CONSOLE_PATHS.api}/accounts/:id/unlock`,
  disable: `${CONSOLE_PATHS.api}/accounts/:id/disable`,
  enable: `${CONSOLE_PATHS.api}/accounts/:id/enable`,
  endSessions: `${CONSOLE_PATHS.api}/accounts/:id/end-sessions`,
  inPersonCheck: `${CONSOLE_PATHS.api}/accounts/:id/in-person-check`,
} as const;

/**
 * A service hall's reference number (办件编号) for an in-person check: 6–32
 * upper-case letters, digits and hyphens, starting with a letter or digit
 * (halls print e.g. `BJDC-20260105-0012`).
 */
export const IN_PERSON_REFERENCE_PATTERN = /^[A-Z0-9][A-Z0-9-]{5,31}$/;
