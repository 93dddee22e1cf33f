import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validatePassword } from './index.ts';
import { username } from './test-arbitraries.ts';

describe('validatePassword', () => {
  it('accepts 8–64 printable ASCII characters with 3 of 4 character classes, unchanged', () => {
    // The last two are passphrases: up to 64 characters.
    for (const raw of ['Abcdef12', 'abcdef1!', 'ABCDEF1!', 'Abcdefg!', 'Aa1!Aa1!Aa1!Aa1!Aa1!', 'Quiet-River-Maple-Lantern-47', 'Aa1!'.repeat(16)]) {
      expect(validatePassword(raw)).toEqual({ ok: true, value: raw });
    }
  });

  it('enforces the length', () => {
    expect(validatePassword('Abc12!x')).toEqual({ ok: false, reason: 'PASSWORD_LENGTH' });
    expect(validatePassword('Aa1!'.repeat(16) + 'A')).toEqual({ ok: false, reason: 'PASSWORD_LENGTH' });
    expect(validatePassword('')).toEqual({ ok: false, reason: 'PASSWORD_LENGTH' });
  });

  it('does not trim: surrounding spaces are kept and therefore refused', () => {
    expect(validatePassword(' Abcdef12')).toEqual({ ok: false, reason: 'PASSWORD_INVALID_CHARACTERS' });
    expect(validatePassword('Abcdef12 ')).toEqual({ ok: false, reason: 'PASSWORD_INVALID_CHARACTERS' });
  });

  it('allows printable ASCII only', () => {
    for (const raw of ['Abcdef12密码', 'Abcdef12\u0000', 'Abcdef12\t', 'Abcdéf12!', 'Ａbcdef12!', 'Abc def12!']) {
      expect(validatePassword(raw)).toEqual({ ok: false, reason: 'PASSWORD_INVALID_CHARACTERS' });
    }
  });

  it('requires 3 of upper, lower, digit, symbol', () => {
    for (const raw of ['abcdefgh', 'abcdef12', 'ABCDEF12', '12345678', '!@#$%^&*', 'abcdefg!', 'ABCDEF!!', '1234567!']) {
      expect(validatePassword(raw)).toEqual({ ok: false, reason: 'PASSWORD_COMPLEXITY' });
    }
  });

  it('refuses the username, phone and birth date, case-insensitively', () => {
    expect(validatePassword('ZhangSan1!', { username: 'zhangsan' })).toEqual({ ok: false, reason: 'PASSWORD_CONTAINS_PERSONAL' });
    expect(validatePassword('zhangsan1!', { username: 'ZhangSan' })).toEqual({ ok: false, reason: 'PASSWORD_CONTAINS_PERSONAL' });
    expect(validatePassword('Aa13800000001', { phone: '138 0000 0001' })).toEqual({ ok: false, reason: 'PASSWORD_CONTAINS_PERSONAL' });
    expect(validatePassword('Aa!19491231', { birthDate: '19491231' })).toEqual({ ok: false, reason: 'PASSWORD_CONTAINS_PERSONAL' });
    expect(validatePassword('Aa!491231x', { birthDate: '19491231' })).toEqual({ ok: false, reason: 'PASSWORD_CONTAINS_PERSONAL' });
    expect(validatePassword('Aa!491231x', { birthDate: '1949-12-31' })).toEqual({ ok: false, reason: 'PASSWORD_CONTAINS_PERSONAL' });
    expect(validatePassword('Aa!49123x1', { birthDate: '19491231', username: 'zhangsan', phone: '13800000001' }).ok).toBe(true);
  });

  it('ignores empty or missing context values', () => {
    expect(validatePassword('Abcdef12', { username: '', phone: '', birthDate: '' }).ok).toBe(true);
    expect(validatePassword('Abcdef12', { username: null, phone: undefined, birthDate: null }).ok).toBe(true);
  });

  it('never accepts a password containing the username (property)', () => {
    const printable = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 14 });
    fc.assert(
      fc.property(username, printable, printable, fc.boolean(), (name, before, after, upper) => {
        const password = before + (upper ? name.toUpperCase() : name) + after;
        expect(validatePassword(password, { username: name }).ok).toBe(false);
      }),
    );
  });

  it('accepted passwords satisfy every rule (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 72 }), (raw) => {
        const result = validatePassword(raw);
        if (!result.ok) return;
        expect(result.value).toBe(raw);
        expect(raw.length).toBeGreaterThanOrEqual(8);
        expect(raw.length).toBeLessThanOrEqual(64);
        expect(raw).toMatch(/^[\x21-\x7e]+$/);
      }),
    );
  });
});
