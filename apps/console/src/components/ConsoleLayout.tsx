import type { ReactNode } from 'react';
import { fillTemplate, ui } from '@uia/i18n';
import type { ConsoleMeResponse } from '@uia/schemas';
import { CareModeSwitch, DemoAdministrators, Link, type SiteInfo } from '@uia/web';
import { CONSOLE_PAGES, pagesOf, type ConsolePage } from '../pages.ts';
import { LogoutButton } from './LogoutButton.tsx';

/** The demo notice (naming the demo administrators), header (platform, console, the administrator and 退出, 关怀模式), the role's menu, and the page. */
export function ConsoleLayout({ site, me, current, children }: { site: SiteInfo; me?: ConsoleMeResponse; current?: ConsolePage | null; children: ReactNode }) {
  return (
    <div className="console">
      <a className="skip-link" href="#main">
        {ui.console.skipToMain}
      </a>
      <header className="console-header">
        {site.demo && (
          <div className="demo-banner" role="note">
            {ui.demoBanner}
            <DemoAdministrators administrators={site.demoAdministrators ?? []} />
          </div>
        )}
        <div className="console-header-inner">
          <p className="console-brand">
            <span className="console-platform">{site.platformName}</span>
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
