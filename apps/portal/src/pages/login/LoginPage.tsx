import { useEffect, useState } from 'react';
import { formatMessage, ui } from '@uia/i18n';
import { ApiError } from '@uia/web';
import type { CompanionApp, PlatformFeatures } from '@uia/schemas';
import { endpoints, loginTypesOf, PORTAL_CLIENT_ID, type LoginType } from '../../api.ts';
import { QrLogin } from '../../components/QrLogin.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { isPhoneBrowser } from '../../phone-browser.ts';
import { fill } from '../../text.ts';
import { AccountLoginForm } from './AccountLoginForm.tsx';

type Mode = 'qr' | 'account';

/**
 * The mode the person picked last in this browser tab, so that 返回登录 from
 * 忘记密码 or 立即注册 comes back to 账号登录 instead of the default 扫码登录.
 */
const MODE_KEY = 'uia.loginMode';

/** The mode picked last in this tab; else 扫码登录 (the manual's default), but 账号登录 on a phone, which cannot scan its own screen. */
function initialMode(onPhone: boolean): Mode {
  try {
    const picked = window.sessionStorage.getItem(MODE_KEY);
    if (picked === 'account' || picked === 'qr') return picked;
  } catch {
    /* storage disabled: the default */
  }
  return onPhone ? 'account' : 'qr';
}

function rememberMode(mode: Mode): void {
  try {
    window.sessionStorage.setItem(MODE_KEY, mode);
  } catch {
    /* storage disabled: the default is fine */
  }
}

export function LoginPage({ uid, features, companionApp }: { uid: string | null; features: PlatformFeatures; companionApp: CompanionApp }) {
  const [tab, setTab] = useState<LoginType>('personal');
  // What the device is does not change while the page is open.
  const [onPhone] = useState(isPhoneBrowser);
  // 扫码登录 is the manual's default (推荐); 账号登录 is one click away (and the default on a phone).
  const [mode, setMode] = useState<Mode>(() => initialMode(onPhone));
  const [clientName, setClientName] = useState<string | null>(null);
  // The tabs the relying party accepts; null until /details answered. The
  // portal's own login (no interaction yet) offers both, as its client does.
  // Kept while a new interaction's details load, so a form in use stays.
  const [loginTypes, setLoginTypes] = useState<LoginType[] | null>(uid ? null : ['personal', 'entity']);
  const [expired, setExpired] = useState<string | null>(null);
  // The relying party demands a level only 扫码登录 reaches (requiredAcr, or
  // a password login answered LOGIN_REQUIRES_QR): the note shown, else null.
  const [qrOnly, setQrOnly] = useState<string | null>(null);

  useEffect(() => {
    setClientName(null);
    setExpired(null);
    setQrOnly(null);
    if (!uid) return;
    let live = true;
    endpoints.interactionDetails(uid).then(
      (details) => {
        if (!live) return;
        // The portal's own login (opened at `/`) is for the platform itself: no 正在登录 line.
        if (details.client && typeof details.client.name === 'string' && details.client.id !== PORTAL_CLIENT_ID) {
          setClientName(details.client.name);
        }
        if (typeof details.requiredAcr === 'string' && details.requiredAcr) setQrOnly(ui.qrLogin.requiresQr);
        setLoginTypes(loginTypesOf(details));
      },
      (error: unknown) => {
        if (!live) return;
        setLoginTypes((known) => known ?? ['personal']);
        if (!(error instanceof ApiError)) return;
        // A login this deployment cannot offer ends here as an expired one does: the message, and the way back.
        if (error.code === 'LOGIN_REQUEST_EXPIRED' || error.code === 'ACR_LEVEL_UNAVAILABLE' || error.code === 'ENTITY_LOGIN_UNAVAILABLE') setExpired(error.message);
        else if (error.code === 'NOT_FOUND') setExpired(formatMessage('LOGIN_REQUEST_EXPIRED'));
      },
    );
    return () => {
      live = false;
    };
  }, [uid]);

  function chooseMode(next: Mode) {
    setMode(next);
    rememberMode(next);
  }

  // 个人登录 unless the relying party accepts only 法人登录.
  // Without a business registry there is no 法人登录 (the server drops it from an interaction's types too).
  const offeredTypes = loginTypes && (features.entityServices ? loginTypes : loginTypes.filter((type) => type !== 'entity'));
  const shownTab: LoginType | null = offeredTypes ? (offeredTypes.includes(tab) ? tab : (offeredTypes[0] ?? 'personal')) : null;
  const shownMode: Mode = qrOnly ? 'qr' : mode;

  const modes = [{ key: 'qr' as const, label: ui.login.modeQr, badge: ui.login.recommended }, ...(qrOnly ? [] : [{ key: 'account' as const, label: ui.login.modeAccount }])];

  return (
    <div className="container login-layout">
      <section className="intro" aria-labelledby="intro-heading">
        <h1 id="intro-heading" className="intro-heading">
          {ui.intro.heading}
        </h1>
        <p className="intro-text">{ui.intro.text}</p>
        <ul className="intro-points">
          {ui.intro.points.map((point) => (
            <li key={point}>{point}</li>
          ))}
        </ul>
      </section>

      <section className="login-card" aria-label={ui.login.pageTitle}>
        {clientName && (
          <p className="login-client" data-testid="login-client">
            {fill(ui.login.loggingInto, { client: clientName })}
          </p>
        )}
        {offeredTypes && shownTab ? (
          <>
            <Tabs
              idPrefix="login"
              label={ui.login.tabsLabel}
              className="login-tabs"
              items={offeredTypes.map((key) => ({ key, label: key === 'entity' ? ui.login.tabEntity : ui.login.tabPersonal }))}
              selected={shownTab}
              onSelect={setTab}
            />
            <div id="login-panel" role="tabpanel" aria-labelledby={`login-tab-${shownTab}`} className="login-panel">
              <Tabs idPrefix="mode" label={ui.login.modesLabel} className="mode-tabs" items={modes} selected={shownMode} onSelect={chooseMode} />
              {/* Keyed by the tab: switching 个人/法人 starts a fresh QR or form. */}
              <div key={shownTab} id="mode-panel" role="tabpanel" aria-labelledby={`mode-tab-${shownMode}`}>
                {expired ? (
                  <ExpiredNotice message={expired} />
                ) : shownMode === 'qr' ? (
                  <QrLogin uid={uid} loginType={shownTab} note={qrOnly} app={companionApp} onPhone={onPhone} onExpired={setExpired} />
                ) : (
                  <AccountLoginForm uid={uid} loginType={shownTab} onExpired={setExpired} onRequiresQr={setQrOnly} onChooseQr={() => chooseMode('qr')} />
                )}
              </div>
            </div>
          </>
        ) : (
          <div className="login-panel">
            <p className="login-loading" role="status">
              {ui.login.loading}
            </p>
          </div>
        )}
      </section>
    </div>
  );
}

function ExpiredNotice({ message }: { message: string }) {
  return (
    <div className="alert alert-error expired" role="alert">
      <p>{message}</p>
      <button type="button" className="link-button" onClick={() => window.history.back()}>
        {ui.login.expiredBack}
      </button>
    </div>
  );
}
