import type { ConsoleRole } from '@uia/schemas';
import { ui } from '@uia/i18n';

/** The console's pages: each belongs to one role (三员分立); the server refuses the others anyway. */
export const CONSOLE_PAGES = {
  clients: { path: '/console/clients', role: 'system', title: ui.console.pages.clients },
  health: { path: '/console/health', role: 'system', title: ui.console.pages.health },
  accounts: { path: '/console/accounts', role: 'security', title: ui.console.pages.accounts },
  roles: { path: '/console/roles', role: 'security', title: ui.console.pages.roles },
  audit: { path: '/console/audit', role: 'audit', title: ui.console.pages.audit },
} as const satisfies Record<string, { path: string; role: ConsoleRole; title: string }>;

export type ConsolePage = keyof typeof CONSOLE_PAGES;

/** The pages of one role, in menu order. */
export function pagesOf(role: ConsoleRole): ConsolePage[] {
  return (Object.keys(CONSOLE_PAGES) as ConsolePage[]).filter((page) => CONSOLE_PAGES[page].role === role);
}

/**
 * The page a pathname shows for the role: its own page, the role's first page
 * at /console/, null for anything else (页面不存在).
 */
export function pageAt(pathname: string, role: ConsoleRole): ConsolePage | null {
  const own = pagesOf(role);
  if (pathname === '/console/' || pathname === '/console') return own[0] ?? null;
  return own.find((page) => CONSOLE_PAGES[page].path === pathname.replace(/\/$/, '')) ?? null;
}
