import { ui } from '@uia/i18n';
import { Link, useDocumentTitle, useLocation } from '@uia/web';
import { ResultPanel, Screen } from './components/Layout.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { MePage } from './pages/MePage.tsx';
import { PhonePage } from './pages/phone/PhonePage.tsx';
import { QrConfirmPage } from './pages/qr-confirm/QrConfirmPage.tsx';
import { ScanPage } from './pages/ScanPage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { SmsLoginPage } from './pages/SmsLoginPage.tsx';
import { matchRoute, paths, type Route } from './router.ts';
import { AuthProvider, SiteProvider, useSite } from './state.tsx';

const titles: Record<Route['page'], string> = {
  home: ui.app.home.pageTitle,
  login: ui.app.login.pageTitle,
  smsLogin: ui.app.smsLogin.pageTitle,
  scan: ui.app.scan.pageTitle,
  qr: ui.app.confirm.pageTitle,
  me: ui.app.me.pageTitle,
  settings: ui.app.settings.pageTitle,
  phone: ui.app.phone.pageTitle,
  notFound: ui.app.notFoundTitle,
};

export function App() {
  return (
    <SiteProvider>
      <AuthProvider>
        <Pages />
      </AuthProvider>
    </SiteProvider>
  );
}

function Pages() {
  const site = useSite();
  const { pathname, search } = useLocation();
  const route = matchRoute(pathname, search);

  useDocumentTitle(titles[route.page], site.platformName);

  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'login':
      // Without a face verifier the SMS code is the only way in.
      if (!site.features.faceCheck) return <SmsLoginPage key={pathname + search.toString()} next={route.next} />;
      return <LoginPage key={pathname + search.toString()} next={route.next} />;
    case 'smsLogin':
      return <SmsLoginPage key={pathname + search.toString()} next={route.next} />;
    case 'scan':
      return <ScanPage />;
    case 'qr':
      return <QrConfirmPage key={route.id} id={route.id} />;
    case 'me':
      return <MePage />;
    case 'settings':
      return <SettingsPage />;
    case 'phone':
      return <PhonePage />;
    default:
      return (
        <Screen title={ui.app.notFoundTitle} back={paths.home}>
          <ResultPanel
            tone="info"
            title={ui.app.notFoundTitle}
            actions={
              <Link to={paths.home} className="button button-primary button-block" replace>
                {ui.app.homeLink}
              </Link>
            }
          >
            <p>{ui.app.notFoundText}</p>
          </ResultPanel>
        </Screen>
      );
  }
}
