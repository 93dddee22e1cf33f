import { z } from 'zod';
import { CONSOLE_ROLES } from './console-roles.ts';
import { text } from './shared-fields.ts';

/**
 * Who may use the console: the administrator's own view (/me, any role) and
 * 角色管理 (the security administrator's). Paths: CONSOLE_ACCESS_PATHS
 * (console-roles.ts). Without a console session 401 CONSOLE_LOGIN_REQUIRED;
 * with another role 403 CONSOLE_ROLE_REQUIRED.
 */

export const consoleRole = z.enum(CONSOLE_ROLES);

/** The logged-in administrator, masked by the server. */
export const consoleMeResponse = z.object({ role: consoleRole, roleName: z.string(), name: z.string() });
export type ConsoleMeResponse = z.infer<typeof consoleMeResponse>;

/** A role holder, masked. */
export const consoleRoleHolder = z.object({
  accountId: z.string(),
  name: z.string(),
  idNumber: z.string(),
  role: consoleRole,
  roleName: z.string(),
  /** ISO 8601. */
  grantedAt: z.string(),
});
export type ConsoleRoleHolder = z.infer<typeof consoleRoleHolder>;

export const consoleRoleHoldersResponse = z.object({ holders: z.array(consoleRoleHolder) });
export type ConsoleRoleHoldersResponse = z.infer<typeof consoleRoleHoldersResponse>;

/** The person by exact 用户名 / 手机号 / 证件号码 (found through the blind index, never by a fuzzy search). */
export const grantConsoleRoleRequest = z.strictObject({ identifier: text(64).min(1), role: consoleRole });
export type GrantConsoleRoleRequest = z.infer<typeof grantConsoleRoleRequest>;
export const grantConsoleRoleResponse = z.object({ holder: consoleRoleHolder });
export type GrantConsoleRoleResponse = z.infer<typeof grantConsoleRoleResponse>;

export const revokeConsoleRoleParams = z.object({ accountId: z.string().max(64) });
export const revokeConsoleRoleResponse = z.object({ revoked: z.literal(true) });
export type RevokeConsoleRoleResponse = z.infer<typeof revokeConsoleRoleResponse>;
