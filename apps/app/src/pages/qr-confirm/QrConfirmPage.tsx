import { useEffect } from 'react';
import { ui } from '@uia/i18n';
import { navigate } from '@uia/web';
import { ResultPanel, Screen } from '../../components/Layout.tsx';
import { loginPath, paths } from '../../router.ts';
import { useAuth } from '../../state.tsx';
import { Confirm } from './Confirm.tsx';

const c = ui.app.confirm;

/**
 * 确认登录 (manual 一.3): who asks (the service, the PC's browser, OS, IP,
 * approximate place, time), then the red 确认登录 or 取消 ({@link Confirm}). Opening the page
 * scans the QR (a POST, so a link cannot do it for the person); a reload
 * scans again, which the same person may. Server side: apps/idp/src/routes/app-qr-login.ts
 * → apps/idp/src/services/qr-login/; browser test: e2e/qr-login.e2e.test.ts.
 */
export function QrConfirmPage({ id }: { id: string }) {
  const auth = useAuth();
  const status = auth.state.status;

  useEffect(() => {
    if (status === 'anonymous') navigate(loginPath(paths.qr(id)), { replace: true });
  }, [status, id]);

  if (status === 'loggedIn') return <Confirm id={id} />;
  return (
    <Screen title={c.pageTitle} back={paths.home}>
      {auth.state.status === 'unknown' ? (
        <ResultPanel
          tone="error"
          title={c.failedTitle}
          actions={
            <button type="button" className="button button-primary button-block" onClick={() => void auth.refresh()}>
              {ui.app.retry}
            </button>
          }
        >
          <p>{auth.state.message}</p>
        </ResultPanel>
      ) : (
        <p className="page-loading" aria-busy="true">
          {ui.app.loading}
        </p>
      )}
    </Screen>
  );
}
