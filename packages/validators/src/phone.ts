/**
 * Mainland China mobile numbers, the only kind that can receive the
 * platform's SMS codes. Stored and compared as the bare 11 digits.
 */
import { isString, removeInvisible, toHalfWidth } from './text.ts';
import { fail, ok, type Validation } from './validation.ts';

const MOBILE = /^1[3-9]\d{9}$/;
// People paste numbers in international form; +86 / 0086 / 86 are the country code.
const WITH_COUNTRY_CODE = /^(?:\+86|0086|86)(1[3-9]\d{9})$/;
const MAX_RAW_LENGTH = 32;

/** Digits as typed, with full-width forms folded and grouping spaces/hyphens removed. */
function compact(raw: string): string {
  return toHalfWidth(removeInvisible(raw)).replace(/[\s-]+/g, '');
}

export function validatePhone(raw: string): Validation<string> {
  if (!isString(raw) || raw.length > MAX_RAW_LENGTH) return fail('PHONE_INVALID');
  const digits = compact(raw);
  if (MOBILE.test(digits)) return ok(digits);
  const international = WITH_COUNTRY_CODE.exec(digits);
  return international ? ok(international[1]!) : fail('PHONE_INVALID');
}
