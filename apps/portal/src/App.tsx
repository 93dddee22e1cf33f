import { ui } from '@uia/i18n';
import { Link, useDocumentTitle, useLocation, useSiteInfo } from '@uia/web';
import { Layout } from './components/Layout.tsx';
import { AccountPage } from './pages/AccountPage.tsx';
import { ConsentPage } from './pages/ConsentPage.tsx';
import { ForgotPasswordPage } from './pages/forgot-password/ForgotPasswordPage.tsx';
import { LegalPage } from './pages/LegalPage.tsx';
import { LoginPage } from './pages/login/LoginPage.tsx';
import { RegisterPage } from './pages/register/RegisterPage.tsx';
import { matchRoute } from './router.ts';

const titles = {
  login: ui.login.pageTitle,
  consent: ui.consent.pageTitle,
  register: ui.register.pageTitle,
  forgot: ui.forgot.pageTitle,
  account: ui.account.pageTitle,
  terms: ui.terms.pageTitle,
  privacy: ui.privacy.pageTitle,
  notFound: ui.site.notFoundTitle,
} as const;

export function App() {
  const site = useSiteInfo();
  const { pathname, search } = useLocation();
  const route = matchRoute(pathname, search);

  useDocumentTitle(titles[route.page], site.platformName);

  let content;
  switch (route.page) {
    case 'login':
      content = <LoginPage uid={route.uid} features={site.features} companionApp={site.companionApp} />;
      break;
    case 'consent':
      content = <ConsentPage uid={route.uid} />;
      break;
    case 'register':
      content = <RegisterPage uid={route.uid} features={site.features} />;
      break;
    case 'forgot':
      content = <ForgotPasswordPage uid={route.uid} />;
      break;
    case 'account':
      content = <AccountPage features={site.features} />;
      break;
    case 'terms':
      content = <LegalPage doc={ui.terms} />;
      break;
    case 'privacy':
      content = <LegalPage doc={ui.privacy} />;
      break;
    default:
      content = (
        <section className="panel narrow-panel">
          <h1 className="panel-title">{ui.site.notFoundTitle}</h1>
          <p>{ui.site.notFoundText}</p>
          <p>
            <Link to="/">{ui.site.homeLink}</Link>
          </p>
        </section>
      );
  }

  return (
    <Layout platformName={site.platformName} demo={site.demo} demoAccount={site.demoAccount} variant={route.page === 'login' ? 'hero' : 'plain'}>
      {content}
    </Layout>
  );
}
