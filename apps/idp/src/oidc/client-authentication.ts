import Provider, { errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { ClientRecord } from '../ports/client-repository.ts';
import { clientAddress } from './client-address.ts';
import type { ClientAuthAttempt, ClientAuthFailureReason, ClientAuthThrottle } from '../services/clients/client-auth-throttle.ts';

/** The endpoints where a relying party authenticates (oidc-provider route names; their error events below). */
const CLIENT_AUTH_ENDPOINTS = new Set(['token', 'revocation', 'introspection', 'pushed_authorization_request']);

// The client a request authenticates as, from its lookup on: a refusal before oidc-provider sets the
// client entity (the method check below) is still audited and counted for that client.
const authenticatingClients = new WeakMap<KoaContextWithOIDC, string>();

function attemptOf(ctx: KoaContextWithOIDC, clientId: string | null): ClientAuthAttempt {
  const ip = clientAddress(ctx.req);
  // Never a budget keyed by an address a client chose: oidc-provider is reached through the mount only.
  if (ip === undefined) throw new Error('an OIDC request that did not come through the /oidc mount');
  const userAgent = ctx.get('user-agent');
  return {
    clientId,
    ip,
    ...(userAgent ? { userAgent: userAgent.slice(0, 300) } : {}),
    presentedMethod: presentedMethod(ctx),
    endpoint: ctx.oidc.route,
  };
}

/** How the request carries its client credentials, named as `token_endpoint_auth_method` names them. */
function presentedMethod(ctx: KoaContextWithOIDC) {
  if (ctx.get('authorization')) return 'client_secret_basic';
  const params = ctx.oidc.params ?? {};
  if (params.client_secret) return 'client_secret_post';
  if (params.client_assertion) return 'client_assertion';
  return 'none';
}

/**
 * oidc-provider takes a secret in the Authorization header and one in the body
 * as the same method (shared/client_auth.js offers `client_secret_basic` and
 * `client_secret_post` for either), so a client registered for one is accepted
 * with the other. The platform holds each relying party to the method it
 * registered, and refuses a (client, address) whose wrong credentials spent
 * its budget, before any credential is compared.
 *
 * oidc-provider has no hook between reading the client id and checking the
 * credentials but the client lookup, so this runs there (oidc-adapter.ts) with
 * the request from oidc-provider's async context (`Provider.ctx`). Only the
 * lookup of the authenticating client counts: later ones in the same request
 * (introspection reads the token's client) have the client entity set already.
 */
export function createClientAuthGate(throttle: ClientAuthThrottle) {
  return async function checkAuthenticatingClient(client: ClientRecord): Promise<void> {
    const ctx = Provider.ctx;
    if (!ctx?.oidc || !CLIENT_AUTH_ENDPOINTS.has(ctx.oidc.route) || ctx.oidc.entities.Client) return;
    authenticatingClients.set(ctx, client.clientId);
    const attempt = attemptOf(ctx, client.clientId);
    const retryAfter = await throttle.refusal({ ...attempt, clientId: client.clientId });
    if (retryAfter !== null) {
      ctx.set('Retry-After', String(retryAfter));
      throw clientAuthThrottled();
    }
    const registered = client.metadata.token_endpoint_auth_method ?? 'client_secret_basic';
    const secretMethods = ['client_secret_basic', 'client_secret_post'];
    if (secretMethods.includes(attempt.presentedMethod) && secretMethods.includes(registered as string) && attempt.presentedMethod !== registered) {
      // oidc-provider's own wording for a method mismatch, so it is counted and audited like its own.
      throw new errors.InvalidClientAuth(METHOD_MISMATCH);
    }
  };
}

const METHOD_MISMATCH = 'the provided authentication mechanism does not match the registered client authentication method';

/**
 * 429 with Retry-After and an OAuth error body: every OAuth client library
 * reads `error` from a non-200 token response, and `invalid_client` is the
 * registered code for "client authentication refused"; the status and the
 * header say it is temporary (docs/api.md).
 */
function clientAuthThrottled() {
  const error = new errors.InvalidClient('too many failed client authentications from this address, retry later');
  error.status = 429;
  error.statusCode = 429;
  return error;
}

/** oidc-provider's `error_detail` of an InvalidClientAuth, as a machine reason. */
function failureReason(error: errors.OIDCProviderError, presented: string): Exclude<ClientAuthFailureReason, 'throttled'> {
  const detail = error.error_detail ?? '';
  if (detail === 'invalid secret provided') return 'wrong_secret';
  if (detail === METHOD_MISMATCH) return 'wrong_method';
  if (detail === 'client not found') return 'unknown_client';
  if (detail === 'client assertion tokens must only be used once') return 'assertion_replayed';
  return presented === 'client_assertion' ? 'invalid_assertion' : 'invalid_credentials';
}

/**
 * Every refused client credential is audited and counted (ClientAuthThrottle)
 * before the response leaves, so the next request from that address already
 * sees the count. oidc-provider reports the refusal through its `*.error`
 * events (the error is handled inside its router); the middleware awaits it.
 */
export function watchClientAuthFailures(provider: Provider, throttle: ClientAuthThrottle, onRecordError: (error: unknown) => void) {
  const refused = new WeakMap<KoaContextWithOIDC, errors.OIDCProviderError>();
  const onError = (ctx: KoaContextWithOIDC, error: errors.OIDCProviderError) => {
    if (error instanceof errors.InvalidClientAuth) refused.set(ctx, error);
  };
  provider.on('grant.error', onError);
  provider.on('revocation.error', onError);
  provider.on('introspection.error', onError);
  provider.on('pushed_authorization_request.error', onError);
  provider.use(async (ctx, next) => {
    await next();
    const error = refused.get(ctx as KoaContextWithOIDC);
    if (!error) return;
    // The refusal has been answered already: counting it must not turn that answer into a 500
    // (storage down), so a failure here is only logged.
    try {
      const attempt = attemptOf(ctx as KoaContextWithOIDC, authenticatingClients.get(ctx as KoaContextWithOIDC) ?? null);
      await throttle.recordFailure(attempt, failureReason(error, attempt.presentedMethod));
    } catch (recordError) {
      onRecordError(recordError);
    }
  });
}
