import { StrictMode, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { ui } from '@uia/i18n';
import { sharedEndpoints, type SiteInfo } from './api.ts';

/** Renders the SPA into `#root`. */
export function mount(app: ReactNode): void {
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<StrictMode>{app}</StrictMode>);
}

/** GET /api/site: the platform name and demo mode; neutral defaults until (or unless) it answers. */
export function useSiteInfo(): SiteInfo {
  const [site, setSite] = useState<SiteInfo>({ platformName: ui.site.defaultPlatformName, demo: false });
  useEffect(() => {
    let live = true;
    sharedEndpoints.site().then(
      (info) => {
        if (!live) return;
        setSite({
          platformName: typeof info.platformName === 'string' && info.platformName.trim() ? info.platformName : ui.site.defaultPlatformName,
          demo: info.demo === true,
          ...(info.demoAccount ? { demoAccount: info.demoAccount } : {}),
        });
      },
      () => {
        /* keep the neutral defaults */
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return site;
}

/** `<page title> - <platform name>` as the document title. */
export function useDocumentTitle(pageTitle: string, platformName: string): void {
  useEffect(() => {
    document.title = `${pageTitle}${ui.site.pageTitleSeparator}${platformName}`;
  }, [pageTitle, platformName]);
}
