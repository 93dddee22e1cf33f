import { useEffect, useState, type ReactNode } from 'react';
import { ui } from '@uia/i18n';
import { CareModeSwitch, goBack, Link } from '@uia/web';
import { paths } from '../router.ts';
import { useSite } from '../state.tsx';
import { Icon } from './Icons.tsx';

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine !== false);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine !== false);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** The yellow 演示 strip on every screen in demo mode, and a notice while offline. */
export function DemoBanner() {
  const site = useSite();
  const online = useOnline();
  if (!site.demo && online) return null;
  // A landmark of its own: every part of the screen belongs to one.
  return (
    <aside className="screen-notices" aria-label={ui.app.noticesLabel}>
      {site.demo && (
        <div className="demo-banner" role="note">
          <span className="demo-badge">{ui.app.demoBadge}</span>
          <span>{ui.app.demoBanner}</span>
        </div>
      )}
      {!online && (
        <div className="offline-banner" role="status">
          {ui.app.offline}
        </div>
      )}
    </aside>
  );
}

/** A 演示 badge next to a simulated service's name. */
export function DemoBadge() {
  const site = useSite();
  return site.demo ? <span className="demo-badge">{ui.app.demoBadge}</span> : null;
}

/**
 * One screen: the top bar (back button, title, an action on the right), the
 * content, and on the two main screens the bottom tab bar.
 */
export function Screen({
  title,
  back,
  action,
  tab,
  variant = 'plain',
  children,
}: {
  title?: string;
  /** Where the back button goes when there is no app page to go back to. */
  back?: string;
  action?: ReactNode;
  tab?: 'home' | 'me';
  variant?: 'plain' | 'dark';
  children: ReactNode;
}) {
  return (
    <div className={`screen screen-${variant}${tab ? ' has-tabbar' : ''}`}>
      <DemoBanner />
      {title !== undefined ? (
        <header className="app-bar">
          <div className="app-bar-side">
            {back && (
              <button type="button" className="icon-button" aria-label={ui.app.back} onClick={() => goBack(back)}>
                <Icon name="back" />
              </button>
            )}
          </div>
          <h1 className="app-bar-title">{title}</h1>
          <div className="app-bar-side app-bar-side-end">
            <CareModeSwitch className="care-switch" />
            {action}
          </div>
        </header>
      ) : (
        <header className="app-bar app-bar-bare">
          <CareModeSwitch className="care-switch" />
        </header>
      )}
      <main id="main" className="screen-main">
        {children}
      </main>
      {tab && <TabBar current={tab} />}
    </div>
  );
}

function TabBar({ current }: { current: 'home' | 'me' }) {
  return (
    <nav className="tab-bar" aria-label={ui.app.tabs.label}>
      <Link to={paths.home} className={current === 'home' ? 'tab-item is-current' : 'tab-item'} aria-current={current === 'home' ? 'page' : undefined}>
        <Icon name="home" />
        <span>{ui.app.tabs.home}</span>
      </Link>
      <Link to={paths.me} className={current === 'me' ? 'tab-item is-current' : 'tab-item'} aria-current={current === 'me' ? 'page' : undefined}>
        <Icon name="user" />
        <span>{ui.app.tabs.me}</span>
      </Link>
    </nav>
  );
}

/** A card with a heading (`<h2 id={titleId}>`) that labels it. */
export function Card({ titleId, title, children }: { titleId: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId} className="card-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A centred result/notice block: icon, title, text, actions. */
export function ResultPanel({ tone, title, children, actions }: { tone: 'success' | 'error' | 'info'; title: string; children?: ReactNode; actions?: ReactNode }) {
  return (
    <section className={`result result-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className="result-icon" aria-hidden="true">
        {tone === 'success' ? <CheckMark /> : <Exclaim />}
      </div>
      <h2 className="result-title">{title}</h2>
      {children && <div className="result-text">{children}</div>}
      {actions && <div className="result-actions">{actions}</div>}
    </section>
  );
}

function CheckMark() {
  return (
    <svg viewBox="0 0 48 48" focusable="false">
      <circle cx="24" cy="24" r="22" fill="currentColor" />
      <path d="m14 24.5 7 7 13-14" fill="none" stroke="#fff" strokeWidth="3.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function Exclaim() {
  return (
    <svg viewBox="0 0 48 48" focusable="false">
      <circle cx="24" cy="24" r="22" fill="currentColor" />
      <path d="M24 13v14" fill="none" stroke="#fff" strokeWidth="3.5" strokeLinecap="round" />
      <circle cx="24" cy="34" r="2.4" fill="#fff" />
    </svg>
  );
}

/** What went wrong with an action on the page (下线, 确认登录, …), announced when it appears. */
export function ErrorAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="alert alert-error" role="alert">
      {message}
    </p>
  );
}
