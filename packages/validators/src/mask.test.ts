import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './index.ts';

const chars = (s: string) => Array.from(s);

/** Positions whose character the mask may show; all others must be '*'. */
function assertRevealsOnly(input: string, masked: string, visible: (index: number, length: number) => boolean) {
  const source = chars(input);
  const output = chars(masked);
  expect(output.length).toBe(source.length);
  output.forEach((ch, i) => {
    if (ch === '*') return;
    expect(visible(i, source.length)).toBe(true);
    expect(ch).toBe(source[i]);
  });
}

const codeVisible = (i: number, n: number) => (n >= 8 ? i < 3 || i >= n - 4 : n >= 3 && (i === 0 || i === n - 1));

describe('maskIdNumber / maskPhone', () => {
  it('keeps the first 3 and last 4 characters', () => {
    for (const [raw, masked] of [
      ['11010519491231002X', '110***********002X'],
      ['110105194912311234', '110***********1234'],
      ['H12345678', 'H12**5678'],
      ['12345678', '123*5678'],
    ] as const) {
      expect(maskIdNumber(raw)).toBe(masked);
    }
    for (const [raw, masked] of [
      ['13800000001', '138****0001'],
      ['13812345678', '138****5678'],
    ] as const) {
      expect(maskPhone(raw)).toBe(masked);
    }
  });

  it('keeps only the first and last character of short values', () => {
    for (const [raw, masked] of [
      ['1234567', '1*****7'],
      ['123', '1*3'],
      ['12', '**'],
      ['1', '*'],
      ['', ''],
    ] as const) {
      expect(maskIdNumber(raw)).toBe(masked);
    }
  });

  it('never reveals more than the stated characters and keeps the length (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (value) => {
        assertRevealsOnly(value, maskIdNumber(value), codeVisible);
        assertRevealsOnly(value, maskPhone(value), codeVisible);
      }),
    );
  });
});

describe('maskName', () => {
  it('masks Chinese names', () => {
    for (const [raw, masked] of [
      ['张三', '张*'],
      ['张小三', '张*三'],
      ['欧阳小锋', '欧**锋'],
      ['阿依古丽·买买提', '阿******提'],
      ['王𠇔', '王*'],
      ['张', '*'],
      ['', ''],
    ] as const) {
      expect(maskName(raw)).toBe(masked);
    }
  });

  it('keeps the first letter of each word of Latin names', () => {
    for (const [raw, masked] of [
      ['John Smith', 'J*** S****'],
      ["Seán O'Brien", 'S*** O******'],
      ['John F Kennedy', 'J*** * K******'],
    ] as const) {
      expect(maskName(raw)).toBe(masked);
    }
  });

  it('reveals at most the first and last character of Chinese names and keeps the length (property)', () => {
    const han = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(han, fc.constant('·')), minLength: 1, maxLength: 30 }), (name) => {
        assertRevealsOnly(name, maskName(name), (i, n) => i === 0 || (n >= 3 && i === n - 1));
      }),
    );
  });

  it('reveals only word initials of Latin names and keeps the length (property)', () => {
    const word = fc.stringMatching(/^[A-Za-z][a-z'.-]{0,10}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), (words) => {
        const name = words.join(' ');
        const initials = new Set<number>();
        let at = 0;
        for (const w of words) {
          if (w.length > 1) initials.add(at);
          at += w.length + 1;
        }
        const masked = maskName(name);
        assertRevealsOnly(name, masked.replace(/ /g, '*'), (i) => initials.has(i));
        expect(masked.split(' ').length).toBe(words.length);
      }),
    );
  });
});
