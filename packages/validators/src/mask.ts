/**
 * Masked personal data for screens and logs (DESIGN.md §4). Masks keep the
 * original length in characters (code points, so rare Han characters
 * outside the BMP count as one) and reveal only a fixed number of them.
 * Non-strings mask to ''.
 */
const STAR = '*';

function maskMiddle(chars: readonly string[], keepStart: number, keepEnd: number): string {
  const hidden = chars.length - keepStart - keepEnd;
  if (hidden <= 0) return STAR.repeat(chars.length);
  return chars.slice(0, keepStart).join('') + STAR.repeat(hidden) + chars.slice(chars.length - keepEnd).join('');
}

/**
 * Identifier-like strings: first 3 and last 4 characters when at least 8
 * long (110***********1234, 138****5678); shorter ones keep only the first
 * and last character, and 1–2 character strings are fully starred.
 */
function maskCode(value: string): string {
  const chars = Array.from(value);
  if (chars.length >= 8) return maskMiddle(chars, 3, 4);
  return maskMiddle(chars, 1, 1);
}

export function maskIdNumber(value: string): string {
  return typeof value === 'string' ? maskCode(value) : '';
}

export function maskPhone(value: string): string {
  return typeof value === 'string' ? maskCode(value) : '';
}

/**
 * Chinese names: 张三 → 张*, 张小三 → 张*三, longer names keep the first and
 * last character (欧阳小锋 → 欧**锋; the middle dot of minority names is
 * starred too, since it would reveal the parts' lengths).
 * Latin names keep the first letter of each space-separated word:
 * John Smith → J*** S****.
 */
export function maskName(value: string): string {
  if (typeof value !== 'string') return '';
  if (/\p{Script=Latin}/u.test(value)) {
    return (
      value
        .split(' ')
        // A one-letter word (an initial) would be revealed whole, so it is starred.
        .map((word) => maskMiddle(Array.from(word), 1, 0))
        .join(' ')
    );
  }
  const chars = Array.from(value);
  if (chars.length <= 1) return STAR.repeat(chars.length);
  if (chars.length === 2) return chars[0] + STAR;
  return maskMiddle(chars, 1, 1);
}
