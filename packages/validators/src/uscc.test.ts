import { describe, expect, it } from 'vitest';
import { computeUsccCheckChar, validateUscc, verifyUsccChecksum } from './index.ts';
import { computeOrgCodeCheckChar } from './uscc.ts';

/**
 * Real, publicly printed codes (a USCC is public data: it is on every
 * business licence and invoice). Each satisfies both the GB 32100 and the
 * embedded GB 11714 check independently of our code, which a mis-copied
 * code would fail with probability ≈ 1 − 1/341.
 */
const PUBLIC_VECTORS: readonly (readonly [code: string, holder: string, source: string])[] = [
  ['91110000600037341L', '(enterprise, Beijing)', 'issue text: the public example vector'],
  ['914403001922038216', '华为技术有限公司', 'zh.wikipedia.org 「華為」 infobox, 機構代碼'],
  ['91440300708461136T', '深圳市腾讯计算机系统有限公司', 'public GitHub data sets of enterprise records'],
  ['91110000802100433B', '北京百度网讯科技有限公司', 'public GitHub enterprise record (orgNumber 802100433)'],
  ['91110108551385082Q', '小米科技有限责任公司', 'public GitHub enterprise records'],
  ['91330100799655058B', '阿里巴巴（中国）有限公司', 'public GitHub enterprise records'],
  ['12100000400000624D', '清华大学 (事业单位, national region 100000)', '发票抬头 published in public lab wikis on GitHub'],
  ['1210000042500615X0', '复旦大学 (组织机构代码 check character X)', 'public GitHub school list'],
  ['11100000000019713D', '交通运输部 (机关)', 'issuer prefix of its 电子证照 type codes in public GitHub code'],
];

describe('GB 32100 check character', () => {
  it('accepts the public vectors', () => {
    for (const [code] of PUBLIC_VECTORS) {
      expect(computeUsccCheckChar(code.slice(0, 17))).toBe(code[17]);
      expect(verifyUsccChecksum(code)).toBe(true);
    }
  });

  it('rejects a wrong check character and compares letters case-insensitively', () => {
    expect(verifyUsccChecksum('91110000600037341M')).toBe(false);
    expect(verifyUsccChecksum('91110000600037341l')).toBe(true);
  });

  it('computes the check character only for 17 code-set characters', () => {
    expect(computeUsccCheckChar('9111000060003734')).toBeNull();
    expect(computeUsccCheckChar('911100006000373410')).toBeNull();
    expect(computeUsccCheckChar('9111000060003734I')).toBeNull(); // I is not in the code set
    expect(computeUsccCheckChar('9111000060003734l')).toBeNull(); // lower case: normalize first
    expect(verifyUsccChecksum('91110000600037341')).toBe(false);
    expect(verifyUsccChecksum('9111000060003734OL')).toBe(false);
  });

  it('maps a sum of 0 mod 31 to 0, not to the out-of-range 31', () => {
    expect(computeUsccCheckChar('00000000000000000')).toBe('0');
  });
});

