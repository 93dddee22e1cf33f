import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeResidentIdCheckChar, verifyResidentIdChecksum } from './checksum.ts';
import { normalizeIdNumber, validateIdNumber } from './index.ts';
import { foreignPermanentResidence2023, hmtResidencePermit, residentId, residentIdBody, TEST_NOW, typedVariant } from './test-arbitraries.ts';

const now = TEST_NOW;

describe('GB 11643 numbers (property-based)', () => {
  it('a body with its computed check character is a valid resident ID', () => {
    fc.assert(
      fc.property(residentIdBody, (body) => {
        const id = body + computeResidentIdCheckChar(body);
        expect(validateIdNumber('resident_id', id, { now })).toEqual({ ok: true, value: id });
      }),
    );
  });

  it('detects every single-digit change in the first 17 digits', () => {
    fc.assert(
      fc.property(residentId, (id) => {
        for (let position = 0; position < 17; position++) {
          for (const digit of '0123456789') {
            if (digit === id[position]) continue;
            const changed = id.slice(0, position) + digit + id.slice(position + 1);
            expect(verifyResidentIdChecksum(changed)).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('detects every change of the check character', () => {
    fc.assert(
      fc.property(residentId, (id) => {
        for (const check of '0123456789X') {
          if (check !== id[17]) expect(verifyResidentIdChecksum(id.slice(0, 17) + check)).toBe(false);
        }
      }),
    );
  });

  it('detects every swap of two adjacent different digits in the body', () => {
    fc.assert(
      fc.property(residentId, (id) => {
        for (let position = 0; position < 16; position++) {
          if (id[position] === id[position + 1]) continue;
          const swapped = id.slice(0, position) + id[position + 1] + id[position] + id.slice(position + 2);
          expect(verifyResidentIdChecksum(swapped)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('accepts the typed variants (full-width, lower-case x, spaces) of valid numbers and normalizes them', () => {
    fc.assert(
      fc.property(
        residentId.chain((id) => fc.tuple(fc.constant(id), typedVariant(id))),
        ([id, typed]) => {
          expect(validateIdNumber('resident_id', typed, { now })).toEqual({ ok: true, value: id });
        },
      ),
    );
  });

  it('accepts generated residence permits and 2023 permanent residence cards', () => {
    fc.assert(
      fc.property(hmtResidencePermit, foreignPermanentResidence2023, (hmt, fpr) => {
        expect(validateIdNumber('hmt_residence_permit', hmt, { now }).ok).toBe(true);
        expect(validateIdNumber('foreign_permanent_residence', fpr, { now }).ok).toBe(true);
        // Each is the wrong document under the resident ID type.
        expect(validateIdNumber('resident_id', hmt, { now }).ok).toBe(false);
        expect(validateIdNumber('resident_id', fpr, { now }).ok).toBe(false);
      }),
    );
  });
});

describe('normalizeIdNumber (property-based)', () => {
  const interesting = fc.string({
    unit: fc.oneof(
      fc.constantFrom(...'0123456789xXhH() \t\u3000\u00A0\u200B\u2169'),
      fc.integer({ min: 0xff01, max: 0xff5e }).map((code) => String.fromCharCode(code)),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    maxLength: 40,
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(interesting, fc.string({ unit: 'binary' })), (raw) => {
        const once = normalizeIdNumber(raw);
        expect(normalizeIdNumber(once)).toBe(once);
      }),
    );
  });

  it('leaves no whitespace, lower-case ASCII or full-width ASCII', () => {
    fc.assert(
      fc.property(interesting, (raw) => {
        expect(normalizeIdNumber(raw)).not.toMatch(/[\s a-z\uFF01-\uFF5E]/);
      }),
    );
  });

  it('validation results are stable under re-validation of the value', () => {
    const types = ['resident_id', 'hk_macao_permit', 'taiwan_permit', 'hmt_residence_permit', 'foreign_permanent_residence', 'passport'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...types), interesting, (idType, raw) => {
        const first = validateIdNumber(idType, raw, { now });
        if (first.ok) expect(validateIdNumber(idType, first.value, { now })).toEqual(first);
      }),
    );
  });
});
