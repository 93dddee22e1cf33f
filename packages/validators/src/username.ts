/**
 * 用户名. One login field accepts username, phone or ID number
 * (detectIdentifierKind), so a username must never be mistakable for the
 * other two — nor for another document number a user might type there.
 */
import { isString, lowerAscii } from './text.ts';
import { fail, ok, type Validation } from './validation.ts';

// Starting with a letter already rules out phones and resident IDs.
const USERNAME = /^[A-Za-z][A-Za-z0-9_]{5,19}$/;

// Document-number look-alikes: one to three letters followed only by seven or
// more digits. This covers 回乡证 (H12345678, M1234567890), Chinese passports
// (E12345678, EA1234567, G1234567, DE1234567) and the old 15-character
// 永居证 (ABC123456789012). The price is that names like "ab1234567" are
// refused; a user can always add a letter or an underscore.
const DOCUMENT_LIKE = /^[A-Za-z]{1,3}\d{7,}$/;

export function validateUsername(raw: string): Validation<string> {
  if (!isString(raw)) return fail('USERNAME_INVALID');
  const name = raw.trim();
  if (!USERNAME.test(name)) return fail('USERNAME_INVALID');
  if (DOCUMENT_LIKE.test(name)) return fail('USERNAME_LOOKS_LIKE_IDENTIFIER');
  // Usernames compare case-insensitively; the lower-case form is the one stored and looked up.
  return ok(lowerAscii(name));
}
