import { type AccountSessionList, type BrowserSession } from '@uia/schemas';
import { AppError } from '../../errors.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { ClientRepository } from '../../ports/client-repository.ts';
import type { PlatformSession, PlatformSessions } from '../../ports/session-terminator.ts';
import type { AppSessions } from '../app-sessions/app-sessions.ts';
import { auditedStep } from '../audited-step.ts';
import { isBuiltinClient } from '../clients/builtin-clients.ts';
import type { SessionActivity } from '../platform-sessions/session-lifetime.ts';
import type { UserCenterSessions } from './user-center-sessions.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';

/** Public ids of the page: `pc.<Session uid>` for a browser, `app.<app session id>` for the phone app. */
const PC = 'pc.';
const APP = 'app.';

export interface SessionsRequestContext {
  ip: string;
  userAgent?: string;
}

/**
 * 登录设备与会话 of the user center: the person's browser (platform)
 * sessions with their browser, OS, place, last use and services; their app
 * sessions; 退出 for one and 全部退出 for all but the browser viewing the
 * page. Ending a browser session closes the user center it opened and tells its services by back-channel logout
 * (the SessionTerminator every other "end sessions" path uses). Audited as
 * `session.end` / `session.end_others`, the person as actor.
 */
export class AccountSessions {
  constructor(
    private readonly deps: {
      sessions: PlatformSessions;
      activity: SessionActivity;
      appSessions: AppSessions;
      clients: ClientRepository;
      userCenterSessions: UserCenterSessions;
      audit: AuditLog;
    },
  ) {}

  /** `currentUid`: the platform session of the browser asking (null when it has none). */
  async list(personId: string, currentUid: string | null): Promise<AccountSessionList> {
    const [platform, apps, services] = await Promise.all([this.deps.sessions.platformSessions(personId), this.deps.appSessions.list(personId), this.deps.clients.listServices()]);
    const names = new Map(services.map((service) => [service.clientId, service.clientName]));
    const browsers = await Promise.all(platform.map((session) => this.browserView(session, personId, currentUid, names)));
    // This browser first, then the most recently used.
    browsers.sort((a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt.localeCompare(a.lastUsedAt));
    return {
      browsers,
      apps: apps.map((session) => ({
        id: APP + session.id,
        device: session.device,
        createdAt: new Date(session.createdAt).toISOString(),
        expiresAt: new Date(session.expiresAt).toISOString(),
      })),
    };
  }

  /** 退出 for one session (not the browser's own: that is 退出登录). */
  async end(personId: string, id: string, currentUid: string | null, context: SessionsRequestContext) {
    return auditedStep(this.deps.audit, { type: AUDIT_EVENT_TYPES.sessionEnd, ...context }, async (note) => {
      note.accountId = personId;
      if (id.startsWith(PC)) {
        const uid = id.slice(PC.length);
        note.detail = { kind: 'browser', sessionUid: uid };
        if (uid === currentUid) throw new AppError('SESSION_IS_CURRENT');
        const session = (await this.deps.sessions.platformSessions(personId)).find((listed) => listed.uid === uid);
        if (!session || !(await this.endBrowser(personId, session))) throw new AppError('SESSION_NOT_FOUND');
        note.detail.signedOutServices = session.services.length;
      } else if (id.startsWith(APP)) {
        note.detail = { kind: 'app', appSessionId: id.slice(APP.length) };
        if (!(await this.deps.appSessions.revoke(id.slice(APP.length), personId))) throw new AppError('SESSION_NOT_FOUND');
      } else {
        throw new AppError('SESSION_NOT_FOUND');
      }
      return { ended: true as const };
    });
  }

  /** 全部退出: every session of the person but the browser's own, app sessions included. */
  async endOthers(personId: string, currentUid: string | null, context: SessionsRequestContext) {
    return auditedStep(this.deps.audit, { type: AUDIT_EVENT_TYPES.sessionEndOthers, ...context }, async (note) => {
      note.accountId = personId;
      const [platform, apps] = await Promise.all([this.deps.sessions.platformSessions(personId), this.deps.appSessions.list(personId)]);
      let browsers = 0;
      let signedOutServices = 0;
      for (const session of platform) {
        if (session.uid === currentUid) continue;
        // One that ended meanwhile (logged out, expired) is simply not counted.
        if (!(await this.endBrowser(personId, session))) continue;
        browsers += 1;
        signedOutServices += session.services.length;
      }
      let appsEnded = 0;
      for (const session of apps) if (await this.deps.appSessions.revoke(session.id, personId)) appsEnded += 1;
      note.detail = { browsers, apps: appsEnded, signedOutServices };
      return { browsers, apps: appsEnded };
    });
  }

  /** Ends a browser session and tells its services; false when it was gone already. */
  private async endBrowser(personId: string, session: PlatformSession): Promise<boolean> {
    if (!(await this.deps.sessions.endPlatformSession(personId, session.uid))) return false;
    // Its browser loses the user center too (opened by that login), not only the services.
    await Promise.all([this.deps.activity.forget(session.uid), this.deps.userCenterSessions.closeForPlatformSession(session.uid)]);
    return true;
  }

  private async browserView(session: PlatformSession, personId: string, currentUid: string | null, names: Map<string, string>): Promise<BrowserSession> {
    const activity = await this.deps.activity.find(session.uid);
    const loginAt = session.loginTs * 1000;
    // The user center itself is not a service the person signed in to.
    const services = [...new Set(session.services.map((service) => service.clientId))]
      .filter((clientId) => !isBuiltinClient(clientId) && names.has(clientId))
      .map((clientId) => ({ id: clientId, name: names.get(clientId)! }));
    return {
      id: PC + session.uid,
      current: session.uid === currentUid,
      // Recorded by the first request after the login (SessionActivity); a record lost with an in-process store reads as unknown.
      browser: activity?.browser ?? null,
      os: activity?.os ?? null,
      place: activity?.place ?? null,
      loginAt: new Date(loginAt).toISOString(),
      lastUsedAt: new Date(activity?.lastUsedAt ?? loginAt).toISOString(),
      expiresAt: new Date(this.deps.activity.endsAt(session.loginTs)).toISOString(),
      entityLogin: session.sub !== personId,
      services,
    };
  }
}
