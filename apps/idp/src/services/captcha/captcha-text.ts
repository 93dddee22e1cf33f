import { randomInt } from 'node:crypto';

/**
 * Symbols a captcha answer is drawn from: upper-case only (answers are compared
 * case-insensitively), without glyphs that are easily confused with each other:
 * no 0/O, 1/I, 2/Z. `L` stays — with 1 and I gone it has no look-alike.
 * 30 symbols, so a 4-character answer has 30^4 = 810 000 possibilities.
 */
export const CAPTCHA_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXY3456789';

export const DEFAULT_CAPTCHA_LENGTH = 4;

/** Longest answer we are willing to generate (and the renderer will lay out). */
export const MAX_CAPTCHA_LENGTH = 12;

/**
 * A fresh captcha answer, each character drawn uniformly from
 * {@link CAPTCHA_ALPHABET} with `crypto.randomInt` (CSPRNG, no modulo bias).
 */
export function generateCaptchaText(length: number = DEFAULT_CAPTCHA_LENGTH): string {
  if (!Number.isInteger(length) || length < 1 || length > MAX_CAPTCHA_LENGTH) {
    throw new RangeError(`captcha length must be an integer between 1 and ${MAX_CAPTCHA_LENGTH}`);
  }
  let text = '';
  for (let i = 0; i < length; i++) text += CAPTCHA_ALPHABET.charAt(randomInt(CAPTCHA_ALPHABET.length));
  return text;
}
