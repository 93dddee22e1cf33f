import { StrictMode, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { ui } from '@uia/i18n';
import type { CompanionApp, PlatformFeatures } from '@uia/schemas';
import { sharedEndpoints, type SiteInfo } from './api.ts';

/**
 * Renders the SPA into `#root` (replacing the shell's 加载中). A page the
 * browser brings back from its back-forward cache (the shell is cacheable)
 * is loaded afresh: it may show a session that ended or a used-up captcha.
 */
export function mount(app: ReactNode): void {
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<StrictMode>{app}</StrictMode>);
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) window.location.reload();
  });
}

// Until /api/site answers, pages show everything they always had; what is off disappears once it does.
const ALL_FEATURES: PlatformFeatures = { realName: true, faceCheck: true, entityServices: true, ipRegion: true };

/** The companion app until /api/site names it: the default name, the web app of this origin. */
function defaultCompanionApp(): CompanionApp {
  return { name: ui.companionApp.defaultName, webUrl: `${window.location.origin}/app/` };
}

/** GET /api/site: the platform name and demo mode; neutral defaults until (or unless) it answers. */
export function useSiteInfo(): SiteInfo {
  const [site, setSite] = useState<SiteInfo>(() => ({ platformName: ui.site.defaultPlatformName, demo: false, features: ALL_FEATURES, companionApp: defaultCompanionApp() }));
  useEffect(() => {
    let live = true;
    sharedEndpoints.site().then(
      (info) => {
        if (!live) return;
        setSite({
          platformName: typeof info.platformName === 'string' && info.platformName.trim() ? info.platformName : ui.site.defaultPlatformName,
          demo: info.demo === true,
          ...(info.demoAccount ? { demoAccount: info.demoAccount } : {}),
          ...(Array.isArray(info.demoAdministrators) ? { demoAdministrators: info.demoAdministrators } : {}),
          features: { ...ALL_FEATURES, ...info.features },
          companionApp: typeof info.companionApp?.name === 'string' && info.companionApp.name.trim() ? info.companionApp : defaultCompanionApp(),
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

/** How an L1 (未实名) account's owner raises its level: the app's face check only where the platform has one. */
export function raiseLevelHint(features: Pick<PlatformFeatures, 'faceCheck'>): string {
  return features.faceCheck ? ui.realName.howToRaiseWithApp : ui.realName.howToRaiseAtHall;
}

/** `<page title> - <platform name>` as the document title. */
export function useDocumentTitle(pageTitle: string, platformName: string): void {
  useEffect(() => {
    document.title = `${pageTitle}${ui.site.pageTitleSeparator}${platformName}`;
  }, [pageTitle, platformName]);
}
