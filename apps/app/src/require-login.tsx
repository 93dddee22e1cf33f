import { useEffect, type ComponentType } from 'react';
import { ui } from '@uia/i18n';
import { navigate } from '@uia/web';
import type { Me } from './api.ts';
import { ResultPanel, Screen } from './components/Layout.tsx';
import { loginPath } from './router.ts';
import { useAuth } from './state.tsx';

/**
 * A page that needs the app session: logged out → the login page, which
 * comes back here afterwards; while asking the server → a loading screen.
 * Logged in, `page` shows with who is logged in.
 */
export function RequireLogin({ here, title, page: Page }: { here: string; title: string; page: ComponentType<{ me: Me }> }) {
  const auth = useAuth();
  const status = auth.state.status;
  useEffect(() => {
    if (status === 'anonymous') navigate(loginPath(here), { replace: true });
  }, [status, here]);

  if (auth.state.status === 'loggedIn') return <Page me={auth.state.me} />;
  return (
    <Screen title={title}>
      {auth.state.status === 'unknown' ? (
        <ResultPanel
          tone="error"
          title={auth.state.message}
          actions={
            <button type="button" className="button button-primary button-block" onClick={() => void auth.refresh()}>
              {ui.app.retry}
            </button>
          }
        />
      ) : (
        <p className="page-loading" aria-busy="true">
          {ui.app.loading}
        </p>
      )}
    </Screen>
  );
}
