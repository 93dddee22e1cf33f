import { describe, it, expect } from 'vitest';
import { CAPTCHA_ALPHABET, DEFAULT_CAPTCHA_LENGTH, MAX_CAPTCHA_LENGTH, generateCaptchaText } from './captcha-text.ts';

describe('CAPTCHA_ALPHABET', () => {
  it('has at least 28 distinct upper-case symbols', () => {
    expect(new Set(CAPTCHA_ALPHABET).size).toBe(CAPTCHA_ALPHABET.length);
    expect(CAPTCHA_ALPHABET.length).toBeGreaterThanOrEqual(28);
    expect(CAPTCHA_ALPHABET).toBe(CAPTCHA_ALPHABET.toUpperCase());
    expect(CAPTCHA_ALPHABET).toMatch(/^[A-Z0-9]+$/);
  });

  it('leaves out confusable glyphs', () => {
    for (const ch of '0O1I2Z') expect(CAPTCHA_ALPHABET).not.toContain(ch);
  });
});

describe('generateCaptchaText', () => {
  it('defaults to four characters', () => {
    expect(DEFAULT_CAPTCHA_LENGTH).toBe(4);
    expect(generateCaptchaText()).toHaveLength(4);
  });

  it('has the requested length and uses only the alphabet', () => {
    for (const length of [1, 4, 6, MAX_CAPTCHA_LENGTH]) {
      for (let i = 0; i < 50; i++) {
        const text = generateCaptchaText(length);
        expect(text).toHaveLength(length);
        for (const ch of text) expect(CAPTCHA_ALPHABET).toContain(ch);
      }
    }
  });

  it('draws from the whole alphabet and varies between calls', () => {
    const seen = new Set<string>();
    const texts = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const text = generateCaptchaText();
      texts.add(text);
      for (const ch of text) seen.add(ch);
    }
    // 2000 draws from 30 symbols: missing one has probability ≈ 30·(29/30)^2000 ≈ 1e-28.
    expect(seen.size).toBe(CAPTCHA_ALPHABET.length);
    expect(texts.size).toBeGreaterThan(490);
  });

  it('rejects invalid lengths', () => {
    for (const bad of [0, -1, 2.5, MAX_CAPTCHA_LENGTH + 1, Number.NaN]) {
      expect(() => generateCaptchaText(bad)).toThrow(RangeError);
    }
  });
});
