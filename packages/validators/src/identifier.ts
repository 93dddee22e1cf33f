/**
 * The single 用户名/手机号/身份证号 field of 账号登录 (DESIGN.md §2.3): a
 * valid 18-character ID number → id_number; a mainland mobile → phone;
 * anything else → username.
 *
 * Besides the resident ID, the two other GB 11643 numbers (港澳台居民居住证,
 * 2023 永居证) count as ID numbers: they are 18 characters with the same
 * check character, their holders know them as their "身份证号", and they can
 * never be usernames. `idType` tells the caller which document matched.
 */
import type { IdType } from './id-types.ts';
import { validateIdNumber } from './id-number.ts';
import { validatePhone } from './phone.ts';
import { isString, lowerAscii } from './text.ts';

export type IdentifierKind = 'id_number' | 'phone' | 'username';

export type NormalizedIdentifier = { kind: 'id_number'; value: string; idType: IdType } | { kind: 'phone'; value: string } | { kind: 'username'; value: string };

const EIGHTEEN_CHAR_TYPES: readonly IdType[] = ['resident_id', 'hmt_residence_permit', 'foreign_permanent_residence'];

export function normalizeIdentifier(raw: string, now: Date = new Date()): NormalizedIdentifier {
  if (!isString(raw)) return { kind: 'username', value: '' };
  for (const idType of EIGHTEEN_CHAR_TYPES) {
    const id = validateIdNumber(idType, raw, { now });
    // The 15-character legacy 永居证 is not an "18-char ID number".
    if (id.ok && id.value.length === 18) return { kind: 'id_number', value: id.value, idType };
  }
  const phone = validatePhone(raw);
  if (phone.ok) return { kind: 'phone', value: phone.value };
  return { kind: 'username', value: lowerAscii(raw.trim()) };
}

export function detectIdentifierKind(raw: string): IdentifierKind {
  return normalizeIdentifier(raw).kind;
}
