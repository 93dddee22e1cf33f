import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { validatePhone } from '@uia/validators';
import { AppError } from '../../errors.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import { SmsDeliveryError, type SmsCodePurpose, type SmsSender } from '../../ports/sms-sender.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import { RATE_LIMITS, type RateLimiter } from '../rate-limit/rate-limiter.ts';
import { beijingDay } from '../beijing-time.ts';
import { deliveryAppError, type SmsChannelErrorListener } from './sms-delivery.ts';
import { renderSmsText } from './sms-templates.ts';

export const SMS_CODE_POLICY = {
  ttlSeconds: 300,
  resendSeconds: 60,
  maxAttempts: 5,
  /** Codes per phone per calendar day in Beijing time (Asia/Shanghai, UTC+8, no daylight saving). */
  dailyPerPhone: 10,
} as const;

/** How long a send may be in flight before another one for the same phone is allowed (longer than any vendor timeout). */
const IN_FLIGHT_SECONDS = 35;

interface StoredCode {
  digest: string;
  expiresAt: number;
}

/**
 * SMS verification codes: 6 digits from a CSPRNG, stored only as a keyed
 * digest, bound to phone and purpose, valid 5 minutes, at most 5 tries,
 * one-time, compared in constant time. Keys use the phone's blind index,
 * never the number itself.
 *
 * Limits: 60 s between sends per phone, 10 per phone per Beijing day, an
 * hourly cap per IP. The per-phone quota is spent only once the channel
 * accepted the message: a send the vendor refused or never answered costs
 * the person nothing (the per-IP cap counts attempts, against abuse).
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
      /** Told about every message the channel refused (kind, vendor code, template; never the phone). */
      onChannelError?: SmsChannelErrorListener;
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

  private keys(phone: string, purpose: SmsCodePurpose) {
    const subject = this.deps.cipher.blindIndex('phone', phone);
    const today = beijingDay(this.now());
    return {
      code: `sms:code:${purpose}:${subject}`,
      attempts: `sms:attempts:${purpose}:${subject}`,
      resend: `sms:resend:${subject}`,
      inFlight: `sms:sending:${subject}`,
      daily: `sms:daily:${today.day}:${subject}`,
      dailySeconds: today.secondsLeft,
      subject,
    };
  }

  private digest(phone: string, purpose: SmsCodePurpose, code: string) {
    return createHmac('sha256', this.digestKey).update(`${purpose}\u0000${phone}\u0000${code}`).digest();
  }

  private tooSoon(retryAfter: number) {
    return new AppError('SMS_RESEND_TOO_SOON', { field: 'phone', params: { retryAfter }, details: { retryAfter } });
  }

  /** Sends a fresh code; returns seconds until the next send is allowed and until the code expires. */
  async send(rawPhone: string, purpose: SmsCodePurpose, context: { ip: string; userAgent?: string }) {
    const phone = validatePhone(rawPhone);
    if (!phone.ok) throw new AppError(phone.reason, { field: 'phone' });
    const keys = this.keys(phone.value, purpose);

    try {
      await this.admitSend(keys, context);
    } catch (error) {
      // A send refused by a limit is audited like one the channel refused: with its reason, never the phone.
      if (error instanceof AppError) await this.audit('failure', purpose, keys.subject, context, { reason: error.code });
      throw error;
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    // The send is in flight until its resend interval and quota are recorded: released earlier, another
    // request would find neither and send again.
    try {
      await this.deliver(phone.value, purpose, code, keys, context);
      // Quota and code are recorded only after the channel accepted the message.
      const stored: StoredCode = { digest: this.digest(phone.value, purpose, code).toString('base64url'), expiresAt: this.now() + SMS_CODE_POLICY.ttlSeconds * 1000 };
      await this.deps.store.set(keys.code, JSON.stringify(stored), SMS_CODE_POLICY.ttlSeconds);
      await this.deps.store.delete(keys.attempts);
      await this.deps.store.set(keys.resend, String(this.now() + SMS_CODE_POLICY.resendSeconds * 1000), SMS_CODE_POLICY.resendSeconds);
      await this.deps.store.increment(keys.daily, keys.dailySeconds);
    } finally {
      await this.deps.store.delete(keys.inFlight);
    }
    await this.audit('success', purpose, keys.subject, context);
    return { resendAfter: SMS_CODE_POLICY.resendSeconds, expiresIn: SMS_CODE_POLICY.ttlSeconds };
  }

  /** The message through the channel; a failure the channel reports is audited and answered as SMS_SEND_FAILED. */
  private async deliver(to: string, purpose: SmsCodePurpose, code: string, keys: ReturnType<SmsCodeService['keys']>, context: { ip: string; userAgent?: string }) {
    try {
      await this.deps.sender.send({ to, template: purpose, params: { code }, text: renderSmsText(purpose, this.deps.platformName, { code }) });
    } catch (error) {
      if (!(error instanceof SmsDeliveryError)) throw error;
      this.deps.onChannelError?.({ kind: error.kind, vendorCode: error.vendorCode, template: purpose });
      await this.audit('failure', purpose, keys.subject, context, { reason: 'SMS_SEND_FAILED', kind: error.kind, vendorCode: error.vendorCode });
      throw deliveryAppError(error);
    }
  }

  /**
   * One send in flight per phone, then the resend interval, the phone's daily quota and the address's hourly
   * budget. The checks run once the send is the phone's only one, so they see every send that finished before.
   */
  private async admitSend(keys: ReturnType<SmsCodeService['keys']>, context: { ip: string }) {
    if ((await this.deps.store.increment(keys.inFlight, IN_FLIGHT_SECONDS)) > 1) {
      throw this.tooSoon((await this.deps.store.ttl(keys.inFlight)) ?? IN_FLIGHT_SECONDS);
    }
    try {
      // The next allowed moment is stored (not only a TTL), so the service's clock decides, on any store.
      const nextSendAt = Number((await this.deps.store.get(keys.resend)) ?? 0);
      if (nextSendAt > this.now()) throw this.tooSoon(Math.ceil((nextSendAt - this.now()) / 1000));
      const sentToday = Number((await this.deps.store.get(keys.daily)) ?? 0);
      if (sentToday >= SMS_CODE_POLICY.dailyPerPhone) throw new AppError('SMS_DAILY_LIMIT', { field: 'phone' });
      await this.deps.rateLimiter.hit(RATE_LIMITS.smsPerIpHour, context.ip);
    } catch (error) {
      await this.deps.store.delete(keys.inFlight);
      throw error;
    }
  }

  /**
   * The code waiting for this phone and purpose, if any: seconds until it
   * expires and until another may be sent. A page reloaded after 获取验证码
   * asks this (through its flow), so it shows the countdown and takes the
   * code already received instead of refusing it.
   */
  async pending(phone: string, purpose: SmsCodePurpose): Promise<{ resendAfter: number; expiresIn: number } | null> {
    const keys = this.keys(phone, purpose);
    const raw = await this.deps.store.get(keys.code);
    const stored = raw ? (JSON.parse(raw) as StoredCode) : null;
    const now = this.now();
    if (!stored || stored.expiresAt <= now) return null;
    const nextSendAt = Number((await this.deps.store.get(keys.resend)) ?? 0);
    return { resendAfter: Math.max(0, Math.ceil((nextSendAt - now) / 1000)), expiresIn: Math.ceil((stored.expiresAt - now) / 1000) };
  }

  /**
   * Checks a code; wrong codes count toward the attempt limit. The code stays
   * valid until `consume` (called once the guarded action succeeded), so a
   * form error after a right code does not force a new SMS.
   */
  async check(phone: string, purpose: SmsCodePurpose, code: string, field = 'smsCode'): Promise<void> {
    const keys = this.keys(phone, purpose);
    await this.compare(keys, await this.deps.store.get(keys.code), phone, purpose, code, field);
  }

  /** Makes the code unusable (one-time). Returns false when it was already used. */
  async consume(phone: string, purpose: SmsCodePurpose): Promise<boolean> {
    const keys = this.keys(phone, purpose);
    await this.deps.store.delete(keys.attempts);
    return (await this.deps.store.take(keys.code)) !== null;
  }

  /**
   * Check and consume in one: the code is taken from the store first, so of
   * two requests racing with the right code only one passes. A wrong code is
   * put back (and counts as an attempt).
   */
  async redeem(phone: string, purpose: SmsCodePurpose, code: string, field = 'smsCode'): Promise<void> {
    const keys = this.keys(phone, purpose);
    const raw = await this.deps.store.take(keys.code);
    try {
      await this.compare(keys, raw, phone, purpose, code, field);
    } catch (error) {
      const stored = raw ? (JSON.parse(raw) as StoredCode) : null;
      const secondsLeft = stored ? Math.ceil((stored.expiresAt - this.now()) / 1000) : 0;
      const retriesLeft = error instanceof AppError && error.code === 'SMS_CODE_INVALID';
      if (raw && retriesLeft && secondsLeft > 0) await this.deps.store.set(keys.code, raw, secondsLeft);
      throw error;
    }
    await this.deps.store.delete(keys.attempts);
  }

  private async compare(keys: ReturnType<SmsCodeService['keys']>, raw: string | null, phone: string, purpose: SmsCodePurpose, code: string, field: string) {
    const stored = raw ? (JSON.parse(raw) as StoredCode) : null;
    if (!stored || stored.expiresAt <= this.now()) {
      // A code ended by too many wrong tries is gone too; its attempt counter (cleared only by a
      // new code or a success) tells the person the true reason rather than 已失效.
      const attempts = Number((await this.deps.store.get(keys.attempts)) ?? 0);
      throw new AppError(attempts >= SMS_CODE_POLICY.maxAttempts ? 'SMS_CODE_ATTEMPTS_EXCEEDED' : 'SMS_CODE_EXPIRED', { field });
    }

    const attempts = await this.deps.store.increment(keys.attempts, SMS_CODE_POLICY.ttlSeconds);
    if (attempts > SMS_CODE_POLICY.maxAttempts) {
      await this.deps.store.delete(keys.code);
      throw new AppError('SMS_CODE_ATTEMPTS_EXCEEDED', { field });
    }
    const given = /^\d{6}$/.test(code) ? this.digest(phone, purpose, code) : Buffer.alloc(32);
    if (!timingSafeEqual(given, Buffer.from(stored.digest, 'base64url'))) {
      if (attempts === SMS_CODE_POLICY.maxAttempts) {
        await this.deps.store.delete(keys.code);
        throw new AppError('SMS_CODE_ATTEMPTS_EXCEEDED', { field });
      }
      throw new AppError('SMS_CODE_INVALID', { field });
    }
  }

  private audit(outcome: 'success' | 'failure', template: SmsCodePurpose, phoneIndex: string, context: { ip: string; userAgent?: string }, extra: Record<string, string | null> = {}) {
    return this.deps.audit.append({
      type: AUDIT_EVENT_TYPES.smsSend,
      outcome,
      ip: context.ip,
      userAgent: context.userAgent ?? null,
      detail: { purpose: template, template, phoneIndex: phoneIndex.slice(0, 12), ...extra },
    });
  }
}
