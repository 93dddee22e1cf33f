import { useCallback, useEffect, useRef, useState } from 'react';
import { ui } from '@uia/i18n';
import { ApiError, errorMessage, navigate } from '@uia/web';
import type { CompanionApp } from '@uia/schemas';
import { endpoints, parseQrStatus, startInteraction, type LoginType, type QrChallenge, type QrStatus } from '../api.ts';
import { loginPath } from '../router.ts';
import { fill } from '../text.ts';
import { CompanionAppHelp } from './companion-app/CompanionAppHelp.tsx';
import { OpenInApp } from './companion-app/OpenInApp.tsx';
import { QrCountdown, useCareQrRenewal } from './QrCountdown.tsx';

/**
 * What the panel shows. `live` is a QR on screen with the last status the
 * server pushed; `completing` once `confirmed` arrived and the one-time
 * completion is under way (the page then leaves for the relying party).
 */
type View = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'live'; qr: QrChallenge; status: QrStatus; person: string | null; completing: boolean; error: string | null };

const FINAL: ReadonlySet<QrStatus> = new Set(['confirmed', 'cancelled', 'expired']);

/** Who scanned (masked name, e.g. 张*), sent with `scanned` and `confirmed`; null when absent. */
function personOf(data: unknown): string | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(data);
    const person = parsed && typeof parsed === 'object' && 'person' in parsed ? parsed.person : null;
    return typeof person === 'string' && person ? person : null;
  } catch {
    return null;
  }
}

/**
 * Manual reconnects after the browser gave up on the stream (an error answer;
 * network errors it retries by itself): 2 s, doubling up to 30 s, until the
 * QR's own expiry ends the wait.
 */
const RECONNECT_FIRST_MS = 2_000;
const RECONNECT_MAX_MS = 30_000;
/** The server is the judge of expiry; the page only stops waiting a moment after it. */
const EXPIRY_GRACE_MS = 2_000;

// `pending` names the app (or, on a phone, where to confirm): see `pendingText` below.
const statusText: Record<Exclude<QrStatus, 'pending'>, string> = {
  scanned: ui.qrLogin.statusScanned,
  confirmed: ui.qrLogin.statusConfirmed,
  cancelled: ui.qrLogin.statusCancelled,
  expired: ui.qrLogin.statusExpired,
};

/**
 * 扫码登录 on the PC (manual 一.3): shows a QR code of this login interaction
 * and follows its status through Server-Sent Events. `confirmed` (the person
 * tapped 确认登录 in the app) completes the login here, in the browser that
 * showed the QR, and continues to the relying party.
 */
