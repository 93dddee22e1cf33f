import { maskPhone } from '@uia/validators';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';

// Common mainland prefixes, so a decoy looks like any bound phone.
const PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '166', '177', '180', '181', '186', '187', '188', '189', '199'];

/**
 * The masked phone shown for an account name that matches no account. It is
 * derived from the name with the blind-index key, so asking twice shows the
 * same number and nobody without the key can tell it from a real one. When
 * the name is itself a phone number, that number is shown, as it would be
 * for a real account.
 */
export function decoyMaskedPhone(cipher: PiiCipher, accountName: { kind: string; value: string }): string {
  if (accountName.kind === 'phone') return maskPhone(accountName.value);
  const digest = Buffer.from(cipher.blindIndex('reset-decoy-phone', `${accountName.kind}:${accountName.value}`), 'base64url');
  const prefix = PREFIXES[digest[0]! % PREFIXES.length]!;
  const last4 = String(digest.readUInt16BE(1) % 10_000).padStart(4, '0');
  return maskPhone(`${prefix}0000${last4}`);
}
