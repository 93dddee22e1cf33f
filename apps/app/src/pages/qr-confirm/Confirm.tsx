import { useCallback, useEffect, useState } from 'react';
import { formatMessage, ui } from '@uia/i18n';
import { ApiError, errorMessage, Link } from '@uia/web';
import { endpoints, type QrDetails, type QrEntity } from '../../api.ts';
import { Icon } from '../../components/Icons.tsx';
import { ErrorAlert, ResultPanel, Screen } from '../../components/Layout.tsx';
import { beijingTime, fill } from '../../format.ts';
import { paths } from '../../router.ts';
import { useAuth } from '../../state.tsx';
import { EntityPicker } from './EntityPicker.tsx';

const c = ui.app.confirm;

type State = { name: 'loading' } | { name: 'ready'; details: QrDetails; deadline: number } | { name: 'confirmed' } | { name: 'cancelled' } | { name: 'failed'; code: string; message: string };

/**
 * The codes after which this QR is of no more use: scan a fresh one. Any
 * other refusal, QR_ASSURANCE_TOO_LOW, QR_FACE_REQUIRED and QR_REAUTH_REQUIRED included, leaves
 * the QR scanned and shows its message here (log in again, then rescan).
 */
const FINAL_CODES = new Set(['QR_EXPIRED', 'QR_ALREADY_USED', 'QR_TAKEN_BY_OTHER', 'NOT_FOUND']);

/** A 法人登录 QR: the entities the person may act for at this service ([] when none), or null for a personal QR. */
function entityChoices(details: QrDetails): QrEntity[] | null {
  if (details.loginType !== 'entity') return null;
  return Array.isArray(details.entities) ? details.entities.filter((e) => e && typeof e.id === 'string' && e.id !== '') : [];
}

