/**
 * Province-level codes (GB/T 2260) of mainland China: the first two digits of
 * a resident ID, and digits 2–3 (the issuing province) of the 2023 foreign
 * permanent residence card.
 *
 * 71 (Taiwan) and 81/82 (Hong Kong/Macao) are deliberately absent: no
 * resident ID is issued with them, and 810000/820000/830000 are the prefixes
 * of the 港澳台居民居住证, so such a number under 居民身份证 means the user
 * picked the wrong 证件类型.
 */
const PROVINCE_CODE_RANGES: readonly (readonly [number, number])[] = [
  [11, 15], // 北京 天津 河北 山西 内蒙古
  [21, 23], // 辽宁 吉林 黑龙江
  [31, 37], // 上海 江苏 浙江 安徽 福建 江西 山东
  [41, 46], // 河南 湖北 湖南 广东 广西 海南
  [50, 54], // 重庆 四川 贵州 云南 西藏
  [61, 65], // 陕西 甘肃 青海 宁夏 新疆
];

export const MAINLAND_PROVINCE_CODES: ReadonlySet<string> = new Set(PROVINCE_CODE_RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i))));

export function isMainlandProvinceCode(code: string): boolean {
  return MAINLAND_PROVINCE_CODES.has(code);
}

/** Address-code prefixes of the 港澳台居民居住证: Hong Kong, Macao, Taiwan. */
export const HMT_RESIDENCE_PERMIT_PREFIXES: readonly string[] = ['810000', '820000', '830000'];
