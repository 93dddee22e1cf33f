import { useState } from 'react';
import { ui } from '@uia/i18n';
import { ApiError, errorMessage, Link, navigate, raiseLevelHint } from '@uia/web';
import { endpoints, type Me, type SessionListItem } from '../api.ts';
import { Icon } from '../components/Icons.tsx';
import { Card, ErrorAlert, Screen } from '../components/Layout.tsx';
import { beijingTime, fill, levelText, remaining, toDate } from '../format.ts';
import { RequireLogin } from '../require-login.tsx';
import { paths } from '../router.ts';
import { useAuth, useSite } from '../state.tsx';

const m = ui.app.me;

/** 我的 (manual 三.1: 右下角“我的”; the settings icon top right). */
export function MePage() {
  return <RequireLogin here={paths.me} title={m.pageTitle} page={MeContent} />;
}

function MeContent({ me }: { me: Me }) {
  const site = useSite();
  const auth = useAuth();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { person } = me;

  async function run(key: string, action: () => Promise<void>) {
    if (busy) return;
    setBusy(key);
    setError(null);
    try {
      await action();
    } catch (e: unknown) {
      if (e instanceof ApiError && e.code === 'APP_LOGIN_REQUIRED') auth.loggedOut();
      else setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  const logout = () =>
    run('logout', async () => {
      await endpoints.logout();
      auth.loggedOut();
      navigate(paths.home, { replace: true });
    });

  const revoke = (session: SessionListItem) =>
    run(session.id, async () => {
      await endpoints.revokeSession(session.id);
      await auth.refresh();
    });

  // This device first, then the others, newest first.
  const sessions = ((me.sessions.length ? [...me.sessions] : [{ ...me.session, device: null, current: true }]) as SessionListItem[]).sort(
    (x, y) => Number(y.current) - Number(x.current) || (toDate(y.createdAt)?.getTime() ?? 0) - (toDate(x.createdAt)?.getTime() ?? 0),
  );

  return (
    <Screen
      title={m.pageTitle}
      tab="me"
      action={
        <Link to={paths.settings} className="icon-button" aria-label={m.settings} title={m.settings}>
          <Icon name="settings" />
        </Link>
      }
    >
      <section className="profile" aria-label={m.pageTitle}>
        <span className="avatar avatar-large" aria-hidden="true">
          <Icon name="user" />
        </span>
        <div className="profile-text">
          <p className="profile-name">{person.maskedName}</p>
          <span className="level-badge level-badge-light">{levelText(person.assuranceLevel)}</span>
        </div>
      </section>

      <section className="card card-flush">
        <dl className="details details-list">
          <div className="details-row">
            <dt>{m.nameLabel}</dt>
            <dd>{person.maskedName}</dd>
          </div>
          <div className="details-row">
            <dt>{m.idNumberLabel}</dt>
            <dd className="mono">{person.maskedIdNumber}</dd>
          </div>
          <div className="details-row">
            <dt>{m.phoneLabel}</dt>
            <dd className="mono">{person.maskedPhone ?? m.phoneNone}</dd>
          </div>
          <div className="details-row">
            <dt>{m.levelLabel}</dt>
            <dd>
              {levelText(person.assuranceLevel)}
              {person.assuranceLevel === 'L1' && (
                <span className="details-hint" data-testid="me-raise-level">
                  {raiseLevelHint(site.features)}
                </span>
              )}
            </dd>
          </div>
        </dl>
      </section>

      <Card titleId="sessions-title" title={m.sessionsTitle}>
        <p className="card-hint">{m.sessionsHint}</p>
        <ul className="sessions">
          {sessions.map((session) => {
            const device = session.device?.trim() || m.unknownDevice;
            const methods = (session.amr ?? []).map((method) => m.methods[method] ?? method).join('、');
            return (
              <li key={session.id} className="session">
                <div className="session-head">
                  <span className="session-device">{device}</span>
                  {session.current && <span className="tag tag-current">{m.currentDevice}</span>}
                  <span className="tag">{levelText(session.acr)}</span>
                </div>
                {methods && <p className="session-line">{fill(m.loginMethod, { method: methods })}</p>}
                <p className="session-line">{fill(m.createdAt, { time: beijingTime(session.createdAt) })}</p>
                <p className="session-line">
                  {fill(m.expiresAt, { time: beijingTime(session.expiresAt) })}
                  {remaining(session.expiresAt)}
                </p>
                {!session.current && (
                  <button
                    type="button"
                    className="button button-outline button-small session-revoke"
                    onClick={() => void revoke(session)}
                    disabled={busy !== null}
                    aria-label={fill(m.revokeLabel, { device })}
                  >
                    {busy === session.id ? m.revoking : m.revoke}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </Card>

      <ErrorAlert message={error} />
      <div className="page-actions">
        <button type="button" className="button button-danger-outline button-block button-large" onClick={() => void logout()} disabled={busy !== null} aria-busy={busy === 'logout'}>
          {busy === 'logout' ? m.loggingOut : m.logout}
        </button>
      </div>
    </Screen>
  );
}
