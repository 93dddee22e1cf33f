import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validatePhone } from './index.ts';
import { phone } from './test-arbitraries.ts';

describe('validatePhone', () => {
  it('accepts mainland mobiles and returns the 11 digits', () => {
    for (const raw of ['13800000001', ' 138 0000 0001 ', '138-0000-0001', '１３８０００００００１', '+86 138 0000 0001', '＋８６１３８０００００００１', '8613800000001', '008613800000001']) {
      expect(validatePhone(raw)).toEqual({ ok: true, value: '13800000001' });
    }
    expect(validatePhone('19912345678')).toEqual({ ok: true, value: '19912345678' });
  });

  it('rejects other numbers', () => {
    for (const raw of ['', '12800000001', '10800000001', '1380000000', '138000000012', '+85261234567', '+1 13800000001', '010-12345678', '1380000000a', '138.0000.0001', '86']) {
      expect(validatePhone(raw)).toEqual({ ok: false, reason: 'PHONE_INVALID' });
    }
  });

  it('accepts every generated mobile, with or without +86 and grouping', () => {
    fc.assert(
      fc.property(phone, fc.constantFrom('', '+86', '86', '+86 '), fc.boolean(), (number, prefix, grouped) => {
        const typed = prefix + (grouped ? `${number.slice(0, 3)} ${number.slice(3, 7)}-${number.slice(7)}` : number);
        expect(validatePhone(typed)).toEqual({ ok: true, value: number });
      }),
    );
  });
});
