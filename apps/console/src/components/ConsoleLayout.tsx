import type { ReactNode } from 'react';
import { fillTemplate, ui } from '@uia/i18n';
import type { ConsoleMeResponse } from '@uia/schemas';
import { CareModeSwitch, Link } from '@uia/web';
import { CONSOLE_PAGES, pagesOf, type ConsolePage } from '../pages.ts';
import { LogoutButton } from './LogoutButton.tsx';

/** Header (platform, console, the administrator and 退出, 关怀模式), the role's menu, and the page. */
export function ConsoleLayout({ platformName, me, current, children }: { platformName: string; me?: ConsoleMeResponse; current?: ConsolePage | null; children: ReactNode }) {
  return (
    <div className="console">
      <a className="skip-link" href="#main">
        {ui.console.skipToMain}
      </a>
      <header className="console-header">
        <div className="console-header-inner">
          <p className="console-brand">
            <span className="console-platform">{platformName}</span>
            <span className="console-title">{ui.console.title}</span>
          </p>
          <div className="console-user">
            {me && <span className="console-admin">{fillTemplate(ui.console.signedInAs, { name: me.name, roleName: me.roleName })}</span>}
            <CareModeSwitch className="care-switch" />
            {me && <LogoutButton />}
          </div>
        </div>
        {me && (
          <nav className="console-nav" aria-label={ui.console.nav}>
            <ul>
              {pagesOf(me.role).map((page) => (
                <li key={page}>
                  <Link to={CONSOLE_PAGES[page].path} aria-current={page === current ? 'page' : undefined}>
                    {CONSOLE_PAGES[page].title}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" className="console-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
