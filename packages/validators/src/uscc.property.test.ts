import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeUsccCheckChar, validateUscc, verifyUsccChecksum } from './index.ts';
import { uscc } from './test-arbitraries.ts';
import { USCC_CHARSET } from './uscc.ts';

const FULL_WIDTH_OFFSET = 0xfee0;

/** The same code as a user might type it: random full-width and lower-case characters, grouping spaces. */
const typedUscc = uscc.chain((code) =>
  fc
    .tuple(fc.array(fc.boolean(), { minLength: 18, maxLength: 18 }), fc.array(fc.boolean(), { minLength: 18, maxLength: 18 }), fc.constantFrom('', ' ', '\u3000', '\u200B'))
    .map(([fullWidth, lower, space]) => {
      const chars = [...code].map((c, i) => {
        const ch = lower[i] ? c.toLowerCase() : c;
        return fullWidth[i] ? String.fromCharCode(ch.charCodeAt(0) + FULL_WIDTH_OFFSET) : ch;
      });
      return [code, `${space}${chars.slice(0, 2).join('')}${space}${chars.slice(2, 8).join('')}${space}${chars.slice(8).join('')}${space}`] as const;
    }),
);

const swap = (code: string, i: number, j: number) => {
  const chars = [...code];
  [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  return chars.join('');
};

describe('USCC (property-based)', () => {
  it('every generated structurally valid code passes', () => {
    fc.assert(
      fc.property(uscc, (code) => {
        expect(verifyUsccChecksum(code)).toBe(true);
        expect(validateUscc(code)).toEqual({ ok: true, value: code });
      }),
    );
  });

  it('accepts typed variants (full-width, lower case, spaces) and normalizes them', () => {
    fc.assert(
      fc.property(typedUscc, ([code, typed]) => {
        expect(validateUscc(typed)).toEqual({ ok: true, value: code });
      }),
    );
  });

  // Weights are 3^(i−1) mod 31 (non-zero, 31 prime) and the check character
  // has weight 1, so changing any one character changes Σ mod 31.
  it('every single-character substitution (within the code set) breaks the GB 32100 check and fails validation', () => {
    fc.assert(
      fc.property(uscc, (code) => {
        for (let position = 0; position < 18; position++) {
          for (const ch of USCC_CHARSET) {
            if (ch === code[position]) continue;
            const changed = code.slice(0, position) + ch + code.slice(position + 1);
            expect(verifyUsccChecksum(changed)).toBe(false);
            expect(validateUscc(changed).ok).toBe(false);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('a substitution by a character outside the code set is a format error', () => {
    fc.assert(
      fc.property(uscc, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...'IOZSV-_.'), (code, position, ch) => {
        const changed = code.slice(0, position) + ch + code.slice(position + 1);
        expect(validateUscc(changed)).toEqual({ ok: false, reason: 'USCC_FORMAT' });
      }),
    );
  });

  // Swapping different characters at positions i < j changes Σ by
  // (v_j − v_i)(w_i − w_j). Among the 17 body weights 3^0 … 3^16 all differ
  // (3 has order 30 mod 31), and the check character's weight 1 differs from
  // all but w_1 = 1. So every adjacent transposition (including 17↔18:
  // w_17 = 28 ≠ 1) is detected, and the single blind spot of the checksum is
  // swapping positions 1 and 18.
  it('every adjacent transposition of two different characters breaks the GB 32100 check and fails validation', () => {
    fc.assert(
      fc.property(uscc, (code) => {
        for (let position = 0; position < 17; position++) {
          if (code[position] === code[position + 1]) continue;
          const swapped = swap(code, position, position + 1);
          expect(verifyUsccChecksum(swapped)).toBe(false);
          expect(validateUscc(swapped).ok).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every non-adjacent transposition is detected too, except positions 1 and 18 (both weight 1)', () => {
    fc.assert(
      fc.property(uscc, (code) => {
        for (let i = 0; i < 18; i++) {
          for (let j = i + 2; j < 18; j++) {
            if (code[i] === code[j]) continue;
            expect(verifyUsccChecksum(swap(code, i, j))).toBe(i === 0 && j === 17);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('the check character is a function of the first 17 characters only and always in the code set', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...USCC_CHARSET), minLength: 17, maxLength: 17 }), (first17) => {
        const check = computeUsccCheckChar(first17);
        expect(USCC_CHARSET).toContain(check);
        expect(verifyUsccChecksum(first17 + check)).toBe(true);
      }),
    );
  });

  it('validation is stable: a valid result re-validates to itself', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          typedUscc.map(([, typed]) => typed),
          fc.string({ unit: 'binary', maxLength: 40 }),
        ),
        (raw) => {
          const first = validateUscc(raw);
          if (first.ok) expect(validateUscc(first.value)).toEqual(first);
        },
      ),
    );
  });
});