describe('GB 11714 组织机构代码 check character', () => {
  it('matches the embedded codes of the public vectors (letters count A=10 … Z=35)', () => {
    for (const [code] of PUBLIC_VECTORS) expect(computeOrgCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
    expect(computeOrgCodeCheckChar('M000100Y')).toBe('4'); // 91350100M000100Y43: letters in the 主体标识码
  });

  it('writes 10 as X and 11 as 0', () => {
    expect(computeOrgCodeCheckChar('42500615')).toBe('X');
    expect(computeOrgCodeCheckChar('00000000')).toBe('0');
  });

  it('rejects malformed bodies', () => {
    expect(computeOrgCodeCheckChar('4250061')).toBeNull();
    expect(computeOrgCodeCheckChar('4250061a')).toBeNull();
  });
});

describe('validateUscc', () => {
  it('accepts the public vectors', () => {
    for (const [code] of PUBLIC_VECTORS) expect(validateUscc(code)).toEqual({ ok: true, value: code });
    expect(validateUscc('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  it('normalizes lower case, full-width characters, spaces and invisible characters', () => {
    const value = '91110000600037341L';
    expect(validateUscc('91110000600037341l')).toEqual({ ok: true, value });
    expect(validateUscc('９１１１００００６０００３７３４１Ｌ')).toEqual({ ok: true, value });
    expect(validateUscc('９１１１００００６０００３７３４１ｌ')).toEqual({ ok: true, value });
    expect(validateUscc(' 91 110000 60003734 1L ')).toEqual({ ok: true, value });
    expect(validateUscc('\u3000911100006000\u200B37341L\t')).toEqual({ ok: true, value });
    expect(validateUscc('1210000042500615x0')).toEqual({ ok: true, value: '1210000042500615X0' });
  });

  it('USCC_FORMAT: wrong length', () => {
    expect(validateUscc('')).toEqual({ ok: false, reason: 'USCC_FORMAT' });
    expect(validateUscc('91110000600037341')).toEqual({ ok: false, reason: 'USCC_FORMAT' });
    expect(validateUscc('91110000600037341LL')).toEqual({ ok: false, reason: 'USCC_FORMAT' });
    expect(validateUscc('110000600037341')).toEqual({ ok: false, reason: 'USCC_FORMAT' }); // old 15-digit 注册号
    expect(validateUscc(`${'9'.repeat(18)}${' '.repeat(60)}`)).toEqual({ ok: false, reason: 'USCC_FORMAT' });
  });

  it('USCC_FORMAT: characters outside the code set (I, O, Z, S, V, punctuation, non-ASCII)', () => {
    for (const ch of 'IOZSV') expect(validateUscc(`9111000060003734${ch}L`)).toEqual({ ok: false, reason: 'USCC_FORMAT' });
    expect(validateUscc('91110000-600037341L')).toEqual({ ok: false, reason: 'USCC_FORMAT' });
    expect(validateUscc('9111000060003734１L'.replace('１', '一'))).toEqual({ ok: false, reason: 'USCC_FORMAT' });
  });

  // Each of these carries correct GB 11714 and GB 32100 check characters, so
  // only the structure is wrong.
  const withChecks = (first16: string) => {
    const orgCheck = computeOrgCodeCheckChar(first16.slice(8, 16))!;
    const first17 = first16 + orgCheck;
    return first17 + computeUsccCheckChar(first17)!;
  };

  it('USCC_STRUCTURE: unknown 登记管理部门', () => {
    for (const department of ['0', 'B', 'G', 'M', 'X']) {
      const code = withChecks(`${department}1110000600037341`.slice(0, 16));
      expect(verifyUsccChecksum(code)).toBe(true);
      expect(validateUscc(code)).toEqual({ ok: false, reason: 'USCC_STRUCTURE' });
    }
  });

  it('USCC_STRUCTURE: 机构类别 not assigned under the department', () => {
    for (const head of ['94', '99', '90', '9A', '55', '24', '37', 'Y2', 'Y9', 'A2', 'N4', '10']) {
      expect(validateUscc(withChecks(`${head}110000600037341`.slice(0, 16)))).toEqual({ ok: false, reason: 'USCC_STRUCTURE' });
    }
  });

  it('accepts every department/category pair GB 32100 assigns', () => {
    for (const head of [
      '11',
      '12',
      '13',
      '19',
      '21',
      '29',
      '31',
      '32',
      '33',
      '34',
      '35',
      '39',
      '41',
      '49',
      '51',
      '52',
      '53',
      '59',
      '61',
      '62',
      '69',
      '71',
      '72',
      '79',
      '81',
      '89',
      '91',
      '92',
      '93',
      'A1',
      'A9',
      'N1',
      'N2',
      'N3',
      'N9',
      'Y1',
    ]) {
      expect(validateUscc(withChecks(`${head}110000600037341`.slice(0, 16))).ok).toBe(true);
    }
  });

  it('USCC_STRUCTURE: 行政区划码 not national and not of a mainland province', () => {
    for (const region of ['000000', '990000', '710000', '810000', '200000', '10A000', '1A0000']) {
      expect(validateUscc(withChecks(`91${region}60003734`))).toEqual({ ok: false, reason: 'USCC_STRUCTURE' });
    }
    expect(validateUscc(withChecks('91100000600037341'.slice(0, 16))).ok).toBe(true); // national registration
    expect(validateUscc(withChecks('91654321600037341'.slice(0, 16))).ok).toBe(true); // only the province is checked
  });

  it('USCC_ORG_CODE: the embedded 组织机构代码 has a wrong check character', () => {
    // Position 17 changed from 1 to 2 and the GB 32100 check recomputed.
    const first17 = '91110000600037342';
    const code = first17 + computeUsccCheckChar(first17)!;
    expect(verifyUsccChecksum(code)).toBe(true);
    expect(validateUscc(code)).toEqual({ ok: false, reason: 'USCC_ORG_CODE' });
    // A letter other than X can never be a GB 11714 check character.
    const lettered = '9111000060003734A';
    expect(validateUscc(lettered + computeUsccCheckChar(lettered)!)).toEqual({ ok: false, reason: 'USCC_ORG_CODE' });
  });

  it('USCC_CHECKSUM: a wrong GB 32100 check character', () => {
    expect(validateUscc('91110000600037341M')).toEqual({ ok: false, reason: 'USCC_CHECKSUM' });
    expect(validateUscc('914403001922038217')).toEqual({ ok: false, reason: 'USCC_CHECKSUM' });
    expect(validateUscc('12100000400000624E')).toEqual({ ok: false, reason: 'USCC_CHECKSUM' });
  });

  it('rejects non-strings as USCC_FORMAT', () => {
    for (const value of [undefined, null, Number('91110000600037341'), {}, ['91110000600037341L']]) {
      expect(validateUscc(value as any)).toEqual({ ok: false, reason: 'USCC_FORMAT' });
    }
  });
});
