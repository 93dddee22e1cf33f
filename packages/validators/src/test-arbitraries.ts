/** fast-check generators shared by the property tests (not exported from the package). */
import fc from 'fast-check';
import { computeResidentIdCheckChar } from './checksum.ts';
import { MAINLAND_PROVINCE_CODES } from './regions.ts';
import { computeOrgCodeCheckChar, computeUsccCheckChar, USCC_CHARSET, USCC_DEPARTMENT_CATEGORIES } from './uscc.ts';

/** Fixed "today" for tests so generated birth dates are never in the future. */
export const TEST_NOW = new Date('2025-06-01T00:00:00+08:00');

const DAY_MS = 24 * 60 * 60 * 1000;
const FIRST_DAY = Date.UTC(1900, 0, 1);
const LAST_DAY = Date.UTC(2025, 4, 31);

export const digits = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });

export const birthDate = fc.integer({ min: 0, max: Math.floor((LAST_DAY - FIRST_DAY) / DAY_MS) }).map((day) => new Date(FIRST_DAY + day * DAY_MS).toISOString().slice(0, 10).replace(/-/g, ''));

export const provinceCode = fc.constantFrom(...MAINLAND_PROVINCE_CODES);

export function withCheckChar(body17: string): string {
  return body17 + computeResidentIdCheckChar(body17)!;
}

export const residentIdBody = fc.tuple(provinceCode, digits(4), birthDate, digits(3)).map(([province, rest, date, sequence]) => province + rest + date + sequence);

export const residentId = residentIdBody.map(withCheckChar);

export const hmtResidencePermit = fc.tuple(fc.constantFrom('810000', '820000', '830000'), birthDate, digits(3)).map(([prefix, date, sequence]) => withCheckChar(prefix + date + sequence));

export const foreignPermanentResidence2023 = fc
  .tuple(provinceCode, digits(3), birthDate, digits(3))
  .map(([province, nationality, date, sequence]) => withCheckChar(`9${province}${nationality}${date}${sequence}`));

export const phone = fc.tuple(fc.constantFrom(...'3456789'), digits(9)).map(([second, rest]) => `1${second}${rest}`);

/** 登记管理部门 + 机构类别 pairs that GB 32100 assigns (e.g. 91, 12, 51, N2, Y1). */
export const usccDepartmentCategory = fc.constantFrom(...Object.entries(USCC_DEPARTMENT_CATEGORIES).flatMap(([department, categories]) => [...categories].map((category) => department + category)));

/** Structurally valid USCCs: department/category, region (national or a province), 组织机构代码 with its GB 11714 check, GB 32100 check. */
export const uscc = fc
  .tuple(
    usccDepartmentCategory,
    fc.oneof(
      fc.constant('100000'),
      fc.tuple(provinceCode, digits(4)).map(([province, rest]) => province + rest),
    ),
    fc.string({ unit: fc.constantFrom(...USCC_CHARSET), minLength: 8, maxLength: 8 }),
  )
  .map(([head, region, orgBody]) => {
    const first17 = head + region + orgBody + computeOrgCodeCheckChar(orgBody)!;
    return first17 + computeUsccCheckChar(first17)!;
  });

export const username = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{5,19}$/);

const FULL_WIDTH: Record<string, string> = Object.fromEntries([...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'].map((c) => [c, String.fromCharCode(c.charCodeAt(0) + 0xfee0)]));

/** The same number as a user might type it: random full-width characters, lower-case x, grouping spaces. */
export function typedVariant(id: string): fc.Arbitrary<string> {
  return fc.tuple(fc.array(fc.boolean(), { minLength: id.length, maxLength: id.length }), fc.boolean(), fc.constantFrom('', ' ', '\u3000')).map(([fullWidth, lowerX, space]) => {
    const chars = [...id].map((c, i) => {
      const ch = lowerX && c === 'X' ? 'x' : c;
      return fullWidth[i] ? FULL_WIDTH[ch]! : ch;
    });
    return `${space}${chars.slice(0, 6).join('')}${space}${chars.slice(6).join('')}${space}`;
  });
}
