import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectIdentifierKind, normalizeIdentifier } from './index.ts';
import { foreignPermanentResidence2023, hmtResidencePermit, phone, residentId, typedVariant } from './test-arbitraries.ts';

describe('detectIdentifierKind / normalizeIdentifier', () => {
  it('classifies as in DESIGN §2.3', () => {
    expect(normalizeIdentifier('11010519491231002x')).toEqual({ kind: 'id_number', value: '11010519491231002X', idType: 'resident_id' });
    expect(normalizeIdentifier('13800000001')).toEqual({ kind: 'phone', value: '13800000001' });
    expect(normalizeIdentifier('+86 138 0000 0001')).toEqual({ kind: 'phone', value: '13800000001' });
    expect(normalizeIdentifier(' ZhangSan ')).toEqual({ kind: 'username', value: 'zhangsan' });
  });

  it('treats the other 18-character GB 11643 numbers as ID numbers too', () => {
    expect(normalizeIdentifier('810000199408230021')).toEqual({ kind: 'id_number', value: '810000199408230021', idType: 'hmt_residence_permit' });
    expect(normalizeIdentifier('911398199012310021')).toEqual({ kind: 'id_number', value: '911398199012310021', idType: 'foreign_permanent_residence' });
  });

  it('falls back to username for invalid ID numbers and non-mobile digits', () => {
    expect(detectIdentifierKind('340524198001010013')).toBe('username'); // bad checksum
    expect(detectIdentifierKind('12800000001')).toBe('username');
    expect(detectIdentifierKind('KAZ110090123105')).toBe('username'); // legacy 15-char card is not an 18-char ID
    expect(detectIdentifierKind('')).toBe('username');
  });

  it('never classifies a valid ID number or mobile as a username (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(residentId, hmtResidencePermit, foreignPermanentResidence2023).chain((id) => fc.tuple(fc.constant(id), typedVariant(id))),
        ([id, typed]) => {
          const result = normalizeIdentifier(typed);
          expect(result.kind).toBe('id_number');
          expect(result.value).toBe(id);
        },
      ),
    );
    fc.assert(
      fc.property(phone, (number) => {
        expect(detectIdentifierKind(number)).toBe('phone');
      }),
    );
  });
});
