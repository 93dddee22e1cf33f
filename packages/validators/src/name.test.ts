import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateName } from './index.ts';

describe('validateName', () => {
  it('accepts Chinese names of 2–30 characters, trimmed', () => {
    expect(validateName('张三')).toEqual({ ok: true, value: '张三' });
    expect(validateName('  欧阳锋\n')).toEqual({ ok: true, value: '欧阳锋' });
    expect(validateName('张 三')).toEqual({ ok: true, value: '张三' });
    expect(validateName('王'.repeat(30)).ok).toBe(true);
    expect(validateName('王'.repeat(31))).toEqual({ ok: false, reason: 'NAME_INVALID' });
    expect(validateName('王')).toEqual({ ok: false, reason: 'NAME_INVALID' });
  });

  it('accepts rare characters outside the BMP, counted as one character', () => {
    expect(validateName('王𠇔')).toEqual({ ok: true, value: '王𠇔' });
    expect(validateName('𠇔'.repeat(30)).ok).toBe(true);
  });

  it('accepts minority names with a middle dot and normalizes look-alike dots', () => {
    expect(validateName('阿依古丽·买买提')).toEqual({ ok: true, value: '阿依古丽·买买提' });
    for (const dot of ['•', '・', '･', '‧', '∙', '⋅']) {
      expect(validateName(`阿依古丽${dot}买买提`)).toEqual({ ok: true, value: '阿依古丽·买买提' });
    }
    expect(validateName('阿依古丽 · 买买提')).toEqual({ ok: true, value: '阿依古丽·买买提' });
  });

  it('rejects misplaced dots', () => {
    for (const raw of ['·张三', '张三·', '张··三', '·', '张·']) {
      expect(validateName(raw)).toEqual({ ok: false, reason: 'NAME_INVALID' });
    }
  });

  it('accepts Latin names with spaces, dots, hyphens and apostrophes', () => {
    expect(validateName('John Smith')).toEqual({ ok: true, value: 'John Smith' });
    expect(validateName("Seán O'Brien-Müller Jr.")).toEqual({ ok: true, value: "Seán O'Brien-Müller Jr." });
    expect(validateName('Jose\u0301')).toEqual({ ok: true, value: 'José' }); // combining accent → NFC
    expect(validateName('Anna   Lee')).toEqual({ ok: true, value: 'Anna Lee' });
    expect(validateName('Al')).toEqual({ ok: true, value: 'Al' });
    expect(validateName('A'.repeat(60)).ok).toBe(true);
    expect(validateName('A'.repeat(61))).toEqual({ ok: false, reason: 'NAME_INVALID' });
    expect(validateName('A')).toEqual({ ok: false, reason: 'NAME_INVALID' });
  });

  it('rejects digits, control characters, markup, mixed scripts and symbols', () => {
    for (const raw of [
      '张三1',
      'John2',
      '张\u0000三',
      'John\u0007Smith',
      '<b>张三</b>',
      '<script>alert(1)</script>',
      "' OR 1=1 --",
      '张三John',
      '-John',
      "'John",
      '张三!',
      'John_Smith',
      '😀😀',
      'Иван',
      '',
    ]) {
      expect(validateName(raw)).toEqual({ ok: false, reason: 'NAME_INVALID' });
    }
  });

  it('accepted names never contain digits, angle brackets or control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (raw) => {
        const result = validateName(raw);
        if (result.ok) expect(result.value).not.toMatch(/[\d<>&\p{Cc}]/u);
      }),
    );
  });
});
