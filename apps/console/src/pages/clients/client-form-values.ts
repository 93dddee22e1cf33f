import { JUSTIFIED_SCOPES, type RelyingParty, type RelyingPartyMetadata } from '@uia/schemas';

/** The registration form's fields as typed (lists one per line); the server checks the rest (RFC 7591). */
export interface ClientFormValues {
  name: string;
  redirectUris: string;
  postLogoutUris: string;
  backchannelLogoutUri: string;
  authMethod: RelyingPartyMetadata['token_endpoint_auth_method'];
  jwksUri: string;
  scopes: string[];
  justification: string;
  minAcr: string;
  loginTypes: string[];
  idTokenAlg: string;
}

export const EMPTY_CLIENT_FORM: ClientFormValues = {
  name: '',
  redirectUris: '',
  postLogoutUris: '',
  backchannelLogoutUri: '',
  authMethod: 'client_secret_basic',
  jwksUri: '',
  scopes: ['openid', 'profile'],
  justification: '',
  minAcr: '',
  loginTypes: ['personal'],
  idTokenAlg: 'RS256',
};

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** Whether the scopes release 证件号码 or 手机号 (then a written justification is required). */
export function needsJustification(scopes: readonly string[]): boolean {
  return scopes.some((scope) => (JUSTIFIED_SCOPES as readonly string[]).includes(scope));
}

/** The form as RFC 7591 metadata plus the uia_ fields; empty optional fields are left out. */
export function metadataOf(values: ClientFormValues): RelyingPartyMetadata {
  const postLogout = lines(values.postLogoutUris);
  return {
    client_name: values.name.trim(),
    redirect_uris: lines(values.redirectUris),
    ...(postLogout.length ? { post_logout_redirect_uris: postLogout } : {}),
    token_endpoint_auth_method: values.authMethod,
    grant_types: values.scopes.includes('offline_access') ? ['authorization_code', 'refresh_token'] : ['authorization_code'],
    response_types: ['code'],
    scope: values.scopes.join(' '),
    ...(values.jwksUri.trim() ? { jwks_uri: values.jwksUri.trim() } : {}),
    ...(values.backchannelLogoutUri.trim() ? { backchannel_logout_uri: values.backchannelLogoutUri.trim() } : {}),
    id_token_signed_response_alg: values.idTokenAlg as NonNullable<RelyingPartyMetadata['id_token_signed_response_alg']>,
    ...(values.justification.trim() ? { uia_scope_justification: values.justification.trim() } : {}),
    ...(values.minAcr ? { uia_min_acr: values.minAcr as NonNullable<RelyingPartyMetadata['uia_min_acr']> } : {}),
    uia_login_types: values.loginTypes as NonNullable<RelyingPartyMetadata['uia_login_types']>,
  };
}

/** A registered client's metadata back in the form, for 修改. */
export function formValuesOf(client: RelyingParty): ClientFormValues {
  const metadata = client.metadata;
  return {
    name: metadata.client_name,
    redirectUris: metadata.redirect_uris.join('\n'),
    postLogoutUris: (metadata.post_logout_redirect_uris ?? []).join('\n'),
    backchannelLogoutUri: metadata.backchannel_logout_uri ?? '',
    authMethod: metadata.token_endpoint_auth_method,
    jwksUri: metadata.jwks_uri ?? '',
    scopes: (metadata.scope ?? 'openid').split(/\s+/).filter(Boolean),
    justification: metadata.uia_scope_justification ?? '',
    minAcr: metadata.uia_min_acr ?? '',
    loginTypes: metadata.uia_login_types ?? ['personal'],
    idTokenAlg: metadata.id_token_signed_response_alg ?? 'RS256',
  };
}
