import { normalizeIdentifier } from '@uia/validators';
import type { AccountRepository, StoredAccount } from '../../ports/account-repository.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';

/** Blind-index kinds; an ID number's index includes its document type. */
export const idNumberIndex = (cipher: PiiCipher, idType: string, idNumber: string) => cipher.blindIndex('id_number', `${idType}:${idNumber}`);
export const phoneIndex = (cipher: PiiCipher, phone: string) => cipher.blindIndex('phone', phone);

/** Finds the account behind 用户名/手机号/身份证号, detecting which one was typed. */
export async function findAccountByIdentifier(
  accounts: AccountRepository,
  cipher: PiiCipher,
  raw: string,
): Promise<{ kind: 'username' | 'phone' | 'id_number'; account: StoredAccount | null }> {
  const identifier = normalizeIdentifier(raw);
  switch (identifier.kind) {
    case 'id_number':
      return { kind: identifier.kind, account: await accounts.findByIdNumberIndex(idNumberIndex(cipher, identifier.idType, identifier.value)) };
    case 'phone':
      return { kind: identifier.kind, account: await accounts.findByPhoneIndex(phoneIndex(cipher, identifier.value)) };
    case 'username':
      return { kind: identifier.kind, account: await accounts.findByUsername(identifier.value) };
  }
}
