import type Provider from 'oidc-provider';
import type { OidcModelStore } from '../ports/oidc-model-store.ts';
import type { SessionTerminator, SignedInService } from '../ports/session-terminator.ts';

interface SessionAuthorizations {
  authorizations?: Record<string, { sid?: string; grantId?: string }>;
}

interface BackchannelClient {
  backchannelLogout(sub: string, sid: string | undefined): Promise<void>;
}

/** SessionTerminator over oidc-provider: sessions from the durable model store, logout tokens by the library. */
export class OidcSessionTerminator implements SessionTerminator {
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
    const bySession = sessions.flatMap((session) =>
      Object.entries((session.payload as SessionAuthorizations).authorizations ?? {}).flatMap(([clientId, authorization]) =>
        authorization.sid ? [{ clientId, sid: authorization.sid, grantId: authorization.grantId ?? null, sub: String(session.payload.accountId ?? accountId) }] : [],
      ),
    );
    const services: SignedInService[] = [...bySession];
    // A person may hold several grants at one service (their own, and one per entity they
    // acted for), each known there by its own subject: every grant no live session covers is told.
    const covered = new Set(bySession.map((service) => service.grantId));
    const told = new Set(bySession.map((service) => `${service.clientId}\u0000${service.sub}`));
    for (const grant of grants) {
      const clientId = String(grant.payload.clientId);
      const sub = String(grant.payload.accountId ?? accountId);
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
}
