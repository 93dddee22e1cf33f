/**
 * 统一社会信用代码 (unified social credit code, USCC) of legal persons and
 * other organizations, per GB 32100-2015. 18 characters from a 31-character
 * set (digits and upper-case letters without I, O, Z, S, V):
 *
 *   1      登记管理部门代码 (registration department)
 *   2      机构类别代码 (organization category, meaning depends on position 1)
 *   3–8    登记管理机关行政区划码 (GB/T 2260 code of the registering authority)
 *   9–17   主体标识码 = 组织机构代码 (GB 11714: 8 characters + its own check character)
 *   18     GB 32100 check character (weights 3^(i−1) mod 31)
 *
 * A USCC is public data (it is printed on every business licence and
 * invoice), so unlike personal document numbers it is never masked.
 */
import { normalizeIdNumber } from './normalize-id.ts';
import { isMainlandProvinceCode } from './regions.ts';
import { fail, ok, type Validation } from './validation.ts';

/** GB 32100 code character set; a character's value is its index (0–30). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// w_i = 3^(i−1) mod 31. 3 is a primitive root mod 31 (order 30), so the 17
// weights are distinct and non-zero and the check character has weight 1:
// Σ v_i·w_i + check ≡ 0 (mod 31).
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

const USCC_BODY = /^[0-9A-HJ-NPQRTUWXY]{17}$/;
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/**
 * 登记管理部门代码 → the 机构类别代码 valid under it.
 *
 * GB 32100-2015 itself names 1 机构编制, 5 民政, 9 工商 and Y 其他; the other
 * departments and all categories were assigned under it by the national code
 * centre (全国组织机构统一社会信用代码数据服务中心). The table below is that
 * published assignment as reproduced consistently by public references
 * (e.g. osuse.cn/post/10002590.html "统一社会信用代码解析登记管理部门和机构类别"
 * and several independent open-source USCC libraries); the standard text
 * itself was not available to us. If a department or category is added
 * nationally, extend this table: an unknown one is rejected as USCC_STRUCTURE.
 */
export const USCC_DEPARTMENT_CATEGORIES: Readonly<Record<string, string>> = {
  '1': '1239', // 机构编制: 机关, 事业单位, 中央编办直接管理机构编制的群众团体, 其他
  '2': '19', // 外交: 外国常驻新闻机构, 其他
  '3': '123459', // 司法行政: 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他
  '4': '19', // 文化: 外国在华文化中心, 其他
  // 4: 基层群众性自治组织 (村委会/居委会) — seen on real codes (54…) but not confirmed from the standard's table;
  // accepted because refusing a real code is worse than accepting an unused category.
  '5': '12349', // 民政: 社会团体, 民办非企业单位, 基金会, 基层群众性自治组织, 其他
  '6': '129', // 旅游: 外国旅游部门常驻代表机构, 港澳台地区旅游部门常驻内地（大陆）代表机构, 其他
  '7': '129', // 宗教: 宗教活动场所, 宗教院校, 其他
  '8': '19', // 工会: 基层工会, 其他
  '9': '123', // 工商/市场监管: 企业, 个体工商户, 农民专业合作社
  A: '19', // 中央军委改革和编制办公室: 军队事业单位, 其他
  N: '1239', // 农业: 组级、村级、乡镇级集体经济组织, 其他
  Y: '1', // 其他: not subdivided
};

/** 登记管理机关行政区划码 of registrations made at national level. */
const NATIONAL_REGION_CODE = '100000';

// GB 11714-1997 组织机构代码: 8 body characters (digits or upper-case letters,
// A=10 … Z=35) and a check character C9 = 11 − (Σ c_i·w_i mod 11), with
// 10 → X and 11 → 0.
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const ORG_CODE_BODY = /^[0-9A-Z]{8}$/;

/** The GB 11714 check character of an 8-character 组织机构代码 body, or null if the body is malformed. */
export function computeOrgCodeCheckChar(body8: string): string | null {
  if (typeof body8 !== 'string' || !ORG_CODE_BODY.test(body8)) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(body8[i]!, 36) * ORG_CODE_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** The GB 32100 check character for the first 17 characters, or null if they are not 17 code-set characters. */
export function computeUsccCheckChar(first17: string): string | null {
  if (typeof first17 !== 'string' || !USCC_BODY.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/**
 * True when an 18-character code's last character matches its first 17
 * (ASCII letters compared case-insensitively). Checks only the GB 32100
 * check character, not the structure; use validateUscc for that.
 */
export function verifyUsccChecksum(code: string): boolean {
  if (typeof code !== 'string' || code.length !== 18) return false;
  const upper = code.replace(/[a-z]/g, (ch) => ch.toUpperCase());
  if (!USCC_SHAPE.test(upper)) return false;
  return computeUsccCheckChar(upper.slice(0, 17)) === upper[17];
}

function hasValidStructure(code: string): boolean {
  if (!Object.hasOwn(USCC_DEPARTMENT_CATEGORIES, code[0]!)) return false;
  if (!USCC_DEPARTMENT_CATEGORIES[code[0]!]!.includes(code[1]!)) return false;
  const region = code.slice(2, 8);
  if (!/^\d{6}$/.test(region)) return false;
  // Only the province is checked (as for resident IDs): county codes are
  // renumbered over time while codes stay valid for life.
  return region === NATIONAL_REGION_CODE || isMainlandProvinceCode(region.slice(0, 2));
}

// Generous for codes typed with spaces between groups, small enough that
// pathological input is dismissed before any work is done on it.
const MAX_RAW_LENGTH = 64;

/**
 * Checks a 统一社会信用代码 as typed; `value` is the normalized code to store
 * and compare (full-width folded, spaces and invisible characters removed,
 * upper-case). Like the ID checks, it runs from the most specific explanation
 * to the least: a department/category/region that cannot exist, then the
 * embedded 组织机构代码's own check character, then the GB 32100 check character.
 */
export function validateUscc(raw: string): Validation<string> {
  if (typeof raw !== 'string' || raw.length > MAX_RAW_LENGTH) return fail('USCC_FORMAT');
  const code = normalizeIdNumber(raw);
  if (!USCC_SHAPE.test(code)) return fail('USCC_FORMAT');
  if (!hasValidStructure(code)) return fail('USCC_STRUCTURE');
  if (computeOrgCodeCheckChar(code.slice(8, 16)) !== code[16]) return fail('USCC_ORG_CODE');
  if (computeUsccCheckChar(code.slice(0, 17)) !== code[17]) return fail('USCC_CHECKSUM');
  return ok(code);
}
