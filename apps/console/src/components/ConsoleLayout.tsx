import type { ReactNode } from 'react';
import { ui } from '@uia/i18n';
import { CareModeSwitch, DemoAdministrators, type SiteInfo } from '@uia/web';

const c = ui.console;

/** The console's frame: the demo notice (with the demo administrators), the header (name, who is logged in, 退出, 关怀模式), then the page. */
export function ConsoleLayout({ site, account, children }: { site: SiteInfo; account?: ReactNode; children: ReactNode }) {
  return (
    <div className="console">
      <header>
        {site.demo && (
          <div className="demo-banner" role="note">
            {ui.demoBanner}
            <DemoAdministrators administrators={site.demoAdministrators ?? []} />
          </div>
        )}
        <div className="console-header">
          <p className="console-brand">
            {site.platformName}
            <span className="console-brand-part">{c.title}</span>
          </p>
          <div className="console-header-tools">
            {account}
            <CareModeSwitch className="care-switch" />
          </div>
        </div>
      </header>
      {children}
    </div>
  );
}
