/**
 * Text clean-up shared by the validators. Chinese input methods readily emit
 * full-width forms (１３８, ＡＢＣ, （）, ＋) and pasted text often carries
 * invisible characters; users cannot see the difference, so we fold them
 * before checking instead of rejecting.
 */

// U+FF01..U+FF5E mirror ASCII 0x21..0x7E at a fixed offset.
const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;
const FULL_WIDTH_OFFSET = 0xfee0;

// Zero-width space/joiners, word joiner and BOM: invisible, so never intended.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

export function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** Maps full-width ASCII variants and the ideographic space to plain ASCII. */
export function toHalfWidth(input: string): string {
  return input.replace(FULL_WIDTH_ASCII, (ch) => String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET)).replace(/\u3000/g, ' ');
}

export function removeInvisible(input: string): string {
  return input.replace(INVISIBLE, '');
}

/** Upper-cases ASCII letters only, so the result's length and idempotence never depend on Unicode case tables. */
export function upperAscii(input: string): string {
  return input.replace(/[a-z]/g, (ch) => ch.toUpperCase());
}

/** Lower-cases ASCII letters only (see upperAscii). */
export function lowerAscii(input: string): string {
  return input.replace(/[A-Z]/g, (ch) => ch.toLowerCase());
}
