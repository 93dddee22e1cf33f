// OpenID Connect Back-Channel Logout 1.0, relying-party side: validation of the Logout Token the
// platform POSTs to /backchannel-logout when a session ends there (§2.6), with jose.
import { errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { LogoutTarget } from './sessions.ts';

export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** The token is not a valid Logout Token for this portal: answer 400 invalid_request (§2.8). */
export class LogoutTokenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LogoutTokenError';
  }
}

/**
 * Remembers the `jti` of every accepted Logout Token until the token could no longer be accepted
 * anyway (its `exp`, or `iat` + the maximum age, plus the clock tolerance), so a replay within
 * that window is refused (§2.6 step 7).
 */
export class JtiReplayCache {
  private readonly seen = new Map<string, number>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** False when the jti was already used; otherwise records it until `forgetAtMs`. */
  use(jti: string, forgetAtMs: number): boolean {
    this.sweep();
    const known = this.seen.get(jti);
    if (known !== undefined && known > this.now()) return false;
    this.seen.set(jti, forgetAtMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [jti, forgetAt] of this.seen) if (forgetAt <= now) this.seen.delete(jti);
  }
}

export interface LogoutTokenVerifierOptions {
  /** The issuer from discovery (must equal `iss`). */
  issuer: string;
  /** This portal's client id (must be in `aud`). */
  clientId: string;
  /** The issuer's signing keys (createRemoteJWKSet on the discovered jwks_uri). */
  keys: JWTVerifyGetKey;
  /** Accepted signature algorithms: those of ID tokens for this client; never `none`. */
  algorithms: string[];
  replayCache: JtiReplayCache;
  /** Allowed clock skew in seconds (default 30, as openid-client uses for ID tokens). */
  clockToleranceSeconds?: number;
  /** How old (by `iat`) a Logout Token may be, in seconds (default 120: the platform's tokens live 2 minutes). */
  maxAgeSeconds?: number;
  now?: () => number;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(payload: JWTPayload, claim: 'sub' | 'sid'): string | undefined {
  const value = payload[claim];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new LogoutTokenError(`${claim} must be a non-empty string`);
  return value;
}

/**
 * True when a verification failure means "could not check" (the issuer's JWKS was unreachable)
 * rather than "the token is bad"; the endpoint answers 503 then, not 400.
 */
export function isKeySetUnavailable(err: unknown): boolean {
  if (err instanceof joseErrors.JWKSTimeout) return true;
  // fetch() rejects with TypeError('fetch failed', { cause: ECONNREFUSED … }).
  if (err instanceof TypeError && err.message === 'fetch failed') return true;
  // A non-200 answer or a body that is no JSON Web Key Set.
  if (err instanceof joseErrors.JWKSInvalid) return true;
  return err instanceof joseErrors.JOSEError && err.code === 'ERR_JOSE_GENERIC' && /JSON Web Key Set/.test(err.message);
}

/**
 * Validates a Logout Token as OpenID Connect Back-Channel Logout 1.0 §2.6 requires and returns the
 * sessions it names. Throws {@link LogoutTokenError} for any token that must be refused; other
 * errors (an unreachable JWKS) propagate.
 */
export async function verifyLogoutToken(token: string, options: LogoutTokenVerifierOptions): Promise<LogoutTarget> {
  const now = options.now ?? Date.now;
  const clockTolerance = options.clockToleranceSeconds ?? 30;
  const maxAge = options.maxAgeSeconds ?? 120;
  const algorithms = options.algorithms.filter((alg) => alg !== 'none');
  if (algorithms.length === 0) throw new TypeError('no signature algorithm to accept');

  let payload: JWTPayload;
  try {
    // Steps 1–3: signed (JWS only: no ID token encryption is registered, so a JWE is refused),
    // by the issuer's key with an ID token algorithm (never `none`); `iss`, `aud`, `iat` (recent),
    // `exp` as for ID tokens; explicitly typed `logout+jwt` (§4.1, cross-JWT confusion).
    ({ payload } = await jwtVerify(token, options.keys, {
      issuer: options.issuer,
      audience: options.clientId,
      algorithms,
      typ: 'logout+jwt',
      requiredClaims: ['iat', 'exp', 'jti', 'events'],
      maxTokenAge: maxAge,
      clockTolerance,
      currentDate: new Date(now()),
    }));
  } catch (err) {
    if (isKeySetUnavailable(err)) throw err;
    if (err instanceof joseErrors.JOSEError) {
      const claimProblem = err instanceof joseErrors.JWTClaimValidationFailed || err instanceof joseErrors.JWTExpired ? `${err.claim}: ${err.reason}` : undefined;
      throw new LogoutTokenError(claimProblem ?? err.code, { cause: err });
    }
    throw err;
  }

  // More than one audience: this portal must be the authorized party (as for ID tokens).
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== options.clientId) {
    throw new LogoutTokenError('azp must be the client id when there are several audiences');
  }
  // Step 4: sub and/or sid.
  const sub = optionalString(payload, 'sub');
  const sid = optionalString(payload, 'sid');
  if (sub === undefined && sid === undefined) throw new LogoutTokenError('neither sub nor sid');
  // Step 5: events names the back-channel logout event, with a JSON object as its value.
  if (!isJsonObject(payload.events) || !isJsonObject(payload.events[BACKCHANNEL_LOGOUT_EVENT])) {
    throw new LogoutTokenError('events does not contain the back-channel logout event');
  }
  // Step 6: no nonce (an ID token cannot pass as a Logout Token, nor the other way round).
  if ('nonce' in payload) throw new LogoutTokenError('nonce is not allowed');
  // Step 7: jti present and not seen before.
  if (typeof payload.jti !== 'string' || payload.jti === '') throw new LogoutTokenError('jti must be a non-empty string');
  const acceptableUntil = Math.max(payload.exp!, payload.iat! + maxAge) + clockTolerance;
  if (!options.replayCache.use(payload.jti, acceptableUntil * 1000)) throw new LogoutTokenError('jti already used');

  const target: LogoutTarget = {};
  if (sub !== undefined) target.sub = sub;
  if (sid !== undefined) target.sid = sid;
  return target;
}
