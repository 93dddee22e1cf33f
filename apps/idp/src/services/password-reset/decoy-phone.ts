import { maskPhone } from '@uia/validators';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';

// Every mobile prefix the mainland operators have issued (China Mobile, Unicom, Telecom,
// Broadnet, virtual operators), so a decoy can look like any real bound phone.
const PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139',
  '145', '146', '147', '148', '149',
  '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '162', '165', '166', '167',
  '170', '171', '172', '173', '174', '175', '176', '177', '178',
  '180', '181', '182', '183', '184', '185', '186', '187', '188', '189',
  '190', '191', '192', '193', '195', '196', '197', '198', '199',
];

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
  // 32-bit draws: the modulo bias is below one in ten thousand.
  const prefix = PREFIXES[digest.readUInt32BE(0) % PREFIXES.length]!;
  const last4 = String(digest.readUInt32BE(4) % 10_000).padStart(4, '0');
  return maskPhone(`${prefix}0000${last4}`);
}
