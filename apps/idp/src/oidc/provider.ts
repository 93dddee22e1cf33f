import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { JWK } from 'jose';
import { OIDC_SCOPES } from '@uia/schemas';
import { maskIdNumber, maskName } from '@uia/validators';
import { AppError } from '../errors.ts';
import type { AccountRepository } from '../ports/account-repository.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import { readAccountProfile } from '../services/accounts/account-profile.ts';
import { parseAccountId } from '../services/entities/acting-principal.ts';
import type { EntityMembership, EntityStanding } from '../services/entities/entity-membership.ts';
import type { ClientAuthThrottle } from '../services/clients/client-auth-throttle.ts';
import type { PiiCipher } from '../services/personal-data/pii-cipher.ts';
import { auditProviderDecisions } from './audit-events.ts';
import { createClientAuthGate, watchClientAuthFailures } from './client-authentication.ts';
import { answerDependencyOutages } from './dependency-outage.ts';
import { escapeHtml, renderPage } from './html-pages.ts';
import type { SessionActivity, SessionLifetime } from '../services/platform-sessions/session-lifetime.ts';
import { interactionPagePath, platformInteractionPolicy } from './interaction-policy.ts';
import { CLIENT_RULES } from './client-rules.ts';
import { createOidcAdapterFactory, type AccountsReadAhead, type OidcAdapterDeps } from './oidc-adapter.ts';
import { RequestLookAhead } from './request-look-ahead.ts';

export const SUPPORTED_SCOPES: readonly string[] = OIDC_SCOPES;

export interface ProviderOptions extends OidcAdapterDeps {
  issuer: string;
  secureCookies: boolean;
  trustProxy: boolean | number | string[];
  cookieSecrets: string[];
  signingKeys: JWK[];
  accounts: AccountRepository;
  /** Whether a person may (still) act for an entity: checked whenever an entity login's account is loaded. */
  membership: EntityMembership;
  cipher: PiiCipher;
  platformName: string;
  demo: boolean;
  /** The service clock (agent grants expire by it). */
  now: () => number;
  /** Wrong client credentials: audited, counted per (client, address), refused past the budget. */
  clientAuthThrottle: ClientAuthThrottle;
  /** Idle and absolute lifetimes of platform sessions (oidc/checks/session-lifetime.ts). */
  sessionActivity: SessionActivity;
  /** PostgreSQL or Redis failed under oidc-provider; the person got a 503 page (oidc/dependency-outage.ts). */
  onDependencyOutage: (error: Error) => void;
  /** Refresh grants, replays, revocations and logouts decided by oidc-provider (oidc/audit-events.ts). */
  audit: AuditLog;
  /** An audit record of an answered decision could not be written: logged, the answer stands. */
  onAuditWriteError: (error: unknown) => void;
}

/**
 * The stored session's lifetime, set again at every save (every request that
 * uses it): the idle timeout, but never past the absolute limit from its login.
 * oidc-provider's clock (the system's) decides this expiry; the service clock's
 * view of both limits is the login check's (checks/session-lifetime.ts).
 */
export function sessionTtlSeconds(lifetime: SessionLifetime, loginTs: number | undefined, nowSeconds: number): number {
  const absoluteLeft = loginTs === undefined ? lifetime.maxSeconds : loginTs + lifetime.maxSeconds - nowSeconds;
  // oidc-provider needs a positive TTL; a session past its limit lives one more second (the check refuses it anyway).
  return Math.max(1, Math.min(lifetime.idleSeconds, absoluteLeft));
}

/**
 * Registered relying parties are government services vetted by the operator,
 * and the user agreement covers their data use, so no consent screen unless
 * the service sends prompt=consent (oidc/consent.ts): the grant always holds
 * what the client asked for within its registered scope.
 */
async function loadGrantWithRequestedScopes(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  const client = oidc.client!;
  const accountId = oidc.session!.accountId!;
  const grantId = oidc.result?.consent?.grantId ?? oidc.session!.grantIdFor(client.clientId);
  const grant = (grantId && (await oidc.provider.Grant.find(grantId))) || new oidc.provider.Grant({ clientId: client.clientId, accountId });
  const allowed = new Set((client.scope ?? 'openid').split(' '));
  const granted = new Set((grant.getOIDCScope() || '').split(' '));
  // The `claims` request parameter is not honoured: claims follow registered scopes only.
  const missing = [...oidc.requestParamScopes].filter((scope) => allowed.has(scope) && !granted.has(scope));
  // Written only when it changes: single sign-on to a known service costs no grant write.
  if (missing.length > 0 || !grantId) {
    grant.addOIDCScope(missing.join(' '));
    await grant.save();
  }
  return grant;
}

