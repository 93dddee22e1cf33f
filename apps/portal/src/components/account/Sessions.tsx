import { ui } from '@uia/i18n';
import { endpoints, type AppSession, type BrowserSession } from '../../api.ts';
import { beijingMinute } from '../../entities.ts';
import { fill } from '../../text.ts';
import { ChangeAlerts } from './ChangeAlerts.tsx';
import { LoadState } from './LoadState.tsx';
import { Fact, Section } from './Section.tsx';
import { useListChange } from './useListChange.ts';
import { useLoad } from './useLoad.ts';

const a = ui.account;

const loadSessions = () => endpoints.accountSessions();

/** "Chrome 126 · Windows 10", as the person recognises a browser. */
function browserName(session: BrowserSession): string {
  return [session.browser ?? a.unknownBrowser, session.os].filter(Boolean).join(' · ');
}

/**
 * 登录设备与会话: the person's browsers (this one first, marked) and app
 * sessions, each with 退出, and 全部退出 for all but this browser. The list
 * reloads after each change; one change at a time.
 */
export function Sessions() {
  const [list, reload] = useLoad(loadSessions);
  const { notice, error, busy: ending, change } = useListChange(list, reload);

  const endOne = (id: string, device: string) =>
    change(id, fill(a.endOneConfirm, { device }), async () => {
      await endpoints.endSession(id);
      return fill(a.endedOne, { device });
    });

  const endOthers = () =>
    change('others', a.endOthersConfirm, async () => {
      const ended = await endpoints.endOtherSessions();
      return fill(a.endedOthers, { browsers: ended.browsers, apps: ended.apps });
    });

  return (
    <Section id="sessions" title={a.sessionsTitle}>
      <p className="section-intro">{a.sessionsIntro}</p>
      <ChangeAlerts notice={notice} error={error} />
      {list.kind !== 'ready' ? (
        <LoadState state={list} onRetry={reload} />
      ) : (
        <>
          <h3 id="sessions-browsers-title" className="session-group-title">
            {a.browsersTitle}
          </h3>
          <ul className="session-list" aria-labelledby="sessions-browsers-title">
            {list.data.browsers.map((session) => (
              <BrowserItem key={session.id} session={session} busy={ending} onEnd={() => void endOne(session.id, browserName(session))} />
            ))}
          </ul>
          <h3 id="sessions-apps-title" className="session-group-title">
            {a.appsTitle}
          </h3>
          {list.data.apps.length === 0 ? (
            <p className="account-empty">{a.appsEmpty}</p>
          ) : (
            <ul className="session-list" aria-labelledby="sessions-apps-title">
              {list.data.apps.map((session) => (
                <AppItem key={session.id} session={session} busy={ending} onEnd={() => void endOne(session.id, session.device)} />
              ))}
            </ul>
          )}
          <div className="session-actions">
            <button
              type="button"
              className="button button-outline button-small"
              onClick={() => void endOthers()}
              disabled={ending !== null || (list.data.browsers.every((session) => session.current) && list.data.apps.length === 0)}
              aria-busy={ending?.id === 'others' || undefined}
            >
              {ending?.id === 'others' ? a.ending : a.endOthers}
            </button>
            <span className="session-actions-hint">{a.endOthersHint}</span>
          </div>
        </>
      )}
    </Section>
  );
}

type Busy = { id: string } | null;

function EndButton({ id, device, busy, onEnd }: { id: string; device: string; busy: Busy; onEnd: () => void }) {
  return (
    <button
      type="button"
      className="button button-outline button-small session-end"
      aria-label={fill(a.endOneLabel, { device })}
      disabled={busy !== null}
      aria-busy={busy?.id === id || undefined}
      onClick={onEnd}
    >
      {busy?.id === id ? a.ending : a.endOne}
    </button>
  );
}

function BrowserItem({ session, busy, onEnd }: { session: BrowserSession; busy: Busy; onEnd: () => void }) {
  const name = browserName(session);
  return (
    <li className="session-item">
      <div className="session-main">
        <p className="session-name">
          {name}
          {session.current && <span className="status-tag status-active">{a.thisBrowser}</span>}
          {session.entityLogin && <span className="status-tag status-expired">{a.entityLoginTag}</span>}
        </p>
        <dl className="facts facts-compact">
          <Fact term={a.placeLabel}>{session.place ?? a.placeUnknown}</Fact>
          <Fact term={a.loginAtLabel}>{beijingMinute(session.loginAt)}</Fact>
          <Fact term={a.lastUsedLabel}>{beijingMinute(session.lastUsedAt)}</Fact>
          <Fact term={a.servicesLabel}>{session.services.length ? session.services.map((service) => service.name).join('、') : a.servicesNone}</Fact>
        </dl>
      </div>
      {!session.current && <EndButton id={session.id} device={name} busy={busy} onEnd={onEnd} />}
    </li>
  );
}

function AppItem({ session, busy, onEnd }: { session: AppSession; busy: Busy; onEnd: () => void }) {
  return (
    <li className="session-item">
      <div className="session-main">
        <p className="session-name">{session.device}</p>
        <dl className="facts facts-compact">
          <Fact term={a.loginAtLabel}>{beijingMinute(session.createdAt)}</Fact>
          <Fact term={a.appValidUntil}>{beijingMinute(session.expiresAt)}</Fact>
        </dl>
      </div>
      <EndButton id={session.id} device={session.device} busy={busy} onEnd={onEnd} />
    </li>
  );
}
