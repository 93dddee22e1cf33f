import { randomUUID } from 'node:crypto';
import type { IdType } from '@uia/validators';
import type { AssuranceLevel, StoredAccount } from '../../ports/account-repository.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import { PII_CONTEXT } from './account-profile.ts';
import { idNumberIndex, phoneIndex } from './account-lookup.ts';

/**
 * A new active account record: personal data encrypted, look-up indexes
 * computed. Phone, username and password may be missing: the first app
 * login of a real person creates an account with none of them.
 */
export function newAccountRecord(
  cipher: PiiCipher,
  person: {
    name: string;
    idType: IdType;
    idNumber: string;
    phone: string | null;
    username: string | null;
    passwordHash: string | null;
    assuranceLevel: AssuranceLevel;
  },
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
    phoneCipher: person.phone === null ? null : cipher.encrypt(person.phone, PII_CONTEXT.phone),
    phoneIndex: person.phone === null ? null : phoneIndex(cipher, person.phone),
    assuranceLevel: person.assuranceLevel,
    status: 'active',
    credentialsChangedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}
