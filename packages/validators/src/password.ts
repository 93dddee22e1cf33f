/**
 * Password policy for registration, reset and change. Passwords are never
 * trimmed or otherwise altered: what the user typed is what gets hashed.
 */
import { validatePhone } from './phone.ts';
import { fail, ok, type Validation } from './validation.ts';

export interface PasswordContext {
  username?: string | null;
  phone?: string | null;
  /** YYYYMMDD (other separators such as YYYY-MM-DD are tolerated). */
  birthDate?: string | null;
}

// Up to 64 so people can use passphrases (NIST SP 800-63B: at least 64 allowed);
// the forms' maxLength reads it too.
export const PASSWORD_LENGTH = { min: 8, max: 64 } as const;

// Printable ASCII without the space: a space is invisible in a masked field
// and form autofill or input methods drop or add it silently, locking people
// out; non-ASCII characters type differently across keyboards and IMEs.
const ALLOWED = /^[\x21-\x7E]*$/;

const CHARACTER_CLASSES: readonly RegExp[] = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/];
const REQUIRED_CLASSES = 3;

// Shorter context values would forbid ordinary character sequences; real
// usernames are at least 6 characters anyway.
const MIN_USERNAME_TO_CHECK = 3;

function personalFragments(context: PasswordContext): string[] {
  const fragments: string[] = [];
  const { username, phone, birthDate } = context;
  if (typeof username === 'string') {
    const name = username.trim().toLowerCase();
    if (name.length >= MIN_USERNAME_TO_CHECK) fragments.push(name);
  }
  if (typeof phone === 'string') {
    const checked = validatePhone(phone);
    if (checked.ok) fragments.push(checked.value);
  }
  if (typeof birthDate === 'string') {
    const digits = birthDate.replace(/\D/g, '');
    // Both the full date and the six-digit form people commonly use.
    if (digits.length === 8) fragments.push(digits, digits.slice(2));
  }
  return fragments;
}

export function validatePassword(password: string, context: PasswordContext = {}): Validation<string> {
  if (typeof password !== 'string') return fail('PASSWORD_LENGTH');
  if (password.length < PASSWORD_LENGTH.min || password.length > PASSWORD_LENGTH.max) return fail('PASSWORD_LENGTH');
  if (!ALLOWED.test(password)) return fail('PASSWORD_INVALID_CHARACTERS');
  const classes = CHARACTER_CLASSES.filter((pattern) => pattern.test(password)).length;
  if (classes < REQUIRED_CLASSES) return fail('PASSWORD_COMPLEXITY');
  const lowered = password.toLowerCase();
  const personal = personalFragments(context ?? {});
  if (personal.some((fragment) => lowered.includes(fragment))) return fail('PASSWORD_CONTAINS_PERSONAL');
  return ok(password);
}
