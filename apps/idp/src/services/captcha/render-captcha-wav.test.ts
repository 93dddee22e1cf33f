import { describe, expect, it } from 'vitest';
import { decodeSpokenDigits } from '../../../test/support/spoken-digits.ts';
import { CAPTCHA_AUDIO_RATE, digitClips, pcmSamples, renderCaptchaWav } from './render-captcha-wav.ts';

/** Deterministic stand-in for crypto.randomInt (mulberry32). */
function seededInt(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

describe('digit clips', () => {
  it('are ten distinct spoken digits of a fraction of a second each', () => {
    const clips = digitClips();
    expect(clips).toHaveLength(10);
    for (const clip of clips) {
      expect(clip.length / CAPTCHA_AUDIO_RATE).toBeGreaterThan(0.2);
      expect(clip.length / CAPTCHA_AUDIO_RATE).toBeLessThan(1);
    }
    expect(new Set(clips.map((clip) => Buffer.from(clip.buffer).toString('base64'))).size).toBe(10);
  });
});

describe('renderCaptchaWav', () => {
  it('writes an 8 kHz 16-bit mono PCM WAV', () => {
    const wav = renderCaptchaWav('123456');
    expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
    expect(wav.toString('latin1', 8, 16)).toBe('WAVEfmt ');
    expect(wav.readUInt16LE(20)).toBe(1);
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(wav.readUInt32LE(40)).toBe(wav.length - 44);
  });

  it('speaks the challenge: every digit, in order, decodes by cross-correlation with the clips', () => {
    const random = seededInt(2026);
    for (let round = 0; round < 4; round++) {
      const digits = Array.from({ length: 8 }, () => String(random(10))).join('');
      const { digits: heard, scores } = decodeSpokenDigits(renderCaptchaWav(digits, seededInt(round)));
      expect(heard).toBe(digits);
      // Unrelated sounds correlate near 0; a spoken digit under the noise stays well above.
      for (const score of scores) expect(score).toBeGreaterThan(0.4);
    }
    // 32 digits × 10 clips × ~400 offsets of correlation: seconds of CPU on a machine busy compiling (as CI's is).
  }, 30_000);

  it('covers all ten digits', () => {
    expect(decodeSpokenDigits(renderCaptchaWav('0123456789')).digits).toBe('0123456789');
  });

  it('varies pauses, loudness and noise between two challenges with the same digits', () => {
    const a = renderCaptchaWav('555555', seededInt(1));
    const b = renderCaptchaWav('555555', seededInt(2));
    expect(a.equals(b)).toBe(false);
    expect(pcmSamples(a).length).not.toBe(pcmSamples(b).length);
    expect(renderCaptchaWav('555555', seededInt(1)).equals(a)).toBe(true);
  });

  it('speaks digits only', () => {
    expect(() => renderCaptchaWav('12A4')).toThrow(RangeError);
    expect(() => renderCaptchaWav('')).toThrow(RangeError);
  });
});
