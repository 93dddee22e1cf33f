import { isString, removeInvisible, toHalfWidth, upperAscii } from './text.ts';

// ID cards print the check character as a Roman numeral ten on some
// renderings, and copy-paste from such documents yields U+2169 instead of X.
const ROMAN_TEN = /\u2169/g;

/**
 * Canonical form of a document number as typed: full-width to ASCII, Roman
 * numeral Ⅹ to X, every whitespace (people group digits as "110105 1949…")
 * and invisible character removed, ASCII letters upper-cased (x → X).
 * Idempotent. Non-strings become '' so callers can validate without guarding.
 */
export function normalizeIdNumber(raw: string): string {
  if (!isString(raw)) return '';
  const folded = toHalfWidth(removeInvisible(raw)).replace(ROMAN_TEN, 'X');
  return upperAscii(folded.replace(/\s+/g, ''));
}
