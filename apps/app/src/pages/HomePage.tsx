import type { ReactNode } from 'react';
import { ui } from '@uia/i18n';
import { Link } from '@uia/web';
import { Icon, ShieldMark } from '../components/Icons.tsx';
import { Card, Screen } from '../components/Layout.tsx';
import { beijingTime, fill, levelText } from '../format.ts';
import { loginPath, paths } from '../router.ts';
import { useAuth, useSite } from '../state.tsx';

const h = ui.app.home;

/** 首页: 请登录 (or who is logged in) and 扫一扫 at the top (manual 一.2, 一.3). */
export function HomePage() {
  const site = useSite();
  const auth = useAuth();
  const state = auth.state;
  const loggedIn = state.status === 'loggedIn';

  return (
    <Screen tab="home">
      <section className="home-hero" aria-labelledby="home-title">
        <h1 id="home-title" className="home-brand">
          <ShieldMark className="home-brand-mark" />
          <span>{site.platformName}</span>
        </h1>

        {state.status === 'loggedIn' ? (
          <AccountLink
            to={paths.me}
            name={
              <>
                {state.me.person.maskedName}
                <span className="level-badge">{levelText(state.me.session.acr || state.me.person.assuranceLevel)}</span>
              </>
            }
            hint={fill(h.loggedInHint, { time: beijingTime(state.me.session.expiresAt) })}
          >
            {/* The link's name is what it shows (WCAG 2.5.3), then where it goes. */}
            <span className="visually-hidden">{`，${h.profileLink}`}</span>
          </AccountLink>
        ) : state.status === 'anonymous' ? (
          <AccountLink to={paths.login} name={h.pleaseLogin} hint={h.pleaseLoginHint} />
        ) : state.status === 'unknown' ? (
          <div className="home-account" role="alert">
            <span className="home-account-text">
              <span className="home-account-hint">{state.message}</span>
            </span>
            <button type="button" className="button button-ghost" onClick={() => void auth.refresh()}>
              {ui.app.retry}
            </button>
          </div>
        ) : (
          <div className="home-account" aria-busy="true">
            <span className="avatar" aria-hidden="true">
              <Icon name="user" />
            </span>
            <span className="home-account-hint">{ui.app.loading}</span>
          </div>
        )}

        <Link to={loggedIn ? paths.scan : loginPath(paths.scan)} className="home-scan">
          <Icon name="scan" className="home-scan-icon" />
          <span className="home-scan-text">
            <span className="home-scan-label">{h.scan}</span>
            <span className="home-scan-hint">{h.scanHint}</span>
          </span>
        </Link>
      </section>

      <Card titleId="howto-title" title={h.howToTitle}>
        <ol className="steps-list">
          {h.howToSteps.map((step, index) => (
            <li key={step}>
              <span className="steps-number" aria-hidden="true">
                {index + 1}
              </span>
              <span>{step}</span>
            </li>
          ))}
        </ol>
      </Card>
    </Screen>
  );
}

/** The person's row at the top (who is logged in, or 请登录), a link with the avatar. */
function AccountLink({ to, name, hint, children }: { to: string; name: ReactNode; hint: string; children?: ReactNode }) {
  return (
    <Link to={to} className="home-account">
      <span className="avatar" aria-hidden="true">
        <Icon name="user" />
      </span>
      <span className="home-account-text">
        <span className="home-account-name">{name}</span>
        <span className="home-account-hint">{hint}</span>
      </span>
      {children}
      <Icon name="chevronRight" className="home-account-chevron" />
    </Link>
  );
}
