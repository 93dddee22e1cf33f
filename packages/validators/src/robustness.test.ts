import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  birthDateFromIdNumber,
  computeUsccCheckChar,
  detectIdentifierKind,
  ID_TYPES,
  maskIdNumber,
  maskName,
  maskPhone,
  normalizeIdentifier,
  normalizeIdNumber,
  validateIdNumber,
  validateName,
  validatePassword,
  validatePhone,
  validateUscc,
  validateUsername,
  verifyResidentIdChecksum,
  verifyUsccChecksum,
} from './index.ts';

const hostileStrings = [
  '',
  ' ',
  '\u0000',
  '\u0007\b\n\r\t',
  '\u202E11010519491231002X', // right-to-left override
  '1'.repeat(10_000),
  'a'.repeat(10_000),
  '张'.repeat(10_000),
  'Aa1!'.repeat(2_500),
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  "' OR '1'='1",
  "Robert'); DROP TABLE users;--",
  '${7*7}{{7*7}}',
  '\uD800', // lone surrogate
];

// Values a JSON body or a careless caller may hand over despite the types.
const nonStrings: unknown[] = [undefined, null, 0, 13800000001, Number.NaN, true, {}, [], ['13800000001'], { toString: () => '13800000001' }, Symbol('x'), () => 'x'];

const idTypes = ID_TYPES.map((t) => t.value);
type AnyFn = (...args: any[]) => any;

describe('bad input never throws', () => {
  it('validators reject hostile strings', () => {
    for (const raw of hostileStrings) {
      for (const idType of idTypes) expect(validateIdNumber(idType, raw).ok).toBe(false);
      expect(validateName(raw).ok).toBe(false);
      expect(validatePhone(raw).ok).toBe(false);
      expect(validateUsername(raw).ok).toBe(false);
      expect(detectIdentifierKind(raw)).toBe('username');
      expect(verifyResidentIdChecksum(raw)).toBe(false);
      expect(validateUscc(raw).ok).toBe(false);
      expect(verifyUsccChecksum(raw)).toBe(false);
      expect(computeUsccCheckChar(raw)).toBeNull();
    }
  });

  it('validators reject non-string input at runtime', () => {
    for (const value of nonStrings) {
      const raw = value as any;
      for (const idType of idTypes) expect(validateIdNumber(idType, raw)).toEqual({ ok: false, reason: 'ID_NUMBER_FORMAT' });
      expect(validateIdNumber(raw, '11010519491231002X')).toEqual({ ok: false, reason: 'ID_TYPE_INVALID' });
      expect(validateName(raw)).toEqual({ ok: false, reason: 'NAME_INVALID' });
      expect(validatePhone(raw)).toEqual({ ok: false, reason: 'PHONE_INVALID' });
      expect(validateUsername(raw)).toEqual({ ok: false, reason: 'USERNAME_INVALID' });
      expect(validatePassword(raw)).toEqual({ ok: false, reason: 'PASSWORD_LENGTH' });
      expect(validatePassword('Abcdef12!', raw ?? undefined).ok).toBe(true);
      expect(validatePassword('Abcdef12!', { username: raw, phone: raw, birthDate: raw }).ok).toBe(true);
      expect(normalizeIdNumber(raw)).toBe('');
      expect(normalizeIdentifier(raw)).toEqual({ kind: 'username', value: '' });
      expect(birthDateFromIdNumber('resident_id', raw)).toBeNull();
      expect(birthDateFromIdNumber(raw, '11010519491231002X')).toBeNull();
      expect(verifyResidentIdChecksum(raw)).toBe(false);
      expect(maskIdNumber(raw)).toBe('');
      expect(maskPhone(raw)).toBe('');
      expect(maskName(raw)).toBe('');
      expect(validateUscc(raw)).toEqual({ ok: false, reason: 'USCC_FORMAT' });
      expect(verifyUsccChecksum(raw)).toBe(false);
      expect(computeUsccCheckChar(raw)).toBeNull();
    }
  });

  it('passwords: hostile strings are either refused or kept verbatim (symbols are legitimate in passwords)', () => {
    for (const raw of hostileStrings) {
      const result = validatePassword(raw, { username: raw, phone: raw, birthDate: raw });
      if (result.ok) expect(result.value).toBe(raw);
    }
    expect(validatePassword("' OR '1'='1").ok).toBe(false); // space is not allowed
    // Markup is just characters in a password: hashed, never shown.
    expect(validatePassword('<script>alert(1)</script>')).toEqual({ ok: true, value: '<script>alert(1)</script>' });
  });

  it('no function throws on arbitrary Unicode (property)', () => {
    const fns: AnyFn[] = [
      normalizeIdNumber,
      validateName,
      validatePhone,
      validateUsername,
      validatePassword,
      detectIdentifierKind,
      normalizeIdentifier,
      verifyResidentIdChecksum,
      maskIdNumber,
      maskName,
      maskPhone,
      validateUscc,
      verifyUsccChecksum,
      computeUsccCheckChar,
    ];
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom(...idTypes), (raw, idType) => {
        for (const fn of fns) expect(() => fn(raw)).not.toThrow();
        expect(() => validateIdNumber(idType, raw)).not.toThrow();
        expect(() => birthDateFromIdNumber(idType, raw)).not.toThrow();
        expect(() => validatePassword(raw, { username: raw, phone: raw, birthDate: raw })).not.toThrow();
      }),
    );
  });

  it('handles 10k-character input quickly', () => {
    const start = performance.now();
    for (let i = 0; i < 100; i++) {
      for (const raw of hostileStrings) {
        validateName(raw);
        validatePhone(raw);
        validateUsername(raw);
        validatePassword(raw);
        detectIdentifierKind(raw);
        validateUscc(raw);
        for (const idType of idTypes) validateIdNumber(idType, raw);
      }
    }
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});
