import type Provider from 'oidc-provider';
import type { OidcModelRecord, OidcModelStore } from '../ports/oidc-model-store.ts';
import type { PlatformSession, PlatformSessions, SessionTerminator, SignedInService } from '../ports/session-terminator.ts';

interface StoredSession {
  uid?: string;
  loginTs?: number;
  accountId?: string;
  authorizations?: Record<string, { sid?: string; grantId?: string }>;
}

/** The services one stored Session is signed in to, each known by its sid. */
function servicesOf(session: OidcModelRecord, accountId: string): SignedInService[] {
  const payload = session.payload as StoredSession;
  return Object.entries(payload.authorizations ?? {}).flatMap(([clientId, authorization]) =>
    authorization.sid ? [{ clientId, sid: authorization.sid, grantId: authorization.grantId ?? null, sub: String(payload.accountId ?? accountId) }] : [],
  );
}

interface BackchannelClient {
  backchannelLogout(sub: string, sid: string | undefined): Promise<void>;
}

/** SessionTerminator and PlatformSessions over oidc-provider: sessions from the durable model store, logout tokens by the library. */
export class OidcSessionTerminator implements SessionTerminator, PlatformSessions {
  constructor(
    private readonly deps: {
      provider: Provider;
      models: OidcModelStore;
      onError: (error: unknown, clientId: string) => void;
    },
  ) {}

  /**
   * Every live session's services, plus services that only hold a grant (their
   * platform session expired, but they may still have a session of their own
   * or a refresh token): those are told by `sub` alone.
   */
  async signedInServices(accountId: string): Promise<SignedInService[]> {
    const [sessions, grants] = await Promise.all([this.deps.models.findByAccount('Session', accountId), this.deps.models.findByAccount('Grant', accountId)]);
    const bySession = sessions.flatMap((session) => servicesOf(session, accountId));
    const services: SignedInService[] = [...bySession];
    // A person may hold several grants at one service (their own, and one per entity they
    // acted for), each known there by its own subject: every grant no live session covers is told.
    const covered = new Set(bySession.map((service) => service.grantId));
    const told = new Set(bySession.map((service) => `${service.clientId}\u0000${service.sub}`));
    for (const grant of grants) {
      const clientId = String(grant.payload.clientId);
      const sub = typeof grant.payload.accountId === 'string' ? grant.payload.accountId : accountId;
      if (covered.has(grant.id) || told.has(`${clientId}\u0000${sub}`)) continue;
      told.add(`${clientId}\u0000${sub}`);
      services.push({ clientId, sid: null, grantId: grant.id, sub });
    }
    return services;
  }

  async announceSignedOut(services: SignedInService[]): Promise<void> {
    const { provider } = this.deps;
    await Promise.all(
      services.map(async ({ clientId, sid, grantId, sub }) => {
        try {
          // Codes and access tokens live in the key-value store, indexed by grant.
          if (grantId) await provider.AccessToken.adapter.revokeByGrantId(grantId);
          const client = await provider.Client.find(clientId);
          // backchannelLogout(sub, sid) is oidc-provider's own (what end_session uses); @types lacks it.
          if (client?.backchannelLogoutUri) await (client as unknown as BackchannelClient).backchannelLogout(sub, sid ?? undefined);
        } catch (error) {
          this.deps.onError(error, clientId);
        }
      }),
    );
  }

  async platformSessions(accountId: string): Promise<PlatformSession[]> {
    const sessions = await this.deps.models.findByAccount('Session', accountId);
    return sessions.flatMap((session) => {
      const payload = session.payload as StoredSession;
      // A Session without login (never stored by oidc-provider for a person) has nothing to show.
      if (!payload.uid || payload.loginTs === undefined) return [];
      return [{ uid: payload.uid, sub: String(payload.accountId ?? accountId), loginTs: payload.loginTs, services: servicesOf(session, accountId) }];
    });
  }

  async endPlatformSession(accountId: string, uid: string): Promise<boolean> {
    const { models } = this.deps;
    // Only among the person's own sessions: another person's uid is "no such session".
    const session = (await models.findByAccount('Session', accountId)).find((record) => (record.payload as StoredSession).uid === uid);
    if (!session) return false;
    const services = servicesOf(session, accountId);
    await models.destroy('Session', session.id);
    // Each grant belongs to this session (provider.ts makes one per session and service): its refresh tokens and itself go.
    for (const { grantId } of services) {
      if (!grantId) continue;
      await models.revokeByGrantId(grantId);
      await models.destroy('Grant', grantId);
    }
    await this.announceSignedOut(services);
    return true;
  }
}
