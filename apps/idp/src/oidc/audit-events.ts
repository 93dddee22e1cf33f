import { errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { default as Provider } from 'oidc-provider';
import type { AuditEvent, AuditLog } from '../ports/audit-log.ts';
import { AUDIT_EVENT_TYPES } from '../services/audit-event-types.ts';
import { parseAccountId } from '../services/entities/acting-principal.ts';
import { clientAddress } from './client-address.ts';
import { CONSUMED_AT_ONCE } from './oidc-adapter.ts';

type ProviderAuditEvent = Omit<AuditEvent, 'ip' | 'userAgent' | 'clientId'>;

/**
 * oidc-provider's wording when a one-time grant source comes back (helpers/grant_source.js, grants/refresh_token.js):
 * it revokes the grant. Presented twice at once, the request that loses is refused by the store's consume and
 * revokes nothing (oidc-adapter.ts).
 */
const REPLAYED_TOKENS: Record<string, { token: string; grantRevoked: boolean }> = {
  'authorization code already consumed': { token: 'authorization_code', grantRevoked: true },
  'refresh token already used': { token: 'refresh_token', grantRevoked: true },
  [CONSUMED_AT_ONCE.AuthorizationCode]: { token: 'authorization_code', grantRevoked: false },
  [CONSUMED_AT_ONCE.RefreshToken]: { token: 'refresh_token', grantRevoked: false },
};

const accountOf = (accountId: string | undefined) => (accountId ? parseAccountId(accountId) : null);

/** The person (never the entity id as account) and, for an entity login, the entity as a fact. */
function principal(accountId: string | undefined): Pick<AuditEvent, 'accountId' | 'detail'> {
  const account = accountOf(accountId);
  return { accountId: account?.personId ?? null, detail: account?.entityId ? { entityId: account.entityId } : {} };
}

/** Wrong client credentials are client.auth's events (client-authentication.ts), not the grant's. */
const isClientAuthRefusal = (error: unknown): boolean => error instanceof errors.InvalidClientAuth || error instanceof errors.InvalidClient;

/**
 * Audits what oidc-provider decides on its own: refresh grants and their
 * refusals, a replayed code or refresh token (oidc-provider revokes the grant),
 * token revocation, and logout through end_session. Its events are emitted
 * synchronously; each request's events are written once the response is
 * settled, and a failed write is reported to `onRecordError` (logged), never
 * turned into an error answer: the decision has been made and answered.
 */
export function auditProviderDecisions(provider: Provider, audit: AuditLog, onRecordError: (error: unknown) => void) {
  const pending = new WeakMap<KoaContextWithOIDC, ProviderAuditEvent[]>();
  const note = (ctx: KoaContextWithOIDC, event: ProviderAuditEvent) => pending.set(ctx, [...(pending.get(ctx) ?? []), event]);
  const isRefresh = (ctx: KoaContextWithOIDC) => ctx.oidc?.params?.grant_type === 'refresh_token';

  provider.on('grant.success', (ctx: KoaContextWithOIDC) => {
    if (!isRefresh(ctx)) return;
    const { accountId, detail } = principal(ctx.oidc.entities.RefreshToken?.accountId);
    note(ctx, { type: AUDIT_EVENT_TYPES.tokenRefresh, outcome: 'success', accountId, detail });
  });
  provider.on('grant.error', (ctx: KoaContextWithOIDC, error: errors.OIDCProviderError) => {
    if (isClientAuthRefusal(error)) return;
    const replayed = REPLAYED_TOKENS[error.error_detail ?? ''];
    const token = ctx.oidc?.entities.RefreshToken ?? ctx.oidc?.entities.AuthorizationCode;
    const { accountId, detail } = principal(token?.accountId);
    if (replayed) {
      note(ctx, { type: AUDIT_EVENT_TYPES.tokenReplay, outcome: 'failure', accountId, detail: { ...detail, ...replayed } });
    } else if (isRefresh(ctx)) {
      note(ctx, { type: AUDIT_EVENT_TYPES.tokenRefresh, outcome: 'failure', accountId, detail: { ...detail, error: error.error, errorDetail: (error.error_detail ?? '').slice(0, 100) } });
    }
  });
  provider.on('revocation.error', (ctx: KoaContextWithOIDC, error: errors.OIDCProviderError) => {
    if (!isClientAuthRefusal(error)) note(ctx, { type: AUDIT_EVENT_TYPES.tokenRevoke, outcome: 'failure', detail: { error: error.error } });
  });
  provider.on('end_session.success', (ctx: KoaContextWithOIDC) => {
    const { accountId, detail } = principal(ctx.oidc.session?.accountId);
    // `logout=yes` ends the platform session; without it only the asking service's part of it ends.
    note(ctx, { type: AUDIT_EVENT_TYPES.sessionLogout, outcome: 'success', accountId, detail: { ...detail, scope: ctx.oidc.params?.logout ? 'platform' : 'client' } });
  });
  provider.on('end_session.error', (ctx: KoaContextWithOIDC, error: errors.OIDCProviderError) => {
    const { accountId, detail } = principal(ctx.oidc?.session?.accountId);
    note(ctx, { type: AUDIT_EVENT_TYPES.sessionLogout, outcome: 'failure', accountId, detail: { ...detail, error: error.error } });
  });

  provider.use(async (ctx, next) => {
    await next();
    const oidcCtx = ctx as KoaContextWithOIDC;
    // oidc-provider emits no success event for revocation: a 200 is one (RFC 7009 answers 200 for an unknown token too).
    if (oidcCtx.oidc?.route === 'revocation' && ctx.status === 200) note(oidcCtx, revocationEvent(oidcCtx));
    const events = pending.get(oidcCtx);
    if (!events) return;
    const userAgent = ctx.get('user-agent');
    const context = { ip: clientAddress(ctx.req) ?? null, userAgent: userAgent ? userAgent.slice(0, 300) : null, clientId: oidcCtx.oidc?.client?.clientId ?? null };
    for (const event of events) {
      try {
        await audit.append({ ...event, ...context });
      } catch (error) {
        onRecordError(error);
      }
    }
  });
}

function revocationEvent(ctx: KoaContextWithOIDC): ProviderAuditEvent {
  const { AccessToken, RefreshToken } = ctx.oidc.entities;
  const token = RefreshToken ?? AccessToken;
  const { accountId, detail } = principal(token?.accountId);
  const tokenKind = RefreshToken ? 'refresh_token' : AccessToken ? 'access_token' : 'unknown';
  return { type: AUDIT_EVENT_TYPES.tokenRevoke, outcome: 'success', accountId, detail: { ...detail, tokenKind } };
}
