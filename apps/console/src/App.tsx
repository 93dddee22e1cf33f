import { ui } from '@uia/i18n';
import { CONSOLE_LOGIN_PATHS } from '@uia/schemas';
import { useDocumentTitle, useLocation, useSiteInfo } from '@uia/web';
import { ConsoleLayout } from './components/ConsoleLayout.tsx';
import { NoticeProvider } from './components/Notice.tsx';
import { AccountsPage } from './pages/accounts/AccountsPage.tsx';
import { AuditPage } from './pages/audit/AuditPage.tsx';
import { ClientsPage } from './pages/clients/ClientsPage.tsx';
import { HealthPage } from './pages/health/HealthPage.tsx';
import { RolesPage } from './pages/roles/RolesPage.tsx';
import { CONSOLE_PAGES, pageAt, type ConsolePage } from './pages.ts';
import { useConsoleSession } from './session.ts';

const PAGE_VIEWS: Record<ConsolePage, () => React.JSX.Element> = {
  clients: ClientsPage,
  health: HealthPage,
  accounts: AccountsPage,
  roles: RolesPage,
  audit: AuditPage,
};

export function App() {
  const site = useSiteInfo();
  const session = useConsoleSession();
  const { pathname } = useLocation();
  const page = session.state === 'signedIn' ? pageAt(pathname, session.me.role) : null;
  const title = page ? CONSOLE_PAGES[page].title : session.state === 'signedIn' ? ui.console.notFoundTitle : ui.console.loginTitle;
  useDocumentTitle(`${title}${ui.site.pageTitleSeparator}${ui.console.title}`, site.platformName);

  if (session.state !== 'signedIn') {
    return (
      <ConsoleLayout site={site}>
        {session.state === 'loading' ? (
          <p className="muted">{ui.console.loading}</p>
        ) : (
          <section className="panel login-panel" aria-labelledby="login-title">
            <h1 id="login-title">{ui.console.loginTitle}</h1>
            {session.state === 'failed' && (
              <p className="notice notice-error" role="alert">
                {session.message}
              </p>
            )}
            <p>{ui.console.loginText}</p>
            <a className="button button-primary" href={CONSOLE_LOGIN_PATHS.start}>
              {ui.console.loginButton}
            </a>
          </section>
        )}
      </ConsoleLayout>
    );
  }

  const View = page ? PAGE_VIEWS[page] : null;
  return (
    <ConsoleLayout site={site} me={session.me} current={page}>
      <h1 className="page-title">{title}</h1>
      {View ? (
        <NoticeProvider key={page}>
          <View />
        </NoticeProvider>
      ) : (
        <p>{ui.console.notFoundText}</p>
      )}
    </ConsoleLayout>
  );
}
