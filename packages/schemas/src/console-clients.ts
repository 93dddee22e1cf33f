import { z } from 'zod';
import { ID_TOKEN_SIGNING_ALGS, RELYING_PARTY_AUTH_METHODS, RELYING_PARTY_TYPES } from './console-clients-constants.ts';
import { LOGIN_TYPES } from './constants.ts';
import { assuranceLevel } from './shared-fields.ts';
import { platformFeatures } from './site.ts';

/**
 * 依赖方管理 (系统管理员): the relying-party registry and the platform's own
 * keys and health. Paths: CONSOLE_CLIENT_PATHS (console-clients-constants.ts).
 * The same metadata is what `npm run admin -- client add --file` reads.
 */

const uri = z.string().trim().min(1).max(2000);

/**
 * RFC 7591 client metadata (the subset the platform serves) plus the platform's
 * fields: `uia_scope_justification` (why the service needs 证件号码 / 手机号),
 * `uia_min_acr` (every login for it reaches at least this level), `uia_login_types`
 * (个人登录, 法人登录 or both). The server checks the rest (URIs, methods, scopes).
 */
export const relyingPartyMetadata = z.strictObject({
  client_name: z.string().trim().min(1).max(100),
  redirect_uris: z.array(uri).min(1).max(20),
  post_logout_redirect_uris: z.array(uri).max(20).optional(),
  token_endpoint_auth_method: z.enum(RELYING_PARTY_AUTH_METHODS),
  grant_types: z
    .array(z.enum(['authorization_code', 'refresh_token']))
    .min(1)
    .optional(),
  response_types: z.array(z.literal('code')).length(1).optional(),
  scope: z.string().trim().max(200).optional(),
  jwks_uri: uri.optional(),
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1).max(10) }).optional(),
  backchannel_logout_uri: uri.optional(),
  id_token_signed_response_alg: z.enum(ID_TOKEN_SIGNING_ALGS).optional(),
  uia_scope_justification: z.string().trim().max(1000).optional(),
  uia_min_acr: assuranceLevel.optional(),
  uia_login_types: z.array(z.enum(LOGIN_TYPES)).min(1).max(2).optional(),
  /** Ignored: the platform always generates these (a file may carry them from another registry). */
  client_id: z.string().max(200).optional(),
  client_secret: z.string().max(200).optional(),
});
export type RelyingPartyMetadata = z.infer<typeof relyingPartyMetadata>;

/** A registered relying party as the console shows it: never its secret. */
export const relyingParty = z.object({
  client_id: z.string(),
  type: z.enum(RELYING_PARTY_TYPES),
  enabled: z.boolean(),
  /** The platform's own client (the user center's login): shown, never edited here. */
  built_in: z.boolean(),
  metadata: relyingPartyMetadata.omit({ client_id: true, client_secret: true }),
});
export type RelyingParty = z.infer<typeof relyingParty>;

export const relyingPartyListResponse = z.object({ clients: z.array(relyingParty) });
export type RelyingPartyListResponse = z.infer<typeof relyingPartyListResponse>;

export const clientIdParams = z.object({ clientId: z.string().min(1).max(200) });

/** After a registration or an edit: the secret only when one was made now (shown once, never again). */
export const relyingPartySavedResponse = z.object({ client: relyingParty, client_secret: z.string().nullable() });
export type RelyingPartySavedResponse = z.infer<typeof relyingPartySavedResponse>;

export const clientSecretResponse = z.object({ client_id: z.string(), client_secret: z.string() });
export type ClientSecretResponse = z.infer<typeof clientSecretResponse>;

export const clientDeletedResponse = z.object({ client_id: z.string(), deleted: z.literal(true) });
export type ClientDeletedResponse = z.infer<typeof clientDeletedResponse>;

/** The key ids added; every node signs with them after its next restart. */
export const signingKeysRotatedResponse = z.object({ kids: z.array(z.string()) });
export type SigningKeysRotatedResponse = z.infer<typeof signingKeysRotatedResponse>;

/** 运行状态 (read-only): what /readyz checks, the versions running, the feature switches. */
export const platformHealthResponse = z.object({
  ready: z.boolean(),
  checks: z.record(z.string(), z.enum(['ok', 'unavailable'])),
  versions: z.object({ platform: z.string(), node: z.string() }),
  features: platformFeatures,
});
export type PlatformHealthResponse = z.infer<typeof platformHealthResponse>;
