import { timingSafeEqual } from 'node:crypto';
import { validateIdNumber } from '@uia/validators';
import { idNumberIndex } from '../accounts/account-lookup.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import type { ResetTicketState } from './reset-tickets.ts';

/**
 * Whether the typed 证件号码 is the account's. The same work is done when
 * there is no account (a resident ID is assumed), and a malformed number is
 * simply a mismatch, so the answer tells nothing about whether the account
 * exists or which document type it has.
 */
export function matchesAccountIdNumber(cipher: PiiCipher, identity: ResetTicketState['identity'], typed: string): boolean {
  const idType = identity?.idType ?? 'resident_id';
  const parsed = validateIdNumber(idType, typed);
  const given = Buffer.from(idNumberIndex(cipher, idType, parsed.ok ? parsed.value : typed), 'base64url');
  const expected = identity ? Buffer.from(identity.idNumberIndex, 'base64url') : Buffer.alloc(given.length);
  return given.length === expected.length && timingSafeEqual(given, expected) && parsed.ok && identity !== null;
}
