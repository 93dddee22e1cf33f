/**
 * 护照. Input is normalized (upper-case ASCII, no spaces).
 *
 * Chinese passports, for reference and for callers that want to tell them apart:
 * - ordinary (因私) e-passports: E + 8 digits; since the E-digit series ran
 *   out, E + a letter (I and O excluded, as on the document) + 7 digits;
 * - official: D (diplomatic), S (service), P (public affairs) and the older
 *   G series + 7 or 8 digits; e-passport forms DE/SE/PE + 7 digits.
 * Foreign passports follow no common pattern: ICAO 9303 only fixes the
 * alphabet, so we accept 5–17 letters/digits with at least one digit (every
 * issuing state numbers its passports; an all-letter string is a name or a
 * typo). Chinese numbers all satisfy the foreign rule too, so the two lists
 * only make the intent explicit.
 */
import { fail, ok, type Validation } from './validation.ts';

const CHINESE_ORDINARY = /^E(?:\d{8}|[A-HJ-NP-Z]\d{7})$/;
const CHINESE_OFFICIAL = /^(?:[GDSP]\d{7,8}|[DSP]E\d{7})$/;
const FOREIGN = /^(?=[A-Z0-9]*\d)[A-Z0-9]{5,17}$/;

export function isChinesePassportNumber(id: string): boolean {
  return CHINESE_ORDINARY.test(id) || CHINESE_OFFICIAL.test(id);
}

export function validatePassportNumber(id: string): Validation<string> {
  return isChinesePassportNumber(id) || FOREIGN.test(id) ? ok(id) : fail('ID_NUMBER_FORMAT');
}
