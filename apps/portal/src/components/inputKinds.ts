import type { InputHTMLAttributes } from 'react';
import { PASSWORD_LENGTH } from '@uia/validators';

/**
 * The attributes of an input by what it holds, the same in every form that
 * asks for it (keyboard, autofill, no spell check or capitals where they hurt).
 */
export const inputKinds = {
  /** A name to log in with: username, phone number or ID number (the password manager's username). */
  accountName: { type: 'text', autoComplete: 'username', autoCapitalize: 'off', spellCheck: false, maxLength: 64 },
  /** An ID number: letters (X, permits, passports) in capitals, never autofilled. */
  idNumber: { type: 'text', autoComplete: 'off', autoCapitalize: 'characters', spellCheck: false, maxLength: 32 },
  /** A password being chosen (the password manager may propose one). */
  newPassword: { type: 'password', autoComplete: 'new-password', maxLength: PASSWORD_LENGTH.max },
} as const satisfies Record<string, InputHTMLAttributes<HTMLInputElement>>;
