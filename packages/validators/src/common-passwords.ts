/**
 * The bundled list of common and breached passwords (data/common-passwords.txt,
 * where it comes from is in its header). Server-side only: it reads the file,
 * once, on first use; the UIs learn the verdict from the server's
 * PASSWORD_TOO_COMMON.
 */
import { readFileSync } from 'node:fs';
import { validatePassword, type PasswordContext } from './password.ts';
import { fail, type Validation } from './validation.ts';

let entries: Set<string> | null = null;

function commonPasswords(): Set<string> {
  entries ??= new Set(
    readFileSync(new URL('../data/common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.length > 0 && !line.startsWith('#')),
  );
  return entries;
}

// The substitutions people make to satisfy a composition rule (P@ssw0rd, L0v3).
const LEET: Readonly<Record<string, string>> = { '@': 'a', '4': 'a', '3': 'e', '1': 'i', '!': 'i', '0': 'o', $: 's', '5': 's', '7': 't', '+': 't' };

function undoLeet(value: string): string {
  return value.replace(/[@431!0$57+]/g, (character) => LEET[character] ?? character);
}

// A listed word of at least this length followed by digits and symbols (Password1!,
// Dragon2024#) is refused too; shorter stems would refuse strong passwords such as
// Aa7395046182!, so their common suffixed forms are listed one by one instead.
const MIN_STEM_LENGTH = 4;

/**
 * True when the password, case-folded, is on the list — as typed, with
 * leetspeak undone, or without the digits and symbols appended to a listed
 * word. Where the word ends inside the trailing digits and symbols is not
 * known (Hydr0 + 0), so every cut within them is tried.
 */
export function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  const lowered = password.toLowerCase();
  const trailingStart = lowered.search(/[^a-z]*$/);
  const candidates = [lowered, undoLeet(lowered)];
  for (let cut = Math.max(trailingStart, MIN_STEM_LENGTH); cut < lowered.length; cut++) {
    const stem = lowered.slice(0, cut);
    candidates.push(stem, undoLeet(stem));
  }
  return candidates.some((candidate) => list.has(candidate));
}

/** Registration's policy (validatePassword) plus the list: what every new password must pass. */
export function validateNewPassword(password: string, context: PasswordContext = {}): Validation<string> {
  const policy = validatePassword(password, context);
  if (!policy.ok) return policy;
  return isCommonPassword(password) ? fail('PASSWORD_TOO_COMMON') : policy;
}
