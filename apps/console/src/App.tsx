import { ui } from '@uia/i18n';
import { CONSOLE_PAGES, CONSOLE_LOGIN_PATHS, type ConsoleMeResponse } from '@uia/schemas';
import { Link, useDocumentTitle, useLocation, useSiteInfo } from '@uia/web';
import { AccountMenu } from './components/AccountMenu.tsx';
import { ConsoleLayout } from './components/ConsoleLayout.tsx';
import { LoginPrompt } from './components/LoginPrompt.tsx';
import { sectionAt, sectionsOf } from './sections.tsx';
import { useMe } from './use-me.ts';

const c = ui.console;

export function App() {
  const site = useSiteInfo();
  const [me, reload] = useMe();
  const { pathname } = useLocation();
  const section = me.kind === 'ready' ? sectionAt(pathname, me.me.role) : null;
  useDocumentTitle(section ? c.sections[section.key] : c.title, site.platformName);

  if (me.kind !== 'ready') {
    return (
      <ConsoleLayout site={site}>
        {me.kind === 'loggedOut' ? (
          <LoginPrompt />
        ) : (
          <main id="main" className="console-main console-login">
            <section className="panel" aria-labelledby="console-state-title">
              <h1 id="console-state-title" className="panel-title">
                {c.title}
              </h1>
              {me.kind === 'loading' ? (
                <p className="muted" role="status">
                  {c.loading}
                </p>
              ) : (
                <div className="alert alert-error" role="alert">
                  {me.message}
                  {me.roleRevoked ? (
                    <a className="link-button" href={CONSOLE_LOGIN_PATHS.start}>
                      {c.loginButton}
                    </a>
                  ) : (
                    <button type="button" className="link-button" onClick={reload}>
                      {c.retry}
                    </button>
                  )}
                </div>
              )}
            </section>
          </main>
        )}
      </ConsoleLayout>
    );
  }

  return (
    <ConsoleLayout site={site} account={<AccountMenu me={me.me} />}>
      <div className="console-body">
        <SectionNav me={me.me} current={section?.key ?? null} />
        <main id="main" className="console-main">
          {section ? <section.Page /> : <NotFound />}
        </main>
      </div>
    </ConsoleLayout>
  );
}

/** The role's sections (only those: 三员分立). */
function SectionNav({ me, current }: { me: ConsoleMeResponse; current: string | null }) {
  return (
    <nav className="console-nav" aria-label={c.navLabel}>
      <ul>
        {sectionsOf(me.role).map(({ key, path }) => (
          <li key={key}>
            <Link to={path} aria-current={key === current ? 'page' : undefined}>
              {c.sections[key]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function NotFound() {
  return (
    <section className="panel" aria-labelledby="console-not-found">
      <h1 id="console-not-found" className="panel-title">
        {c.notFoundTitle}
      </h1>
      <p>{c.notFoundText}</p>
      <p>
        <Link to={CONSOLE_PAGES.home}>{c.notFoundLink}</Link>
      </p>
    </section>
  );
}
