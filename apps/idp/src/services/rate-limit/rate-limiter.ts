import { isIP } from 'node:net';
import { rateLimited } from '../../errors.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';

export interface RateLimit {
  /** Counter name, e.g. `login:ip`. */
  name: string;
  limit: number;
  windowSeconds: number;
  /** Told to the client with RATE_LIMITED (see `rateLimited`). */
  scope?: 'account_name';
}

/**
 * Fixed-window counters in the shared store, so every node sees the same budget.
 * The first refusal of a window is audited (`rate_limit.hit`): once, so a flood
 * of refused requests cannot flood the audit trail too.
 */
export class RateLimiter {
  constructor(
    private readonly store: KeyValueStore,
    private readonly audit: AuditLog | null = null,
  ) {}

  /** Counts one hit for `subject`; throws RATE_LIMITED once the window's budget is spent. */
  async hit(rule: RateLimit, subject: string): Promise<void> {
    const key = `rl:${rule.name}:${subject}`;
    const count = await this.store.increment(key, rule.windowSeconds);
    if (count > rule.limit) await this.refuse(rule, subject, key, count);
  }

  /**
   * Counts `member` once per window for `subject` (e.g. distinct account
   * names per address): repeating a member already counted costs nothing,
   * a new one past the budget throws RATE_LIMITED. The first-seen marker is
   * itself an atomic counter, so two parallel requests with one new member
   * count it once.
   */
  async hitDistinct(rule: RateLimit, subject: string, member: string): Promise<void> {
    const marker = `rl:${rule.name}:${subject}:seen:${member}`;
    if ((await this.store.increment(marker, rule.windowSeconds)) > 1) return;
    const key = `rl:${rule.name}:${subject}`;
    const count = await this.store.increment(key, rule.windowSeconds);
    if (count > rule.limit) {
      // Refused members stay uncounted as seen, so asking again is refused again.
      await this.store.delete(marker);
      await this.refuse(rule, subject, key, count);
    }
  }

  private async refuse(rule: RateLimit, subject: string, key: string, count: number): Promise<never> {
    const retryAfter = (await this.store.ttl(key)) ?? rule.windowSeconds;
    if (count === rule.limit + 1 && this.audit) {
      // The subject is named only when it is an address: other subjects are account ids or keyed name hashes.
      await this.audit.append({
        type: AUDIT_EVENT_TYPES.rateLimitHit,
        outcome: 'failure',
        ip: isIP(subject) ? subject : null,
        detail: { rule: rule.name, limit: rule.limit, windowSeconds: rule.windowSeconds, retryAfter },
      });
    }
    throw rateLimited(retryAfter, rule.scope);
  }
}

export const RATE_LIMITS = {
  loginPerIp: { name: 'login:ip', limit: 30, windowSeconds: 60 },
  captchaPerIp: { name: 'captcha:ip', limit: 60, windowSeconds: 60 },
  smsPerIpHour: { name: 'sms:ip', limit: 20, windowSeconds: 3600 },
  registerPerIp: { name: 'register:ip', limit: 20, windowSeconds: 3600 },
  // 忘记密码: lookups per IP and per account name (the name as typed, so an account's
  // three names do not share a budget an attacker could observe), ID-number checks per
  // name (counted before the check, so parallel requests cannot outrun it), and codes per
  // account (so probing cannot spend the phone's whole daily SMS quota). Distinct account
  // names per address: one address cannot walk a list of names (docs/api.md § Enumeration).
  resetStartPerIp: { name: 'reset:ip', limit: 30, windowSeconds: 3600 },
  resetNamesPerIp: { name: 'reset:ip-names', limit: 5, windowSeconds: 3600 },
  resetStartPerAccountName: { name: 'reset:name', limit: 10, windowSeconds: 3600, scope: 'account_name' },
  resetIdChecksPerAccountName: { name: 'reset:id-checks', limit: 10, windowSeconds: 24 * 3600, scope: 'account_name' },
  resetCodesPerAccount: { name: 'reset:codes', limit: 5, windowSeconds: 24 * 3600 },
  // 法人: agent grants and revocations per representative (a grant looks a person up by ID number or phone).
  agentChangesPerAccount: { name: 'entity:agents', limit: 30, windowSeconds: 3600 },
  entityRegistrationsPerAccount: { name: 'entity:register', limit: 20, windowSeconds: 3600 },
} satisfies Record<string, RateLimit>;
