/**
 * GB 11643-1999 check character (ISO 7064 MOD 11-2), shared by the resident
 * ID, the 港澳台居民居住证 and the 2023 外国人永久居留身份证. Weight i is
 * 2^(17-i) mod 11; because 11 is prime and no weight is 0 mod 11, every
 * single-digit error in the body changes the check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The check character for a 17-digit body, or null if the body is not 17 ASCII digits. */
export function computeResidentIdCheckChar(body17: string): string | null {
  if (typeof body17 !== 'string' || !/^\d{17}$/.test(body17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** True when an 18-character number's last character matches its body (x and X both accepted). */
export function verifyResidentIdChecksum(id18: string): boolean {
  if (typeof id18 !== 'string' || !/^\d{17}[\dXx]$/.test(id18)) return false;
  return computeResidentIdCheckChar(id18.slice(0, 17)) === id18[17]!.toUpperCase();
}
