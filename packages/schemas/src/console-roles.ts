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
