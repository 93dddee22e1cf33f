import type { IdType } from '@uia/validators';
import type { AssuranceLevel, StoredAccount } from '../../ports/account-repository.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';

/** Encryption contexts (associated data) of the personal-data columns. */
export const PII_CONTEXT = {
  name: 'accounts.name',
  idNumber: 'accounts.id_number',
  phone: 'accounts.phone',
} as const;

export interface AccountProfile {
  id: string;
  username: string | null;
  name: string;
  idType: IdType;
  idNumber: string;
  phone: string | null;
  assuranceLevel: AssuranceLevel;
}

/** Decrypts an account's personal data, for claims and the user's own views only. */
export function readAccountProfile(account: StoredAccount, cipher: PiiCipher): AccountProfile {
  return {
    id: account.id,
    username: account.username,
    name: cipher.decrypt(account.nameCipher, PII_CONTEXT.name),
    idType: account.idType,
    idNumber: cipher.decrypt(account.idNumberCipher, PII_CONTEXT.idNumber),
    phone: account.phoneCipher ? cipher.decrypt(account.phoneCipher, PII_CONTEXT.phone) : null,
    assuranceLevel: account.assuranceLevel,
  };
}

export const LEVEL_ORDER: readonly AssuranceLevel[] = ['L1', 'L2', 'L3', 'L4'];

/** A login proves at most `proven`; the person cannot be more than their verified level. */
export function loginAssurance(personLevel: AssuranceLevel, proven: AssuranceLevel): AssuranceLevel {
  return LEVEL_ORDER.indexOf(personLevel) < LEVEL_ORDER.indexOf(proven) ? personLevel : proven;
}

/** True when `level` is `required` or higher. */
export function meetsLevel(level: AssuranceLevel, required: AssuranceLevel): boolean {
  return LEVEL_ORDER.indexOf(level) >= LEVEL_ORDER.indexOf(required);
}