/** The scanned QR's request: its details, 确认登录 / 取消, and what came of it. */
export function Confirm({ id }: { id: string }) {
  const [state, setState] = useState<State>({ name: 'loading' });
  const [busy, setBusy] = useState<'confirm' | 'cancel' | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  /** 法人登录: the entity chosen in 选择登录单位 (preselected when there is only one). */
  const [entityId, setEntityId] = useState<string | null>(null);

  const { loggedOut } = useAuth();

  // Stable (loggedOut is), so the scan below runs once per QR id: a scan is a POST.
  const fail = useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.code === 'APP_LOGIN_REQUIRED') {
        loggedOut();
        return;
      }
      const code = error instanceof ApiError ? error.code : 'INTERNAL_ERROR';
      setState({ name: 'failed', code, message: errorMessage(error) });
    },
    [loggedOut],
  );

  useEffect(() => {
    let live = true;
    endpoints.qrScan(id).then(
      (details) => {
        if (!live) return;
        const seconds = typeof details.expiresIn === 'number' && details.expiresIn > 0 ? details.expiresIn : 0;
        const at = Date.now();
        setNow(at);
        const entities = entityChoices(details);
        setEntityId(entities?.length === 1 ? entities[0]!.id : null);
        setState({ name: 'ready', details, deadline: at + seconds * 1000 });
      },
      (error: unknown) => {
        if (live) fail(error);
      },
    );
    return () => {
      live = false;
    };
  }, [id, fail]);

  const ready = state.name === 'ready';
  useEffect(() => {
    if (!ready) return;
    const timer = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(timer);
  }, [ready]);

  const secondsLeft = state.name === 'ready' ? Math.max(0, Math.ceil((state.deadline - now) / 1000)) : 0;
  const expired = state.name === 'ready' && secondsLeft === 0;

  const entities = state.name === 'ready' ? entityChoices(state.details) : null;

  async function act(kind: 'confirm' | 'cancel') {
    if (busy) return;
    // An entity QR is confirmed for the chosen entity only (the button is disabled until then).
    if (kind === 'confirm' && entities && !entities.some((e) => e.id === entityId)) return;
    setBusy(kind);
    setActionError(null);
    try {
      if (kind === 'confirm') await (entities && entityId ? endpoints.qrConfirm(id, { entityId }) : endpoints.qrConfirm(id));
      else await endpoints.qrCancel(id);
      setState(kind === 'confirm' ? { name: 'confirmed' } : { name: 'cancelled' });
    } catch (error: unknown) {
      if (error instanceof ApiError && (FINAL_CODES.has(error.code) || error.code === 'APP_LOGIN_REQUIRED')) fail(error);
      else setActionError(errorMessage(error));
    } finally {
      setBusy(null);
    }
  }

  const scanAgain = (
    <Link to={paths.scan} className="button button-primary button-block button-large" replace>
      {c.scanAgain}
    </Link>
  );
  const home = (
    <Link to={paths.home} className="button button-outline button-block" replace>
      {ui.app.homeLink}
    </Link>
  );

  let content;
  if (state.name === 'loading') {
    content = (
      <p className="page-loading" aria-busy="true">
        {c.loading}
      </p>
    );
  } else if (state.name === 'confirmed') {
    content = (
      <ResultPanel tone="success" title={c.confirmedTitle} actions={home}>
        <p>{c.confirmedText}</p>
      </ResultPanel>
    );
  } else if (state.name === 'cancelled') {
    content = (
      <ResultPanel tone="info" title={c.cancelledTitle} actions={home}>
        <p>{c.cancelledText}</p>
      </ResultPanel>
    );
  } else if (state.name === 'failed' || expired) {
    const isExpired = expired || (state.name === 'failed' && state.code === 'QR_EXPIRED');
    content = (
      <ResultPanel
        tone="error"
        title={isExpired ? c.expiredTitle : c.failedTitle}
        actions={
          <>
            {scanAgain}
            {home}
          </>
        }
      >
        <p>{state.name === 'failed' ? state.message : formatMessage('QR_EXPIRED')}</p>
      </ResultPanel>
    );
  } else {
    const { details } = state;
    const client = details.client?.name?.trim() || c.defaultClient;
    const r = details.requester;
    const rows: [string, string][] = [
      [c.serviceLabel, client],
      [c.browserLabel, r?.browser || c.unknown],
      [c.osLabel, r?.os || c.unknown],
      [c.ipLabel, r?.ip || c.unknown],
      [c.placeLabel, r?.place || c.unknown],
      [c.timeLabel, beijingTime(details.requestedAt)],
    ];
    if (entities) rows.splice(1, 0, [c.loginTypeLabel, c.entityLoginType]);
    const canConfirm = entities === null || entities.length > 0;
    const chosen = entities === null || entities.some((e) => e.id === entityId);
    content = (
      <section className="confirm" aria-labelledby="confirm-title">
        <div className="confirm-head">
          <span className="confirm-icon" aria-hidden="true">
            <Icon name="computer" />
          </span>
          <h2 id="confirm-title" className="confirm-title">
            {fill(c.requestBy, { client })}
          </h2>
        </div>
        <dl className="details">
          {rows.map(([label, value]) => (
            <div className="details-row" key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {entities && entities.length > 0 && (
          <EntityPicker
            entities={entities}
            chosen={entityId}
            disabled={busy !== null}
            onChoose={(entity) => {
              setEntityId(entity);
              setActionError(null);
            }}
          />
        )}
        {canConfirm ? (
          <p className="notice notice-warning">{entities ? c.entityWarning : c.warning}</p>
        ) : (
          <p className="notice notice-warning entity-none" role="status">
            {c.entityNone}
          </p>
        )}
        <p className="confirm-expiry" aria-live="off">
          {fill(c.expiresIn, { seconds: secondsLeft })}
        </p>
        <ErrorAlert message={actionError} />
        <div className="confirm-actions">
          {canConfirm && (
            <button type="button" className="button button-primary button-block button-large" onClick={() => void act('confirm')} disabled={busy !== null || !chosen} aria-busy={busy === 'confirm'}>
              {busy === 'confirm' ? c.confirming : c.confirm}
            </button>
          )}
          <button
            type="button"
            className={`button ${canConfirm ? 'button-plain' : 'button-outline'} button-block button-large`}
            onClick={() => void act('cancel')}
            disabled={busy !== null}
            aria-busy={busy === 'cancel'}
          >
            {busy === 'cancel' ? c.cancelling : c.cancel}
          </button>
        </div>
      </section>
    );
  }

  return (
    <Screen title={c.pageTitle} back={paths.home}>
      {content}
    </Screen>
  );
}
