import Provider, { errors, type Adapter, type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { exportJWK, generateKeyPair } from 'jose';
import { ASSURANCE_LEVELS, LOGIN_TYPES, OIDC_SCOPES } from '@uia/schemas';
import { AppError } from '../errors.ts';
import type { AssuranceLevel } from '../ports/account-repository.ts';
import { meetsLevel } from '../services/accounts/account-profile.ts';
import { requestedAcr } from './requested-acr.ts';
import { SIGNING_ALGS } from './signing-keys.ts';

/** The platform's own client metadata (services/clients/relying-party-metadata.ts checks them first). */
const PLATFORM_CLIENT_FIELDS = ['uia_min_acr', 'uia_login_types', 'uia_scope_justification'];

function checkPlatformField(key: string, value: unknown): void {
  if (value === undefined) return;
  const valid =
    key === 'uia_min_acr'
      ? ASSURANCE_LEVELS.includes(value as AssuranceLevel)
      : key === 'uia_login_types'
        ? Array.isArray(value) && value.length > 0 && value.every((type) => (LOGIN_TYPES as readonly unknown[]).includes(type))
        : typeof value === 'string';
  if (!valid) throw new errors.InvalidClientMetadata(`${key} is invalid`);
}

/**
 * A relying party's registered `uia_min_acr` and `uia_login_types`, applied to
 * each authorization request as if the service had sent them itself: an
 * `acr_values` below the minimum is raised to it (the login checks then step
 * up as for any request: oidc/checks/acr-step-up.ts), and an entity-only
 * service's request becomes `login_type=entity` with the `entity` scope. A
 * personal-only service has no `entity` scope registered, so oidc-provider
 * refuses a request for it (invalid_scope) and no 法人登录 is ever offered.
 * Runs as oidc-provider's validator of the `login_type` parameter: after the
 * client's defaults are assigned, before the interaction is saved.
 */
function applyClientLoginPolicy(ctx: KoaContextWithOIDC, _loginType: string | undefined, client?: unknown): void {
  const registered = (client ?? {}) as { uia_min_acr?: AssuranceLevel; uia_login_types?: string[] };
  const params = ctx.oidc.params as Record<string, unknown>;
  const minimum = registered.uia_min_acr;
  const requested = requestedAcr(params.acr_values);
  if (minimum && !(requested && meetsLevel(requested, minimum))) params.acr_values = minimum;
  if (registered.uia_login_types?.length === 1 && registered.uia_login_types[0] === 'entity') {
    params.login_type = 'entity';
    const scopes = typeof params.scope === 'string' ? params.scope.split(' ') : [];
    if (!scopes.includes('entity')) params.scope = [...scopes, 'entity'].join(' ');
  }
}

/**
 * What oidc-provider needs to know to accept a client's metadata: the one copy
 * the running provider (oidc/provider.ts) and the registry's check
 * (createClientMetadataValidator) share, so nothing the provider would refuse
 * is ever stored.
 */
export const CLIENT_RULES = {
  responseTypes: ['code'],
  // How relying parties authenticate (their registered `token_endpoint_auth_method`; docs/api.md):
  // a secret (basic or post, held to the one registered: oidc/client-authentication.ts), a
  // private_key_jwt assertion signed with a key of the client's registered `jwks`/`jwks_uri`,
  // or none for a public client (PKCE). No client_secret_jwt: no service needs it, and a
  // service that wants to keep its secret off the wire should hold a key pair instead.
  clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'],
  // ID tokens (and logout tokens) are signed with the relying party's registered
  // `id_token_signed_response_alg`, RS256 unless it chose ES256: the algorithms there are keys for.
  enabledJWA: { clientAuthSigningAlgValues: ['PS256', 'RS256', 'ES256', 'Ed25519', 'EdDSA'], idTokenSigningAlgValues: [...SIGNING_ALGS] },
  scopes: [...OIDC_SCOPES],
  acrValues: [...ASSURANCE_LEVELS],
  // login_type=entity: the relying party takes entity logins only (oidc/checks/login-type.ts).
  extraParams: { login_type: applyClientLoginPolicy },
  extraClientMetadata: { properties: PLATFORM_CLIENT_FIELDS, validator: (_ctx, key, value) => checkPlatformField(key, value) },
  features: { backchannelLogout: { enabled: true }, rpInitiatedLogout: { enabled: true }, revocation: { enabled: true } },
} satisfies Configuration;

class StoresNothing implements Adapter {
  private refuse(): never {
    throw new Error('the client metadata validator stores nothing');
  }
  upsert = () => this.refuse();
  find = () => this.refuse();
  findByUserCode = () => this.refuse();
  findByUid = () => this.refuse();
  consume = () => this.refuse();
  destroy = () => this.refuse();
  revokeByGrantId = () => this.refuse();
}

/**
 * Checks client metadata as the running provider would on loading it, with a
 * provider of the same client rules (the CLI has no running one). Its refusal
 * (in English, from oidc-provider) travels as the `reason` detail.
 */
export function createClientMetadataValidator(issuer: string): (metadata: Record<string, unknown>) => Promise<void> {
  let validating: Promise<Provider> | undefined;
  return async (metadata) => {
    validating ??= validatingProvider(issuer);
    const provider = await validating;
    try {
      await provider.Client.validate(metadata as ClientMetadata);
    } catch (error) {
      if (error instanceof errors.OIDCProviderError) {
        throw new AppError('CLIENT_METADATA_REJECTED', { details: { reason: error.error_description ?? error.message } });
      }
      throw error;
    }
  };
}

/**
 * A provider of the same client rules that only validates. It needs a key per
 * signing algorithm (a client's `id_token_signed_response_alg` must be one it
 * can sign with), so it makes throw-away ones; and it stores nothing.
 */
async function validatingProvider(issuer: string): Promise<Provider> {
  const keys = await Promise.all(SIGNING_ALGS.map(async (alg) => ({ ...(await exportJWK((await generateKeyPair(alg, { extractable: true })).privateKey)), alg, use: 'sig' })));
  return new Provider(issuer, {
    ...CLIENT_RULES,
    features: { ...CLIENT_RULES.features, devInteractions: { enabled: false } },
    jwks: { keys },
    adapter: StoresNothing,
  });
}
