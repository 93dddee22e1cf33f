import type { ComponentType } from 'react';
import { CONSOLE_PAGES, type ConsoleRole } from '@uia/schemas';
import { AuditPage } from './pages/audit/AuditPage.tsx';
import { AccountsPage } from './pages/security/AccountsPage.tsx';
import { RolesPage } from './pages/security/RolesPage.tsx';
import { ClientsPage } from './pages/system/ClientsPage.tsx';
import { HealthPage } from './pages/system/HealthPage.tsx';

/** One section of the console: the one role it is for (三员分立; the server decides again), its page and its component. */
export interface ConsoleSection {
  key: 'clients' | 'health' | 'accounts' | 'roles' | 'audit';
  role: ConsoleRole;
  path: string;
  Page: ComponentType;
}

/** THE CONSOLE'S SECTIONS, in each role's navigation order; a role's first is its home. */
export const SECTIONS: readonly ConsoleSection[] = [
  { key: 'clients', role: 'system', path: CONSOLE_PAGES.clients, Page: ClientsPage },
  { key: 'health', role: 'system', path: CONSOLE_PAGES.health, Page: HealthPage },
  { key: 'accounts', role: 'security', path: CONSOLE_PAGES.accounts, Page: AccountsPage },
  { key: 'roles', role: 'security', path: CONSOLE_PAGES.roles, Page: RolesPage },
  { key: 'audit', role: 'audit', path: CONSOLE_PAGES.audit, Page: AuditPage },
];

export const sectionsOf = (role: ConsoleRole) => SECTIONS.filter((section) => section.role === role);

/** The section a path shows for the role: its home at /console/, null for another role's or an unknown page. */
export function sectionAt(pathname: string, role: ConsoleRole): ConsoleSection | null {
  const own = sectionsOf(role);
  if (pathname === CONSOLE_PAGES.home) return own[0] ?? null;
  return own.find((section) => section.path === pathname.replace(/\/$/, '')) ?? null;
}
