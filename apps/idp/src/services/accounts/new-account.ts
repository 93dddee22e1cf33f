import { randomUUID } from 'node:crypto';
import type { IdType } from '@uia/validators';
import type { AssuranceLevel, StoredAccount } from '../../ports/account-repository.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import { PII_CONTEXT } from './account-profile.ts';
import { idNumberIndex, phoneIndex } from './account-lookup.ts';

/** A new active account record: personal data encrypted, look-up indexes computed. */
export function newAccountRecord(
  cipher: PiiCipher,
  person: { name: string; idType: IdType; idNumber: string; phone: string; username: string; passwordHash: string; assuranceLevel: AssuranceLevel },
  now = Date.now(),
): StoredAccount {
  return {
    id: randomUUID(),
    username: person.username,
    passwordHash: person.passwordHash,
    nameCipher: cipher.encrypt(person.name, PII_CONTEXT.name),
    idType: person.idType,
    idNumberCipher: cipher.encrypt(person.idNumber, PII_CONTEXT.idNumber),
    idNumberIndex: idNumberIndex(cipher, person.idType, person.idNumber),
    phoneCipher: cipher.encrypt(person.phone, PII_CONTEXT.phone),
    phoneIndex: phoneIndex(cipher, person.phone),
    assuranceLevel: person.assuranceLevel,
    status: 'active',
    failedLogins: 0,
    lockedUntil: null,
    credentialsChangedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}
