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
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('110105194912311234')).toBe('110***********1234');
    expect(maskPhone('13800000001')).toBe('138****0001');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('H12345678')).toBe('H12**5678');
    expect(maskIdNumber('12345678')).toBe('123*5678');
  });

  it('keeps only the first and last character of short values', () => {
    expect(maskIdNumber('1234567')).toBe('1*****7');
    expect(maskIdNumber('123')).toBe('1*3');
    expect(maskIdNumber('12')).toBe('**');
    expect(maskIdNumber('1')).toBe('*');
    expect(maskIdNumber('')).toBe('');
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
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('欧阳小锋')).toBe('欧**锋');
    expect(maskName('阿依古丽·买买提')).toBe('阿******提');
    expect(maskName('王𠇔')).toBe('王*');
    expect(maskName('张')).toBe('*');
    expect(maskName('')).toBe('');
  });

  it('keeps the first letter of each word of Latin names', () => {
    expect(maskName('John Smith')).toBe('J*** S****');
    expect(maskName("Seán O'Brien")).toBe('S*** O******');
    expect(maskName('John F Kennedy')).toBe('J*** * K******');
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
