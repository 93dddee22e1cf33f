/**
 * The three document numbers built on the GB 11643 layout: 17 digits (6
 * address, 8 birth date, 3 sequence) plus a MOD 11-2 check character.
 * Input here is already normalized (see normalizeIdNumber).
 */
import { isPlausibleBirthDate } from './birth-date.ts';
import { verifyResidentIdChecksum } from './checksum.ts';
import { HMT_RESIDENCE_PERMIT_PREFIXES, isMainlandProvinceCode } from './regions.ts';
import { fail, ok, type Validation } from './validation.ts';

const EIGHTEEN_CHAR = /^\d{17}[\dX]$/;

/** Birth date position (7th–14th character) shared by all three documents. */
export function embeddedBirthDate(id18: string): string {
  return id18.slice(6, 14);
}

export function hasEighteenCharShape(id: string): boolean {
  return EIGHTEEN_CHAR.test(id);
}

// Checks run from the most specific explanation to the least: a mistyped
// birth date also breaks the checksum, and "birth date invalid" tells the
// user where to look.
function validateEighteenChar(id: string, regionOk: (id: string) => boolean, now: Date): Validation<string> {
  if (!EIGHTEEN_CHAR.test(id)) return fail('ID_NUMBER_FORMAT');
  if (!regionOk(id)) return fail('ID_NUMBER_REGION');
  if (!isPlausibleBirthDate(embeddedBirthDate(id), now)) return fail('ID_NUMBER_BIRTHDATE');
  if (!verifyResidentIdChecksum(id)) return fail('ID_NUMBER_CHECKSUM');
  return ok(id);
}

/**
 * 居民身份证: 18 characters only. First-generation 15-digit cards stopped
 * being valid on 2013-01-01, so they are a format error. Only the province
 * part of the address code is checked: county codes are renumbered over
 * time while old numbers stay valid for life.
 */
export function validateResidentIdNumber(id: string, now: Date): Validation<string> {
  return validateEighteenChar(id, (v) => isMainlandProvinceCode(v.slice(0, 2)), now);
}

/** 港澳台居民居住证: a resident-ID-shaped number whose address code is 810000, 820000 or 830000. */
export function validateHmtResidencePermitNumber(id: string, now: Date): Validation<string> {
  return validateEighteenChar(id, (v) => HMT_RESIDENCE_PERMIT_PREFIXES.includes(v.slice(0, 6)), now);
}

/**
 * 外国人永久居留身份证, 2023 card (issued from 2023-12-01), per the National
 * Immigration Administration's published layout: "9" (marks a foreigner;
 * citizens' numbers start 1–8), issuing province code (2), nationality
 * numeric code (3), birth date YYYYMMDD (8), sequence (3, the last one odd
 * for men), MOD 11-2 check. The nationality code is not checked against a
 * country list: the identity registry confirms the holder anyway, and a
 * stale list would lock out holders of new codes.
 */
export function validateForeignPermanentResidence2023(id: string, now: Date): Validation<string> {
  if (EIGHTEEN_CHAR.test(id) && !id.startsWith('9')) return fail('ID_NUMBER_FORMAT');
  return validateEighteenChar(id, (v) => isMainlandProvinceCode(v.slice(1, 3)), now);
}
