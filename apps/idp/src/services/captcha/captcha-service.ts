import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import { generateCaptchaText } from './captcha-text.ts';
import { renderCaptchaPng } from './render-captcha-png.ts';

export const CAPTCHA_TTL_SECONDS = 300;

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

  async create(): Promise<CaptchaChallenge> {
    const id = `c_${randomBytes(16).toString('base64url')}`;
    const answer = generateCaptchaText();
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

  /** Demo hook only: the answer without consuming the challenge. */
  peek(id: string) {
    return this.store.get(this.key(id));
  }
}
