/**
 * 姓名 as printed on the identity document. The registry compares it
 * exactly, so we normalize only what users cannot see or choose.
 */
import { isString, removeInvisible, toHalfWidth } from './text.ts';
import { fail, ok, type Validation } from './validation.ts';

const MIDDLE_DOT = '\u00B7';

// Ethnic-minority and transliterated names separate parts with a middle dot
// (阿依古丽·买买提). IMEs and fonts offer several look-alikes: bullet,
// hyphenation point, katakana middle dots, bullet and dot operators.
const DOT_LOOKALIKES = /[\u2022\u2027\u2219\u22C5\u30FB\uFF65]/g;

const CHINESE_NAME = /^\p{Script=Han}+(?:·\p{Script=Han}+)*$/u;
const CHINESE_LENGTH = { min: 2, max: 30 } as const;

// Foreigners' names as in the passport: Latin letters (accents included:
// José, Müller) with spaces, dots, hyphens and apostrophes, starting with a
// letter. This whitelist is also what keeps digits, control characters
// and markup out.
const LATIN_NAME = /^\p{Script=Latin}[\p{Script=Latin} .'-]*$/u;
const LATIN_LENGTH = { min: 2, max: 60 } as const;

// Long enough for any real name plus stray whitespace; longer input is not a name.
const MAX_RAW_LENGTH = 200;

function codePointLength(text: string): number {
  return Array.from(text).length;
}

export function validateName(raw: string): Validation<string> {
  if (!isString(raw) || raw.length > MAX_RAW_LENGTH) return fail('NAME_INVALID');
  // NFC first so "e + combining acute" is the single letter é the passport shows.
  const cleaned = toHalfWidth(removeInvisible(raw)).normalize('NFC').trim().replace(DOT_LOOKALIKES, MIDDLE_DOT);

  if (/\p{Script=Han}/u.test(cleaned)) {
    // Chinese names never contain spaces; ones typed around the dot or
    // between characters are noise.
    const name = cleaned.replace(/\s+/g, '');
    const length = codePointLength(name);
    const fits = length >= CHINESE_LENGTH.min && length <= CHINESE_LENGTH.max;
    return fits && CHINESE_NAME.test(name) ? ok(name) : fail('NAME_INVALID');
  }

  const name = cleaned.replace(/\s+/g, ' ');
  const length = codePointLength(name);
  const fits = length >= LATIN_LENGTH.min && length <= LATIN_LENGTH.max;
  return fits && LATIN_NAME.test(name) ? ok(name) : fail('NAME_INVALID');
}