export function QrLogin({
  uid,
  loginType = 'personal',
  note,
  app,
  onPhone,
  onExpired,
}: {
  uid: string | null;
  /** 法人登录: the person picks, in the app, the entity to act for. */
  loginType?: LoginType;
  /** Shown above the QR (e.g. the service demands 实人认证). */
  note?: string | null;
  /** The companion app: named in the panel, with 如何获取App. */
  app: CompanionApp;
  /** A phone's browser: 在手机App中打开 instead of a QR it cannot scan. */
  onPhone: boolean;
  /** The login interaction itself has expired (LOGIN_REQUEST_EXPIRED). */
  onExpired: (message: string) => void;
}) {
  const [view, setView] = useState<View>({ kind: 'loading' });
  // Bumped by 刷新: a new QR (and a new stream) each time.
  const [attempt, setAttempt] = useState(0);
  const onExpiredRef = useRef(onExpired);
  onExpiredRef.current = onExpired;

  useEffect(() => {
    let live = true;
    let source: EventSource | null = null;
    let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
    let expiryTimer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    let reconnectDelay = RECONNECT_FIRST_MS;

    function stop() {
      settled = true;
      source?.close();
      source = null;
      clearTimeout(reconnectTimer);
      clearTimeout(expiryTimer);
    }

    function update(patch: Partial<Extract<View, { kind: 'live' }>>) {
      setView((current) => (current.kind === 'live' ? { ...current, ...patch } : current));
    }

    async function complete(interaction: string, qr: QrChallenge) {
      try {
        const { redirectTo } = await endpoints.completeQr(interaction, qr.id);
        if (!live) return;
        window.location.assign(redirectTo);
        // Stay on 登录成功 while the browser leaves the page.
      } catch (error: unknown) {
        if (!live) return;
        const code = error instanceof ApiError ? error.code : '';
        if (code === 'LOGIN_REQUEST_EXPIRED') onExpiredRef.current(errorMessage(error));
        else if (code === 'QR_EXPIRED') update({ status: 'expired', completing: false });
        else update({ completing: false, error: errorMessage(error) });
      }
    }

    function onStatus(interaction: string, qr: QrChallenge, status: QrStatus, person: string | null = null) {
      if (!live || settled) return;
      if (FINAL.has(status)) stop();
      update({ status, person, completing: status === 'confirmed', error: null });
      if (status === 'confirmed') void complete(interaction, qr);
    }

    function listen(interaction: string, qr: QrChallenge) {
      if (!live || settled) return;
      const stream = new EventSource(endpoints.qrEventsUrl(interaction, qr.id));
      source = stream;
      stream.onopen = () => {
        reconnectDelay = RECONNECT_FIRST_MS;
      };
      stream.addEventListener('status', (event) => {
        const data: unknown = event.data;
        const status = parseQrStatus(data);
        if (status) onStatus(interaction, qr, status, personOf(data));
      });
      stream.onerror = () => {
        // CONNECTING: the browser reconnects by itself. CLOSED: it gave up
        // (an error answer); try again later. Either way the last state stays.
        if (stream.readyState !== EventSource.CLOSED || !live || settled) return;
        stream.close();
        clearTimeout(reconnectTimer);
        reconnectTimer = setTimeout(() => listen(interaction, qr), reconnectDelay);
        reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_MS);
      };
    }

    setView({ kind: 'loading' });
    void (async () => {
      let interaction = uid;
      if (!interaction) {
        // The portal opened at `/`: start a login for the platform itself.
        // The page then shows /interaction/<uid> and this effect runs again.
        interaction = await startInteraction();
        if (!live) return;
        if (interaction) navigate(loginPath(interaction), { replace: true });
        else setView({ kind: 'failed', message: ui.site.serverError });
        return;
      }
      let qr: QrChallenge;
      try {
        qr = await endpoints.createQr(interaction, loginType);
      } catch (error: unknown) {
        if (!live) return;
        if (error instanceof ApiError && error.code === 'LOGIN_REQUEST_EXPIRED') onExpiredRef.current(error.message);
        else setView({ kind: 'failed', message: errorMessage(error) });
        return;
      }
      if (!live) return;
      setView({ kind: 'live', qr, status: 'pending', person: null, completing: false, error: null });
      expiryTimer = setTimeout(() => onStatus(interaction, qr, 'expired'), qr.expiresIn * 1000 + EXPIRY_GRACE_MS);
      listen(interaction, qr);
    })();

    return () => {
      live = false;
      stop();
    };
  }, [uid, loginType, attempt]);

  const refresh = useCallback(() => setAttempt((n) => n + 1), []);
  useCareQrRenewal(view.kind === 'live' && view.status === 'expired' ? view.qr.id : null, refresh);

  let overlay: string | null = null;
  // Expired / cancelled: the overlay says what the status line would.
  let covered = false;
  let status: string;
  let tone: string;
  if (view.kind === 'loading') {
    status = ui.qrLogin.loading;
    tone = 'muted';
  } else if (view.kind === 'failed') {
    status = view.message;
    overlay = ui.qrLogin.overlayFailed;
    tone = 'error';
  } else if (view.error) {
    status = view.error;
    overlay = ui.qrLogin.overlayFailed;
    tone = 'error';
  } else {
    status = view.status === 'pending' ? pendingText(app, onPhone) : statusText[view.status];
    if (view.status === 'expired') overlay = ui.qrLogin.overlayExpired;
    if (view.status === 'cancelled') overlay = ui.qrLogin.overlayCancelled;
    covered = overlay !== null;
    tone = view.status;
  }
  const qr = view.kind === 'live' ? view.qr : null;
  const scanned = view.kind === 'live' && !view.error && (view.status === 'scanned' || view.status === 'confirmed');
  const completing = view.kind === 'live' && view.completing;
  // Who scanned, so a person whose QR someone else scanned notices before anyone confirms.
  const person = scanned && view.kind === 'live' ? view.person : null;
  const forEntity = loginType === 'entity';
  const hint = completing
    ? ui.qrLogin.redirecting
    : view.kind === 'live' && view.status === 'scanned' && !view.error
      ? forEntity
        ? ui.login.entityQrScannedHint
        : ui.qrLogin.scannedHint
      : onPhone
        ? ui.companionApp.phoneHint
        : fill(forEntity ? ui.login.entityQrHint : ui.qrLogin.hint, { app: app.name });

  return (
    <div className={`qr-login${onPhone ? ' is-on-phone' : ''}`} data-qr-status={view.kind === 'live' ? view.status : view.kind}>
      {note && (
        <p className="alert alert-info qr-note" data-testid="qr-note">
          {note}
        </p>
      )}
      <div className={`qr-frame${overlay ? ' is-dimmed' : ''}`}>
        {qr && !onPhone ? (
          <img className="qr-image" src={qr.image} alt={fill(ui.qrLogin.imageAlt, { app: app.name })} width={184} height={184} data-qr-id={qr.id} />
        ) : qr && !overlay ? (
          <OpenInApp url={qr.qrUrl} />
        ) : (
          <span className="qr-placeholder" aria-hidden="true" />
        )}
        {scanned && (
          <span className="qr-badge" aria-hidden="true">
            <svg viewBox="0 0 48 48" focusable="false">
              <circle cx="24" cy="24" r="22" />
              <path d="m14 24.5 7 7 13-14" />
            </svg>
          </span>
        )}
        {overlay && (
          <button type="button" className="qr-overlay" onClick={refresh}>
            <svg className="qr-overlay-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d="M21 4v6h-6" />
              <path d="M19.5 15a8 8 0 1 1-1.9-8.3L21 10" />
            </svg>
            <span>{overlay}</span>
          </button>
        )}
      </div>
      {/* The status, announced as it changes. When the overlay on the QR
          already says it (失效 / 已取消), only screen readers get
          the line, so it is not shown twice. */}
      <p className={`qr-status qr-status-${tone}${covered ? ' visually-hidden' : ''}`} role="status" aria-live="polite" aria-atomic="true">
        {status}
      </p>
      {view.kind === 'live' && !view.error && (view.status === 'pending' || view.status === 'scanned') && <QrCountdown key={view.qr.id} expiresIn={view.qr.expiresIn} />}
      {person && (
        <p className="qr-person" data-testid="qr-person">
          {ui.qrLogin.scannedBy}
          {person}
        </p>
      )}
      <p className={`qr-hint${covered ? ' is-after-overlay' : ''}`}>
        {!completing && (
          <svg className="qr-hint-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M4 8V5a1 1 0 0 1 1-1h3M16 4h3a1 1 0 0 1 1 1v3M20 16v3a1 1 0 0 1-1 1h-3M8 20H5a1 1 0 0 1-1-1v-3M4 12h16" />
          </svg>
        )}
        {hint}
      </p>
      <CompanionAppHelp app={app} />
    </div>
  );
}

/** `pending`: which app to scan with, or, on a phone, where to confirm. */
function pendingText(app: CompanionApp, onPhone: boolean): string {
  return fill(onPhone ? ui.companionApp.phonePending : ui.qrLogin.statusPending, { app: app.name });
}
