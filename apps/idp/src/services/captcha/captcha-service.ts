import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';
import { DEFAULT_CAPTCHA_LENGTH, generateCaptchaText } from './captcha-text.ts';
import { renderCaptchaPng } from './render-captcha-png.ts';
import { renderCaptchaWav } from './render-captcha-wav.ts';

export const CAPTCHA_TTL_SECONDS = 300;

/**
 * The strict captcha, for an address that keeps sending wrong passwords
 * (LoginThrottle.wantsStrictCaptcha): 6 characters instead of 4, so each
 * guess of a solver costs 900 times more blind tries, and a person only a
 * little more typing.
 */
export const STRICT_CAPTCHA_LENGTH = 6;

/**
 * Digits in the audio challenge (听语音验证码), normal and strict: 10⁶ and 10⁸
 * answers, about the 30⁴ and 30⁶ of the picture.
 */
export const AUDIO_CAPTCHA_LENGTH = 6;
export const STRICT_AUDIO_CAPTCHA_LENGTH = 8;

export interface CaptchaChallenge {
  id: string;
  image: string;
  expiresIn: number;
}

export interface AudioCaptchaChallenge {
  id: string;
  /** A WAV file as a data URL (the page plays it through Web Audio: the CSP allows no data: media). */
  audio: string;
  expiresIn: number;
}

/**
 * Graphic captcha (图形验证码): the answer stays on the server, the client
 * gets a PNG — or, for whoever cannot see it, a WAV of spoken digits (a
 * challenge of its own, checked by the same `verify`). A challenge is
 * one-time: any verification, right or wrong, consumes it, so every failure
 * needs a fresh challenge; its picture or sound exists only in the answer
 * that created it.
 */
export class CaptchaService {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number = Date.now,
    private readonly audit: AuditLog | null = null,
  ) {}

  private key(id: string) {
    return `captcha:${id}`;
  }

  async create(options: { strict?: boolean } = {}): Promise<CaptchaChallenge> {
    const answer = generateCaptchaText(options.strict ? STRICT_CAPTCHA_LENGTH : DEFAULT_CAPTCHA_LENGTH);
    const id = await this.remember(answer);
    return { id, image: `data:image/png;base64,${renderCaptchaPng(answer).toString('base64')}`, expiresIn: CAPTCHA_TTL_SECONDS };
  }

  /** 听语音验证码: a challenge of spoken digits, as long as `strict` asks (see STRICT_CAPTCHA_LENGTH). */
  async createAudio(options: { strict?: boolean } = {}): Promise<AudioCaptchaChallenge> {
    const length = options.strict ? STRICT_AUDIO_CAPTCHA_LENGTH : AUDIO_CAPTCHA_LENGTH;
    const answer = Array.from({ length }, () => String(randomInt(10))).join('');
    const id = await this.remember(answer);
    return { id, audio: `data:audio/wav;base64,${renderCaptchaWav(answer).toString('base64')}`, expiresIn: CAPTCHA_TTL_SECONDS };
  }

  /** Stored as `<expiresAt>:<answer>`: the service clock decides expiry on any store (its TTL only cleans up). */
  private async remember(answer: string): Promise<string> {
    const id = `c_${randomBytes(16).toString('base64url')}`;
    await this.store.set(this.key(id), `${this.now() + CAPTCHA_TTL_SECONDS * 1000}:${answer}`, CAPTCHA_TTL_SECONDS);
    return id;
  }

  private answerOf(stored: string | null): string | null {
    const match = stored === null ? null : /^(\d+):(.*)$/.exec(stored);
    return match && Number(match[1]) > this.now() ? match[2]! : null;
  }

  /** Consumes the challenge; throws CAPTCHA_EXPIRED / CAPTCHA_INVALID, each audited (`captcha.verify`) with the address. */
  async verify(id: string, answer: string, context: { ip: string; userAgent?: string }, field = 'captchaAnswer'): Promise<void> {
    const expected = /^c_[\w-]{22}$/.test(id) ? this.answerOf(await this.store.take(this.key(id))) : null;
    // Spaces never belong to an answer; people type spoken digits in groups.
    const given = Buffer.from(answer.replace(/\s+/g, '').toUpperCase());
    const wanted = Buffer.from(expected ?? '');
    const reason = expected === null ? 'CAPTCHA_EXPIRED' : given.length !== wanted.length || !timingSafeEqual(given, wanted) ? 'CAPTCHA_INVALID' : null;
    if (reason === null) return;
    await this.audit?.append({ type: AUDIT_EVENT_TYPES.captchaVerify, outcome: 'failure', ip: context.ip, userAgent: context.userAgent ?? null, detail: { reason } });
    throw new AppError(reason, { field });
  }

  /** The answer without consuming the challenge: for the demo hook /dev/captcha, and tests in production mode (Platform.captcha). */
  async peek(id: string): Promise<string | null> {
    return this.answerOf(await this.store.get(this.key(id)));
  }
}
