/**
 * 三员分立: the operator console's three administrator roles (DESIGN.md §1.8).
 * A person holds at most one; the server decides per route which role may
 * call it. Zod-free, like constants.ts, so the console's bundle takes it
 * without zod.
 */
export const CONSOLE_ROLES = ['system', 'security', 'audit'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

export const CONSOLE_ROLE_NAMES: Record<ConsoleRole, string> = {
  system: '系统管理员',
  security: '安全管理员',
  audit: '审计管理员',
};

/** The console's page and the prefix of every console API (each feature adds its own paths under it). */
export const CONSOLE_PATHS = {
  page: '/console/',
  api: '/api/console',
} as const;

/** The console's built-in OIDC client (routes/console-login.ts): the console logs in through it, with two factors. */
export const CONSOLE_CLIENT_ID = 'uia-console';

/** The console's own login: `start` begins the code flow, `callback` opens the console session, `logout` (POST) ends it. */
export const CONSOLE_LOGIN_PATHS = {
  start: '/console/login/start',
  callback: '/console/callback',
  logout: '/console/logout',
} as const;

/** The console API of every role (/me) and the security administrator's 角色管理 (console-access.ts). */
export const CONSOLE_ACCESS_PATHS = {
  me: `${CONSOLE_PATHS.api}/me`,
  roles: `${CONSOLE_PATHS.api}/roles`,
  revokeRole: `${CONSOLE_PATHS.api}/roles/:accountId/revoke`,
} as const;
