import { CONSOLE_PATHS } from './console-roles.ts';

/**
 * The relying-party registry (系统管理员's console pages and `npm run admin -- client …`):
 * zod-free values the console UI may import. The metadata is RFC 7591's, in its
 * snake_case names, plus the platform's own `uia_` fields (docs/relying-parties.md).
 */

/** How a relying party authenticates at the token endpoint; `none` is a public client (PKCE only). */
export const RELYING_PARTY_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'] as const;
export type RelyingPartyAuthMethod = (typeof RELYING_PARTY_AUTH_METHODS)[number];

/** The scopes the platform serves (oidc/provider.ts registers exactly these). */
export const OIDC_SCOPES = ['openid', 'offline_access', 'profile', 'phone', 'id_card', 'entity'] as const;

/** Scopes that release a citizen's 证件号码 or 手机号: registered only with a written justification (`uia_scope_justification`). */
export const JUSTIFIED_SCOPES = ['id_card', 'phone'] as const;

/** The algorithms an ID token can be signed with (the platform holds keys for these). */
export const ID_TOKEN_SIGNING_ALGS = ['RS256', 'ES256'] as const;

export const RELYING_PARTY_TYPES = ['confidential', 'public'] as const;
export type RelyingPartyType = (typeof RELYING_PARTY_TYPES)[number];

const clients = `${CONSOLE_PATHS.api}/clients`;
export const CONSOLE_CLIENT_PATHS = {
  clients,
  client: `${clients}/:clientId`,
  disable: `${clients}/:clientId/disable`,
  enable: `${clients}/:clientId/enable`,
  rotateSecret: `${clients}/:clientId/rotate-secret`,
  rotateSigningKeys: `${CONSOLE_PATHS.api}/signing-keys/rotate`,
  health: `${CONSOLE_PATHS.api}/health`,
} as const;
