import { JUSTIFIED_SCOPES, OIDC_SCOPES, relyingPartyMetadata, type LoginType, type RelyingPartyMetadata } from '@uia/schemas';
import { AppError } from '../../errors.ts';

/** What the registry stores for a relying party (the name has a column of its own). */
export type StoredRelyingPartyMetadata = Omit<RelyingPartyMetadata, 'client_name' | 'client_id' | 'client_secret'>;

// A browser on the operator's own machine is the only place plain http cannot be read on the way.
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Absolute, no fragment (RFC 6749 §3.1.2), https unless it points at the loopback interface. */
function checkUri(value: string, field: string): void {
  const url = URL.canParse(value) ? new URL(value) : null;
  const secure = url?.protocol === 'https:' || (url?.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  if (!url || !secure || value.includes('#') || url.username || url.password) throw new AppError('CLIENT_REDIRECT_URI_INVALID', { field });
}

function checkUris(metadata: RelyingPartyMetadata): void {
  metadata.redirect_uris.forEach((uri, index) => checkUri(uri, `redirect_uris.${index}`));
  metadata.post_logout_redirect_uris?.forEach((uri, index) => checkUri(uri, `post_logout_redirect_uris.${index}`));
  if (metadata.backchannel_logout_uri !== undefined) checkUri(metadata.backchannel_logout_uri, 'backchannel_logout_uri');
  if (metadata.jwks_uri !== undefined) checkUri(metadata.jwks_uri, 'jwks_uri');
}

/** private_key_jwt names its keys one way (a URL or the keys); no other method carries keys. */
function checkAuthMethod(metadata: RelyingPartyMetadata): void {
  const keySources = Number(metadata.jwks_uri !== undefined) + Number(metadata.jwks !== undefined);
  const wantsKeys = metadata.token_endpoint_auth_method === 'private_key_jwt';
  if (wantsKeys ? keySources !== 1 : keySources !== 0) throw new AppError('CLIENT_AUTH_METHOD_INVALID', { field: 'token_endpoint_auth_method' });
}

function parseScopes(metadata: RelyingPartyMetadata): string[] {
  const scopes = [...new Set((metadata.scope ?? 'openid').split(/\s+/).filter(Boolean))];
  const known = new Set<string>(OIDC_SCOPES);
  if (!scopes.includes('openid') || scopes.some((scope) => !known.has(scope))) throw new AppError('CLIENT_SCOPE_INVALID', { field: 'scope' });
  const justified = new Set<string>(JUSTIFIED_SCOPES);
  // Recorded with the registration and in the audit trail: why this service may read 证件号码 / 手机号.
  if (scopes.some((scope) => justified.has(scope)) && (metadata.uia_scope_justification ?? '').length < 10) {
    throw new AppError('CLIENT_SCOPE_JUSTIFICATION_REQUIRED', { field: 'uia_scope_justification' });
  }
  return scopes;
}

/**
 * 法人登录 reaches a service only through the `entity` scope (oidc/checks/login-type.ts),
 * so the login types and that scope must agree: a service that takes entity logins
 * requests it, a personal-only one does not. Without `uia_login_types` the scope decides.
 */
function loginTypes(metadata: RelyingPartyMetadata, scopes: string[]): LoginType[] {
  const entityScope = scopes.includes('entity');
  const types: LoginType[] = metadata.uia_login_types ? [...new Set(metadata.uia_login_types)] : entityScope ? ['personal', 'entity'] : ['personal'];
  if (types.includes('entity') !== entityScope) throw new AppError('CLIENT_LOGIN_TYPES_INVALID', { field: 'uia_login_types' });
  return types;
}

/** The first problem zod finds, as the registry's answer. */
function shapeError(issue: { code: string; path: PropertyKey[]; keys?: string[] }): AppError {
  const field = issue.code === 'unrecognized_keys' ? issue.keys?.[0] : issue.path.map(String).join('.') || undefined;
  if (field === 'token_endpoint_auth_method') return new AppError('CLIENT_AUTH_METHOD_INVALID', { field });
  return new AppError('CLIENT_METADATA_INVALID', field ? { field } : {});
}

/**
 * RFC 7591 client metadata (plus the platform's `uia_` fields) checked by the
 * registry's rules and normalised: defaults filled, scopes de-duplicated, the
 * incoming client_id / client_secret dropped (the platform makes its own).
 */
export function parseRelyingPartyMetadata(input: unknown): { clientName: string; metadata: StoredRelyingPartyMetadata } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new AppError('CLIENT_METADATA_INVALID');
  const parsed = relyingPartyMetadata.safeParse(input);
  if (!parsed.success) throw shapeError(parsed.error.issues[0]!);
  const { client_name: clientName, client_id: _ignoredId, client_secret: _ignoredSecret, ...given } = parsed.data;
  checkUris(parsed.data);
  checkAuthMethod(parsed.data);
  const scopes = parseScopes(parsed.data);
  const metadata: StoredRelyingPartyMetadata = {
    ...given,
    grant_types: given.grant_types ?? ['authorization_code'],
    response_types: ['code'],
    scope: scopes.join(' '),
    uia_login_types: loginTypes(parsed.data, scopes),
  };
  return { clientName, metadata };
}