export function createProvider(options: ProviderOptions): Provider {
  const page = (ctx: { get(field: string): string }, title: string, body: string) =>
    renderPage({ title, body, platformName: options.platformName, demo: options.demo, cookieHeader: ctx.get('cookie') });

  // A refresh grant's token is read with its person's account (oidc-adapter.ts): findAccount takes it from there.
  const accountsReadAhead: AccountsReadAhead = new RequestLookAhead(() => Provider.ctx);
  const configuration: Configuration = {
    adapter: createOidcAdapterFactory(options, createClientAuthGate(options.clientAuthThrottle), accountsReadAhead),
    jwks: { keys: options.signingKeys },
    cookies: {
      keys: options.cookieSecrets,
      long: { signed: true, httpOnly: true, sameSite: 'lax', secure: options.secureCookies },
      short: { signed: true, httpOnly: true, sameSite: 'lax', secure: options.secureCookies },
    },
    ...CLIENT_RULES,
    pkce: { required: () => true },
    claims: {
      // acr/amr belong to every ID token: relying parties decide on them (DESIGN.md §2). So do
      // entity/acting_person of an entity login (findAccount gives them for nothing else): a
      // service must never take a company's login for the person's own. Only services that
      // requested the `entity` scope ever get such a login (oidc/checks/login-type.ts).
      openid: ['sub', 'acr', 'amr', 'entity', 'acting_person'],
      profile: ['name'],
      phone: ['phone_number', 'phone_number_verified'],
      id_card: ['id_type', 'id_number'],
      // 法人登录: what a service declares it can receive. The claims themselves are in `openid`
      // above; the scope must still name claims for oidc-provider to know it.
      entity: ['entity', 'acting_person'],
    },
    // A person, or a person acting for an entity (services/entities/acting-principal.ts). The
    // entity standing is decided at every load — login, SSO, userinfo, refresh — so a revoked
    // or expired agent grant, or one for other services, ends the login at its next use.
    async findAccount(ctx, sub) {
      const { personId, entityId } = parseAccountId(sub);
      const account = accountsReadAhead.take(personId) ?? (await options.accounts.findById(personId));
      if (!account || account.status !== 'active') return undefined;
      let standing: EntityStanding | null = null;
      if (entityId) {
        // The person's standing, or no account (an AppError says why); a storage failure stays an error.
        standing = await options.membership.standing(entityId, personId, ctx.oidc?.client?.clientId ?? null, options.now()).catch((error: unknown) => {
          if (error instanceof AppError) return null;
          throw error;
        });
        if (!standing) return undefined;
      }
      return {
        accountId: sub,
        credentialsChangedAt: account.credentialsChangedAt,
        async claims() {
          const profile = readAccountProfile(account, options.cipher);
          // An entity login tells the service the entity and who acts for it, masked: the
          // person's own data stay with their own (personal) logins.
          if (standing) {
            return {
              sub,
              entity: { uscc: standing.entity.uscc, name: standing.entity.name },
              acting_person: { sub: personId, name: maskName(profile.name), id_number: maskIdNumber(profile.idNumber), role: standing.role },
            };
          }
          return {
            sub,
            name: profile.name,
            ...(profile.phone ? { phone_number: `+86${profile.phone}`, phone_number_verified: true } : {}),
            id_type: profile.idType,
            id_number: profile.idNumber,
          };
        },
      };
    },
    interactions: { policy: platformInteractionPolicy(options.sessionActivity), url: (_ctx, interaction) => interactionPagePath(interaction) },
    loadExistingGrant: loadGrantWithRequestedScopes,
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token') && client.clientAuthMethod !== 'none',
    rotateRefreshToken: true,
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 900,
      Session: (_ctx, session) => sessionTtlSeconds(options.sessionActivity.lifetime, session.authTime(), Math.floor(Date.now() / 1000)),
      Grant: 30 * 24 * 3600,
      RefreshToken: 7 * 24 * 3600,
    },
    // Every outbound request oidc-provider makes goes to client metadata the operator registered
    // (backchannel_logout_uri, a jwks_uri): there is no dynamic registration and no request_uri.
    // Its default fetch refuses loopback and private (RFC 1918) addresses, a guard against URLs
    // supplied by strangers; here it would only cut off services on the government intranet and
    // the demo RP on localhost. oidc-provider's 2.5 s timeout and `redirect: 'manual'` still apply.
    fetch: (url, init) => {
      const { dispatcher: _ssrfGuard, ...rest } = (init ?? {}) as RequestInit & { dispatcher?: unknown };
      return globalThis.fetch(url, rest);
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      // OpenID Connect Back-Channel Logout 1.0: when a session ends at the platform (退出登录 via
      // end_session), every client of that session with a registered backchannel_logout_uri gets
      // a signed Logout Token before the browser is redirected (in parallel, 2.5 s timeout each;
      // a failure does not stop the logout). Outside a request (ending a person's sessions):
      // `(await provider.Client.find(clientId)).backchannelLogout(accountId, sid)`, which
      // needs no request context (test/backchannel-logout.int.test.ts) but is not in @types.
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = page(
            ctx,
            '退出登录',
            `${form}<p>是否退出统一身份认证平台？退出后，所有通过本平台登录的业务系统需要重新登录。</p>
<div class="actions"><button class="primary" form="op.logoutForm" type="submit" name="logout" value="yes">退出登录</button>
<button class="secondary" form="op.logoutForm" type="submit">取消</button></div>`,
          );
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = page(ctx, '您已安全退出', '<p>您已退出统一身份认证平台。</p><p><a href="/">返回登录页</a></p>');
        },
      },
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page(ctx, '请求无法完成', `<p>登录请求无效或已过期，请返回业务系统重新发起登录。</p><p class="muted">错误代码：${escapeHtml(out.error)}</p>`);
    },
  };

  const provider = new Provider(options.issuer, configuration);
  provider.proxy = options.trustProxy !== false;
  watchClientAuthFailures(provider, options.clientAuthThrottle, (error) => options.onDependencyOutage(error instanceof Error ? error : new Error(String(error))));
  auditProviderDecisions(provider, options.audit, options.onAuditWriteError);
  answerDependencyOutages(provider, { page, onOutage: options.onDependencyOutage });
  return provider;
}
