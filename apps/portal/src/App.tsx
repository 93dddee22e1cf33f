import { useEffect, useState } from 'react';
import { ui } from '@uia/i18n';
import { endpoints, type DemoAccount } from './api.ts';
import { Layout } from './components/Layout.tsx';
import { Link } from './components/Link.tsx';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage.tsx';
import { LegalPage } from './pages/LegalPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { RegisterPage } from './pages/RegisterPage.tsx';
import { matchRoute, useLocation } from './router.ts';

function useSite() {
  const [site, setSite] = useState<{ platformName: string; demo: boolean; demoAccount?: DemoAccount }>({
    platformName: ui.site.defaultPlatformName,
    demo: false,
  });
  useEffect(() => {
    let live = true;
    endpoints.site().then(
      (info) => {
        if (!live) return;
        setSite({
          platformName:
            typeof info.platformName === 'string' && info.platformName.trim()
              ? info.platformName
              : ui.site.defaultPlatformName,
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

const titles = {
  login: ui.login.pageTitle,
  register: ui.register.pageTitle,
  forgot: ui.forgot.pageTitle,
  terms: ui.terms.pageTitle,
  privacy: ui.privacy.pageTitle,
  notFound: ui.site.notFoundTitle,
} as const;

export function App() {
  const site = useSite();
  const { pathname, search } = useLocation();
  const route = matchRoute(pathname, search);

  useEffect(() => {
    document.title = `${titles[route.page]}${ui.site.pageTitleSeparator}${site.platformName}`;
  }, [route.page, site.platformName]);

  let content;
  switch (route.page) {
    case 'login':
      content = <LoginPage uid={route.uid} />;
      break;
    case 'register':
      content = <RegisterPage uid={route.uid} />;
      break;
    case 'forgot':
      content = <ForgotPasswordPage uid={route.uid} />;
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
