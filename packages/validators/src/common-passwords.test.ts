import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCommonPassword, validateNewPassword } from './common-passwords.ts';

const listed = readFileSync(new URL('../data/common-passwords.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.length > 0 && !line.startsWith('#'));

/** Entries that pass the composition rule on their own once capitalised, the shape people actually submit. */
const listedWords = listed.filter((entry) => /^[a-z]{4,}$/.test(entry));

const randomCase = (value: string, flips: boolean[]) => [...value].map((character, index) => (flips[index % flips.length] ? character.toUpperCase() : character)).join('');

describe('isCommonPassword', () => {
  it('refuses the well-known passwords that satisfy the composition rule', () => {
    for (const password of [
      'Password1!',
      'Qwerty123!',
      'Aa123456!',
      'P@ssw0rd',
      'Pa$$w0rd',
      '1qaz@WSX',
      'Admin@123',
      'Abc@1234',
      'Woaini1314!',
      'Zhangwei1990!',
      'Qq123456.',
      '123456Aa',
      'Zaq12wsx!',
      'Dragon2024#',
    ]) {
      expect(validateNewPassword(password), password).toEqual({ ok: false, reason: 'PASSWORD_TOO_COMMON' });
    }
  });

  it('accepts passwords that merely contain a common word among other characters', () => {
    for (const password of ['Demo@2026pw', 'Aa7395046182!', 'Mxq7!rT2pz', 'correct-Horse-battery-staple-9', 'Sunflower-Basin-Quiet-88', 'x'.repeat(40) + 'A1!']) {
      expect(validateNewPassword(password), password).toEqual({ ok: true, value: password });
    }
  });

  it('is case-insensitive for every listed entry (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...listed), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (entry, flips) => {
        expect(isCommonPassword(randomCase(entry, flips))).toBe(true);
      }),
    );
  });

  it('sees through leetspeak and appended digits and symbols (property)', () => {
    const leet: Record<string, string> = { a: '@', e: '3', i: '1', o: '0', s: '$', t: '7' };
    const suffix = fc.string({ unit: fc.constantFrom(...'0123456789!@#$%.*_'), maxLength: 6 });
    fc.assert(
      fc.property(fc.constantFrom(...listedWords), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), suffix, (word, flips, tail) => {
        const disguised = [...word].map((character, index) => (flips[index % flips.length] ? (leet[character] ?? character) : character)).join('');
        expect(isCommonPassword(disguised[0]!.toUpperCase() + disguised.slice(1) + tail)).toBe(true);
      }),
    );
  });

  it('never refuses a password whose stem is not listed, whatever it ends with (property)', () => {
    // Random 12-letter stems are not words, so only the list itself could refuse them.
    const stem = fc.string({ unit: fc.constantFrom(...'bcdfghjkmnpqrvwxz'), minLength: 12, maxLength: 12 });
    const tail = fc.string({ unit: fc.constantFrom(...'0123456789!@#'), minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(stem, tail, (letters, end) => {
        const password = letters[0]!.toUpperCase() + letters.slice(1) + end;
        expect(validateNewPassword(password)).toEqual({ ok: true, value: password });
      }),
    );
  });

  it('keeps the composition and personal-data rules ahead of the list', () => {
    expect(validateNewPassword('password')).toEqual({ ok: false, reason: 'PASSWORD_COMPLEXITY' });
    expect(validateNewPassword('Zhangsan1!', { username: 'zhangsan' })).toEqual({ ok: false, reason: 'PASSWORD_CONTAINS_PERSONAL' });
    expect(validateNewPassword('Aa1!'.repeat(16) + 'x')).toEqual({ ok: false, reason: 'PASSWORD_LENGTH' });
  });
});
