import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { JWK } from 'jose';
import type { AccountRepository } from '../ports/account-repository.ts';
import { readAccountProfile } from '../services/accounts/account-profile.ts';
import type { PiiCipher } from '../services/personal-data/pii-cipher.ts';
import { escapeHtml, renderPage } from './html-pages.ts';
import { platformInteractionPolicy } from './interaction-policy.ts';
import { createOidcAdapterFactory, type OidcAdapterDeps } from './oidc-adapter.ts';

export const SUPPORTED_SCOPES = ['openid', 'offline_access', 'profile', 'phone', 'id_card'];

export interface ProviderOptions extends OidcAdapterDeps {
  issuer: string;
  secureCookies: boolean;
  trustProxy: boolean | number | string[];
  cookieSecrets: string[];
  signingKeys: JWK[];
  accounts: AccountRepository;
  cipher: PiiCipher;
  platformName: string;
  demo: boolean;
}

/**
 * Registered relying parties are government services vetted by the operator,
 * and the user agreement covers their data use, so no consent screen: the
 * grant always holds what the client asked for within its registered scope.
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
  const page = (title: string, body: string) => renderPage({ title, body, platformName: options.platformName, demo: options.demo });

  const configuration: Configuration = {
    adapter: createOidcAdapterFactory(options),
    jwks: { keys: options.signingKeys as never },
    cookies: {
      keys: options.cookieSecrets,
      long: { signed: true, httpOnly: true, sameSite: 'lax', secure: options.secureCookies },
      short: { signed: true, httpOnly: true, sameSite: 'lax', secure: options.secureCookies },
    },
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: SUPPORTED_SCOPES,
    claims: {
      // acr/amr belong to every ID token: relying parties decide on them (DESIGN.md §2).
      openid: ['sub', 'acr', 'amr'],
      profile: ['name'],
      phone: ['phone_number', 'phone_number_verified'],
      id_card: ['id_type', 'id_number'],
    },
    acrValues: ['L1', 'L2', 'L3', 'L4'],
    async findAccount(_ctx, sub) {
      const account = await options.accounts.findById(sub);
      if (!account || account.status !== 'active') return undefined;
      return {
        accountId: sub,
        credentialsChangedAt: account.credentialsChangedAt,
        async claims() {
          const profile = readAccountProfile(account, options.cipher);
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
    interactions: { policy: platformInteractionPolicy(), url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    loadExistingGrant: loadGrantWithRequestedScopes,
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token') && client.clientAuthMethod !== 'none',
    rotateRefreshToken: true,
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 900,
      Session: 8 * 3600,
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
            '退出登录',
            `${form}<p>是否退出统一身份认证平台？退出后，所有通过本平台登录的业务系统需要重新登录。</p>
<div class="actions"><button class="primary" form="op.logoutForm" type="submit" name="logout" value="yes">退出登录</button>
<button class="secondary" form="op.logoutForm" type="submit">取消</button></div>`,
          );
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = page('您已安全退出', '<p>您已退出统一身份认证平台。</p><p><a href="/">返回登录页</a></p>');
        },
      },
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page(
        '请求无法完成',
        `<p>登录请求无效或已过期，请返回业务系统重新发起登录。</p><p class="muted">错误代码：${escapeHtml(out.error)}</p>`,
      );
    },
  };

  const provider = new Provider(options.issuer, configuration);
  provider.proxy = options.trustProxy !== false;
  return provider;
}
