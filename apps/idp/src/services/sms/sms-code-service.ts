import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { validatePhone } from '@uia/validators';
import { AppError } from '../../errors.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import { SmsDeliveryError, type SmsPurpose, type SmsSender } from '../../ports/sms-sender.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import { RATE_LIMITS, type RateLimiter } from '../rate-limit/rate-limiter.ts';
import { renderSmsText } from './sms-templates.ts';

export const SMS_CODE_POLICY = {
  ttlSeconds: 300,
  resendSeconds: 60,
  maxAttempts: 5,
  dailyPerPhone: 10,
} as const;

type CodePurpose = Exclude<SmsPurpose, 'notice'>;

interface StoredCode {
  digest: string;
  expiresAt: number;
}

/**
 * SMS verification codes: 6 digits from a CSPRNG, stored only as a keyed
 * digest, bound to phone and purpose, valid 5 minutes, at most 5 tries,
 * one-time. Keys use the phone's blind index, never the number itself.
 */
export class SmsCodeService {
  constructor(
    private readonly deps: {
      store: KeyValueStore;
      sender: SmsSender;
      cipher: PiiCipher;
      rateLimiter: RateLimiter;
      audit: AuditLog;
      platformName: string;
      now?: () => number;
    },
  ) {
    this.digestKey = deps.cipher.blindIndex('sms-code-key', 'v1');
  }

  /** Key of the code digests, derived from the blind-index key so no extra secret is needed. */
  private readonly digestKey: string;

  private now() {
    return (this.deps.now ?? Date.now)();
  }

  private keys(phone: string, purpose: CodePurpose) {
    const subject = this.deps.cipher.blindIndex('phone', phone);
    return {
      code: `sms:code:${purpose}:${subject}`,
      attempts: `sms:attempts:${purpose}:${subject}`,
      resend: `sms:resend:${subject}`,
      daily: `sms:daily:${new Date(this.now()).toISOString().slice(0, 10)}:${subject}`,
      subject,
    };
  }

  private digest(phone: string, purpose: CodePurpose, code: string) {
    return createHmac('sha256', this.digestKey)
      .update(`${purpose}\u0000${phone}\u0000${code}`)
      .digest();
  }

  /** Sends a fresh code; returns seconds until the next send is allowed. */
  async send(rawPhone: string, purpose: CodePurpose, context: { ip: string; userAgent?: string }) {
    const phone = validatePhone(rawPhone);
    if (!phone.ok) throw new AppError(phone.reason, { field: 'phone' });
    const keys = this.keys(phone.value, purpose);

    const wait = await this.deps.store.ttl(keys.resend);
    if (wait !== null) {
      throw new AppError('SMS_RESEND_TOO_SOON', { status: 429, field: 'phone', params: { retryAfter: wait }, details: { retryAfter: wait } });
    }
    const sentToday = Number((await this.deps.store.get(keys.daily)) ?? 0);
    if (sentToday >= SMS_CODE_POLICY.dailyPerPhone) throw new AppError('SMS_DAILY_LIMIT', { status: 429, field: 'phone' });
    await this.deps.rateLimiter.hit(RATE_LIMITS.smsPerIpHour, context.ip);

    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    try {
      await this.deps.sender.send({
        to: phone.value,
        purpose,
        params: { code },
        text: renderSmsText(purpose, this.deps.platformName, { code }),
      });
    } catch (error) {
      await this.audit('failure', purpose, keys.subject, context, { reason: 'SMS_SEND_FAILED' });
      if (error instanceof SmsDeliveryError) throw new AppError('SMS_SEND_FAILED', { status: 503, field: 'phone' });
      throw error;
    }

    // Quota and code are recorded only after the channel accepted the message.
    const stored: StoredCode = { digest: this.digest(phone.value, purpose, code).toString('base64url'), expiresAt: this.now() + SMS_CODE_POLICY.ttlSeconds * 1000 };
    await this.deps.store.set(keys.code, JSON.stringify(stored), SMS_CODE_POLICY.ttlSeconds);
    await this.deps.store.delete(keys.attempts);
    await this.deps.store.set(keys.resend, '1', SMS_CODE_POLICY.resendSeconds);
    await this.deps.store.increment(keys.daily, 24 * 3600);
    await this.audit('success', purpose, keys.subject, context);
    return { resendAfter: SMS_CODE_POLICY.resendSeconds, expiresIn: SMS_CODE_POLICY.ttlSeconds };
  }

  /**
   * Checks a code; wrong codes count toward the attempt limit. The code stays
   * valid until `consume` (called once the guarded action succeeded), so a
   * form error after a right code does not force a new SMS.
   */
  async check(phone: string, purpose: CodePurpose, code: string, field = 'smsCode'): Promise<void> {
    const keys = this.keys(phone, purpose);
    const raw = await this.deps.store.get(keys.code);
    const stored = raw ? (JSON.parse(raw) as StoredCode) : null;
    if (!stored || stored.expiresAt <= this.now()) throw new AppError('SMS_CODE_EXPIRED', { field });

    const attempts = await this.deps.store.increment(keys.attempts, SMS_CODE_POLICY.ttlSeconds);
    if (attempts > SMS_CODE_POLICY.maxAttempts) {
      await this.deps.store.delete(keys.code);
      throw new AppError('SMS_CODE_ATTEMPTS_EXCEEDED', { field });
    }
    const given = /^\d{6}$/.test(code) ? this.digest(phone, purpose, code) : Buffer.alloc(32);
    if (!timingSafeEqual(given, Buffer.from(stored.digest, 'base64url'))) {
      throw new AppError(attempts === SMS_CODE_POLICY.maxAttempts ? 'SMS_CODE_ATTEMPTS_EXCEEDED' : 'SMS_CODE_INVALID', { field });
    }
  }

  /** Makes the code unusable (one-time). Returns false when it was already used. */
  async consume(phone: string, purpose: CodePurpose): Promise<boolean> {
    const keys = this.keys(phone, purpose);
    await this.deps.store.delete(keys.attempts);
    return (await this.deps.store.take(keys.code)) !== null;
  }

  private audit(outcome: 'success' | 'failure', purpose: string, phoneIndex: string, context: { ip: string; userAgent?: string }, extra: Record<string, string> = {}) {
    return this.deps.audit.append({
      type: 'sms.send',
      outcome,
      ip: context.ip,
      userAgent: context.userAgent ?? null,
      detail: { purpose, phoneIndex: phoneIndex.slice(0, 12), ...extra },
    });
  }
}
