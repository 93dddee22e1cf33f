import type { ReactNode } from 'react';
import { ui } from '@uia/i18n';
import { CareModeSwitch, DemoAdministrators, Link, type DemoAccount, type DemoAdministrator } from '@uia/web';
import { fill } from '../text.ts';

export function BrandMark() {
  // A neutral shield: deliberately not any real government emblem.
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <path d="M16 2 4 6.5v8.2C4 22.3 9.1 28.3 16 30c6.9-1.7 12-7.7 12-15.3V6.5L16 2z" fill="#d9001b" />
      <path d="m10.5 16.2 3.8 3.8 7.2-7.6" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function Layout({
  platformName,
  demo,
  demoAccount,
  demoAdministrators = [],
  variant = 'plain',
  children,
}: {
  platformName: string;
  demo: boolean;
  demoAccount?: DemoAccount | undefined;
  demoAdministrators?: DemoAdministrator[] | undefined;
  variant?: 'hero' | 'plain';
  children: ReactNode;
}) {
  return (
    <div className="app">
      {/* The demo notice belongs to the page's banner landmark, so nothing stands outside a landmark. */}
      <header>
        {demo && (
          <div className="demo-banner" role="note">
            {ui.demoBanner}
            {demoAccount && <span className="demo-account">{fill(ui.demoAccount, { ...demoAccount })}</span>}
            <DemoAdministrators administrators={demoAdministrators} />
          </div>
        )}
        <div className="site-header">
          <div className="container site-header-inner">
            <Link to="/" className="brand" aria-label={`${platformName}，${ui.site.homeLink}`}>
              <BrandMark />
              <span className="brand-name">{platformName}</span>
            </Link>
            <CareModeSwitch className="care-switch" />
          </div>
        </div>
      </header>
      <main id="main" className={variant === 'hero' ? 'site-main site-main-hero' : 'site-main'}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container site-footer-inner">
          <nav className="footer-links" aria-label={ui.site.footerNote}>
            <Link to="/terms">{ui.site.footerTerms}</Link>
            <span aria-hidden="true">|</span>
            <Link to="/privacy">{ui.site.footerPrivacy}</Link>
          </nav>
          <p className="footer-note">
            {platformName} · {ui.site.footerNote}
          </p>
        </div>
      </footer>
    </div>
  );
}
