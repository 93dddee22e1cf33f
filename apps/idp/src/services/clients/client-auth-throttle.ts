import type { AuditLog } from '../../ports/audit-log.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';

export const CLIENT_AUTH_POLICY = {
  /** Wrong client credentials one (client, address) may present in one window… */
  failuresPerWindow: 10,
  /** …after which that pair is refused, even with the right credentials, for this long. */
  windowSeconds: 10 * 60,
} as const;

/** Why a relying party's credentials were refused (audit detail `reason`). */
export type ClientAuthFailureReason = 'wrong_secret' | 'wrong_method' | 'unknown_client' | 'assertion_replayed' | 'invalid_assertion' | 'invalid_credentials' | 'throttled';

export interface ClientAuthAttempt {
  /** The registered client the credentials were presented for; null when no such client exists. */
  clientId: string | null;
  ip: string;
  userAgent?: string;
  /** How the credentials came: client_secret_basic, client_secret_post, client_assertion or none. */
  presentedMethod: string;
  /** The OIDC endpoint (token, revocation, introspection, pushed_authorization_request). */
  endpoint: string;
}

/**
 * Wrong client credentials (secrets, assertions) counted per relying party and
 * client address in the shared store, so every node sees one budget. Windows
 * and blocks are measured by the service clock, not by the store's TTLs
 * (which only clean up), so tests move time on Redis as on the in-process store.
 * Keyed by address too: a stranger guessing a service's secret is refused
 * without cutting the service itself off from its own address.
 */
export class ClientAuthThrottle {
  constructor(
    private readonly deps: { store: KeyValueStore; audit: AuditLog; now: () => number },
    private readonly policy: { failuresPerWindow: number; windowSeconds: number } = CLIENT_AUTH_POLICY,
  ) {}

  private blockKey(clientId: string, ip: string) {
    return `client-auth:blocked:${clientId}:${ip}`;
  }

  /**
   * Seconds until the pair may authenticate again, or null when it may now.
   * A refusal is audited: it is an authentication decision too.
   */
  async refusal(attempt: ClientAuthAttempt & { clientId: string }): Promise<number | null> {
    const blockedUntil = Number(await this.deps.store.get(this.blockKey(attempt.clientId, attempt.ip)));
    const now = this.deps.now();
    if (!blockedUntil || blockedUntil <= now) return null;
    await this.audit(attempt, 'throttled');
    return Math.ceil((blockedUntil - now) / 1000);
  }

  /** Audits a refused credential (never the credential itself) and counts it against the pair's budget. */
  async recordFailure(attempt: ClientAuthAttempt, reason: Exclude<ClientAuthFailureReason, 'throttled'>): Promise<void> {
    await this.audit(attempt, reason);
    // No budget for a client that does not exist: there is no secret to guess.
    if (attempt.clientId === null) return;
    const now = this.deps.now();
    const windowMs = this.policy.windowSeconds * 1000;
    const window = Math.floor(now / windowMs);
    const failures = await this.deps.store.increment(`client-auth:failures:${attempt.clientId}:${attempt.ip}:${window}`, this.policy.windowSeconds);
    if (failures >= this.policy.failuresPerWindow) {
      await this.deps.store.set(this.blockKey(attempt.clientId, attempt.ip), String(now + windowMs), this.policy.windowSeconds);
    }
  }

  private audit(attempt: ClientAuthAttempt, reason: ClientAuthFailureReason) {
    return this.deps.audit.append({
      type: AUDIT_EVENT_TYPES.clientAuth,
      outcome: 'failure',
      clientId: attempt.clientId,
      ip: attempt.ip,
      userAgent: attempt.userAgent ?? null,
      detail: { reason, method: attempt.presentedMethod, endpoint: attempt.endpoint },
    });
  }
}
