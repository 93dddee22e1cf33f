import type { ReactNode } from 'react';
import { ui } from '@uia/i18n';
import { Link, useDocumentTitle, useLocation, useSiteInfo, type SiteInfo } from '@uia/web';
import { Layout } from './components/Layout.tsx';
import { AccountPage } from './pages/AccountPage.tsx';
import { ConsentPage } from './pages/ConsentPage.tsx';
import { ForgotPasswordPage } from './pages/forgot-password/ForgotPasswordPage.tsx';
import { LegalPage } from './pages/LegalPage.tsx';
import { LoginPage } from './pages/login/LoginPage.tsx';
import { RegisterPage } from './pages/register/RegisterPage.tsx';
import { matchRoute, type Route } from './router.ts';

type PageName = Route['page'];

/** Each page: its title (the tab's, before the platform's name) and what it shows for its route. */
const pages: { [P in PageName]: { title: string; show: (route: Extract<Route, { page: P }>, site: SiteInfo) => ReactNode } } = {
  login: { title: ui.login.pageTitle, show: ({ uid }, { features, companionApp }) => <LoginPage uid={uid} features={features} companionApp={companionApp} /> },
  consent: { title: ui.consent.pageTitle, show: ({ uid }) => <ConsentPage uid={uid} /> },
  register: { title: ui.register.pageTitle, show: ({ uid }, { features }) => <RegisterPage uid={uid} features={features} /> },
  forgot: { title: ui.forgot.pageTitle, show: ({ uid }) => <ForgotPasswordPage uid={uid} /> },
  account: { title: ui.account.pageTitle, show: (_, { features }) => <AccountPage features={features} /> },
  terms: { title: ui.terms.pageTitle, show: () => <LegalPage doc={ui.terms} /> },
  privacy: { title: ui.privacy.pageTitle, show: () => <LegalPage doc={ui.privacy} /> },
  notFound: { title: ui.site.notFoundTitle, show: () => <NotFound /> },
};

function show<P extends PageName>(route: Extract<Route, { page: P }>, site: SiteInfo): ReactNode {
  return pages[route.page].show(route, site);
}

export function App() {
  const site = useSiteInfo();
  const { pathname, search } = useLocation();
  const route = matchRoute(pathname, search);

  useDocumentTitle(pages[route.page].title, site.platformName);

  return (
    <Layout platformName={site.platformName} demo={site.demo} demoAccount={site.demoAccount} demoAdministrators={site.demoAdministrators} variant={route.page === 'login' ? 'hero' : 'plain'}>
      {show(route, site)}
    </Layout>
  );
}

function NotFound() {
  return (
    <section className="panel narrow-panel">
      <h1 className="panel-title">{ui.site.notFoundTitle}</h1>
      <p>{ui.site.notFoundText}</p>
      <p>
        <Link to="/">{ui.site.homeLink}</Link>
      </p>
    </section>
  );
}
