import { describe, expect, it } from 'vitest';
import { computeResidentIdCheckChar, verifyResidentIdChecksum } from './checksum.ts';
import { birthDateFromIdNumber, ID_TYPES, isChinesePassportNumber, normalizeIdNumber, validateIdNumber } from './index.ts';
import { TEST_NOW, withCheckChar } from './test-arbitraries.ts';

const now = TEST_NOW;
const resident = (raw: string) => validateIdNumber('resident_id', raw, { now });

describe('ID_TYPES', () => {
  it('lists the 证件类型 in form order with their labels', () => {
    expect(ID_TYPES.map((t) => [t.value, t.label])).toEqual([
      ['resident_id', '居民身份证'],
      ['hk_macao_permit', '港澳居民来往内地通行证'],
      ['taiwan_permit', '台湾居民来往大陆通行证'],
      ['hmt_residence_permit', '港澳台居民居住证'],
      ['foreign_permanent_residence', '外国人永久居留身份证'],
      ['passport', '护照'],
    ]);
  });
});

describe('GB 11643 checksum', () => {
  it('accepts the public vectors and rejects a wrong check digit', () => {
    expect(verifyResidentIdChecksum('11010519491231002X')).toBe(true);
    expect(verifyResidentIdChecksum('34052419800101001X')).toBe(true);
    expect(verifyResidentIdChecksum('340524198001010013')).toBe(false);
    expect(verifyResidentIdChecksum('11010519491231002x')).toBe(true);
  });

  it('computes the check character only for 17-digit bodies', () => {
    expect(computeResidentIdCheckChar('11010519491231002')).toBe('X');
    expect(computeResidentIdCheckChar('1101051949123100')).toBeNull();
    expect(computeResidentIdCheckChar('1101051949123100A')).toBeNull();
  });
});

