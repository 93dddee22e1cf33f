import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import { DEFAULT_CAPTCHA_LENGTH, generateCaptchaText } from './captcha-text.ts';
import { renderCaptchaPng } from './render-captcha-png.ts';

export const CAPTCHA_TTL_SECONDS = 300;

/**
 * The strict captcha, for an address that keeps sending wrong passwords
 * (LoginThrottle.wantsStrictCaptcha): 6 characters instead of 4, so each
 * guess of a solver costs 900 times more blind tries, and a person only a
 * little more typing.
 */
export const STRICT_CAPTCHA_LENGTH = 6;

export interface CaptchaChallenge {
  id: string;
  image: string;
  expiresIn: number;
}

/**
 * Graphic captcha (图形验证码): the answer stays on the server, the client
 * gets a PNG. A challenge is one-time: any verification, right or wrong,
 * consumes it, so every failure needs a fresh challenge.
 */
export class CaptchaService {
  constructor(private readonly store: KeyValueStore) {}

  private key(id: string) {
    return `captcha:${id}`;
  }

  async create(options: { strict?: boolean } = {}): Promise<CaptchaChallenge> {
    const id = `c_${randomBytes(16).toString('base64url')}`;
    const answer = generateCaptchaText(options.strict ? STRICT_CAPTCHA_LENGTH : DEFAULT_CAPTCHA_LENGTH);
    await this.store.set(this.key(id), answer, CAPTCHA_TTL_SECONDS);
    const image = `data:image/png;base64,${renderCaptchaPng(answer).toString('base64')}`;
    return { id, image, expiresIn: CAPTCHA_TTL_SECONDS };
  }

  /** Consumes the challenge; throws CAPTCHA_EXPIRED / CAPTCHA_INVALID. */
  async verify(id: string, answer: string, field = 'captchaAnswer'): Promise<void> {
    const expected = /^c_[\w-]{22}$/.test(id) ? await this.store.take(this.key(id)) : null;
    if (expected === null) throw new AppError('CAPTCHA_EXPIRED', { field });
    const given = Buffer.from(answer.trim().toUpperCase());
    const wanted = Buffer.from(expected);
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
      throw new AppError('CAPTCHA_INVALID', { field });
    }
  }

  /** The answer without consuming the challenge: for the demo hook /dev/captcha, and tests in production mode (Platform.captcha). */
  peek(id: string) {
    return this.store.get(this.key(id));
  }
}