describe('normalizeIdNumber', () => {
  it('folds full-width characters, lower-case x, Roman numeral Ⅹ and spaces', () => {
    expect(normalizeIdNumber(' １１０１０５ １９４９１２３１ ００２ｘ ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('11010519491231002\u2169')).toBe('11010519491231002X');
    expect(normalizeIdNumber('h1234\u200B5678')).toBe('H12345678');
  });
});

describe('resident_id', () => {
  it('accepts the public vectors', () => {
    expect(resident('11010519491231002X')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(resident('34052419800101001X')).toEqual({ ok: true, value: '34052419800101001X' });
  });

  it('rejects a wrong check digit', () => {
    expect(resident('340524198001010013')).toEqual({ ok: false, reason: 'ID_NUMBER_CHECKSUM' });
  });

  it('accepts and normalizes lower-case x and full-width input', () => {
    expect(resident('11010519491231002x')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(resident('３４０５２４１９８００１０１００１Ｘ')).toEqual({ ok: true, value: '34052419800101001X' });
    expect(resident(' 340524 19800101 001x ')).toEqual({ ok: true, value: '34052419800101001X' });
  });

  it('knows leap years', () => {
    expect(resident(withCheckChar('11010520000229001')).ok).toBe(true); // divisible by 400
    expect(resident(withCheckChar('11010519960229001')).ok).toBe(true);
    expect(resident(withCheckChar('11010519000229001'))).toEqual({ ok: false, reason: 'ID_NUMBER_BIRTHDATE' }); // 1900 is not leap
    expect(resident(withCheckChar('11010520010229001'))).toEqual({ ok: false, reason: 'ID_NUMBER_BIRTHDATE' });
  });

  it('rejects impossible, pre-1900 and future birth dates', () => {
    for (const date of ['19491331', '19490431', '19490100', '18991231', '20250602', '20990101']) {
      expect(resident(withCheckChar(`110105${date}001`))).toEqual({ ok: false, reason: 'ID_NUMBER_BIRTHDATE' });
    }
    expect(resident(withCheckChar('11010520250601001')).ok).toBe(true); // today
  });

  it('decides "future" by the date in China', () => {
    const justAfterMidnightInBeijing = new Date('2025-05-31T16:30:00Z');
    expect(validateIdNumber('resident_id', withCheckChar('11010520250601001'), { now: justAfterMidnightInBeijing }).ok).toBe(true);
  });

  it("rejects unknown province codes and the permits' codes", () => {
    for (const province of ['00', '10', '16', '20', '24', '30', '38', '40', '47', '55', '60', '66', '71', '81', '82', '83', '91', '99']) {
      expect(resident(withCheckChar(`${province}010519491231002`))).toEqual({ ok: false, reason: 'ID_NUMBER_REGION' });
    }
  });

  it('rejects wrong shapes, including first-generation 15-digit numbers', () => {
    for (const raw of ['', '110105491231002', '11010519491231002', '1101051949123100212', '11010519491231002Y', 'X10105194912310021']) {
      expect(resident(raw)).toEqual({ ok: false, reason: 'ID_NUMBER_FORMAT' });
    }
  });
});

describe('hmt_residence_permit', () => {
  const hmt = (raw: string) => validateIdNumber('hmt_residence_permit', raw, { now });

  it('accepts the public vector and all three prefixes', () => {
    expect(hmt('810000199408230021')).toEqual({ ok: true, value: '810000199408230021' });
    expect(hmt(withCheckChar('82000019900101001')).ok).toBe(true);
    expect(hmt(withCheckChar('83000019900101001')).ok).toBe(true);
  });

  it('rejects other address codes, bad dates and bad check digits', () => {
    expect(hmt('11010519491231002X')).toEqual({ ok: false, reason: 'ID_NUMBER_REGION' });
    expect(hmt(withCheckChar('81000119900101001'))).toEqual({ ok: false, reason: 'ID_NUMBER_REGION' });
    expect(hmt(withCheckChar('81000019900230001'))).toEqual({ ok: false, reason: 'ID_NUMBER_BIRTHDATE' });
    expect(hmt('810000199408230022')).toEqual({ ok: false, reason: 'ID_NUMBER_CHECKSUM' });
    expect(hmt('H12345678')).toEqual({ ok: false, reason: 'ID_NUMBER_FORMAT' });
  });
});

describe('foreign_permanent_residence', () => {
  const fpr = (raw: string) => validateIdNumber('foreign_permanent_residence', raw, { now });

  it('accepts the 2023 18-digit card', () => {
    expect(fpr('911398199012310021')).toEqual({ ok: true, value: '911398199012310021' });
  });

  it('checks the 2023 card like a resident ID', () => {
    expect(fpr('911398199012310022')).toEqual({ ok: false, reason: 'ID_NUMBER_CHECKSUM' });
    expect(fpr(withCheckChar('99939819901231002'))).toEqual({ ok: false, reason: 'ID_NUMBER_REGION' });
    expect(fpr(withCheckChar('91139819900231002'))).toEqual({ ok: false, reason: 'ID_NUMBER_BIRTHDATE' });
    expect(fpr('11010519491231002X')).toEqual({ ok: false, reason: 'ID_NUMBER_FORMAT' });
  });

  it('accepts the pre-2023 15-character card by shape', () => {
    expect(fpr('KAZ110090123105')).toEqual({ ok: true, value: 'KAZ110090123105' });
    expect(fpr('kaz 1100 9012 3105')).toEqual({ ok: true, value: 'KAZ110090123105' });
    expect(fpr('KA1110090123105')).toEqual({ ok: false, reason: 'ID_NUMBER_FORMAT' });
    expect(fpr('KAZ11009012310')).toEqual({ ok: false, reason: 'ID_NUMBER_FORMAT' });
  });
});

describe.each([
  {
    type: 'hk_macao_permit',
    shapes: 'H/M with 8 digits (card) or 10 digits (booklet)',
    accepted: [
      ['H12345678', 'H12345678'],
      ['m 1234 5678', 'M12345678'],
      ['H1234567801', 'H1234567801'],
    ],
    rejected: ['', 'H1234567', 'H123456789', 'T12345678', '12345678', 'HH1234567'],
  },
  {
    type: 'taiwan_permit',
    shapes: '8 digits (card), 10 digits (booklet) and an issue letter with or without parentheses',
    accepted: [
      ['12345678', '12345678'],
      ['1234567890', '1234567890'],
      ['12345678(B)', '12345678B'],
      ['１２３４５６７８（ｂ）', '12345678B'],
      ['12345678B', '12345678B'],
    ],
    rejected: ['', '1234567', '123456789', '12345678(BB)', '12345678()', 'T1234567'],
  },
] as const)('$type', ({ type, shapes, accepted, rejected }) => {
  const permit = (raw: string) => validateIdNumber(type, raw, { now });

  it(`accepts ${shapes}`, () => {
    for (const [raw, value] of accepted) expect(permit(raw)).toEqual({ ok: true, value });
  });

  it('rejects other shapes', () => {
    for (const raw of rejected) {
      expect(permit(raw)).toEqual({ ok: false, reason: 'ID_NUMBER_FORMAT' });
    }
  });
});

describe('passport', () => {
  const passport = (raw: string) => validateIdNumber('passport', raw, { now });

  it('accepts Chinese ordinary and official passports', () => {
    for (const number of ['E12345678', 'EA1234567', 'EZ1234567', 'G12345678', 'D1234567', 'S12345678', 'P1234567', 'DE1234567', 'SE1234567', 'PE1234567']) {
      expect(isChinesePassportNumber(number)).toBe(true);
      expect(passport(number)).toEqual({ ok: true, value: number });
    }
    expect(isChinesePassportNumber('EI1234567')).toBe(false);
    expect(isChinesePassportNumber('EO1234567')).toBe(false);
  });

  it('accepts foreign numbers of 5–17 letters/digits with a digit, normalized', () => {
    expect(passport('123456789')).toEqual({ ok: true, value: '123456789' });
    expect(passport('c01x00t47')).toEqual({ ok: true, value: 'C01X00T47' });
    expect(passport('AB123')).toEqual({ ok: true, value: 'AB123' });
    expect(passport('A'.repeat(16) + '1').ok).toBe(true);
  });

  it('rejects short, long, letter-only and punctuated numbers', () => {
    for (const raw of ['', '1234', 'ABCDEFGH', 'A'.repeat(17) + '1', 'E1234-5678', 'E1234567/']) {
      expect(passport(raw)).toEqual({ ok: false, reason: 'ID_NUMBER_FORMAT' });
    }
  });
});

describe('validateIdNumber with an unknown type', () => {
  it('reports ID_TYPE_INVALID', () => {
    for (const idType of ['', 'RESIDENT_ID', 'driver_license', 'toString', '__proto__']) {
      expect(validateIdNumber(idType, '11010519491231002X')).toEqual({ ok: false, reason: 'ID_TYPE_INVALID' });
    }
  });
});

describe('birthDateFromIdNumber', () => {
  it('extracts YYYYMMDD from the 18-character documents', () => {
    expect(birthDateFromIdNumber('resident_id', '11010519491231002X')).toBe('19491231');
    expect(birthDateFromIdNumber('hmt_residence_permit', '810000199408230021')).toBe('19940823');
    expect(birthDateFromIdNumber('foreign_permanent_residence', '911398199012310021')).toBe('19901231');
    expect(birthDateFromIdNumber('resident_id', '11010519491231002x')).toBe('19491231');
  });

  it('returns null for documents without a birth date or malformed numbers', () => {
    expect(birthDateFromIdNumber('foreign_permanent_residence', 'KAZ110090123105')).toBeNull();
    expect(birthDateFromIdNumber('passport', 'E12345678')).toBeNull();
    expect(birthDateFromIdNumber('hk_macao_permit', 'H12345678')).toBeNull();
    expect(birthDateFromIdNumber('resident_id', '110105194913310021')).toBeNull();
    expect(birthDateFromIdNumber('resident_id', '')).toBeNull();
    expect(birthDateFromIdNumber('nope', '11010519491231002X')).toBeNull();
  });
});
