import { normalizeIdentifier } from '@uia/validators';
import type { AccountRepository, StoredAccount } from '../../ports/account-repository.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';

/** Blind-index kinds; an ID number's index includes its document type. */
export const idNumberIndex = (cipher: PiiCipher, idType: string, idNumber: string) => cipher.blindIndex('id_number', `${idType}:${idNumber}`);
export const phoneIndex = (cipher: PiiCipher, phone: string) => cipher.blindIndex('phone', phone);
const usernameIndex = (cipher: PiiCipher, username: string) => cipher.blindIndex('username', username);

/**
 * Keyed hashes of each name an account can be typed by (用户名, 手机号, 证件号码):
 * what `findAccountByIdentifier` answers as `nameIndex` for each of them.
 */
export function accountNameIndexes(cipher: PiiCipher, account: StoredAccount): string[] {
  return [account.username ? usernameIndex(cipher, account.username) : null, account.phoneIndex, account.idNumberIndex].filter((index) => index !== null);
}

/**
 * Finds the account behind 用户名/手机号/身份证号, detecting which one was typed.
 * `nameIndex` is a keyed hash of the name as typed (normalised), the same
 * whether or not an account has it: a key for per-name state that never
 * holds the name in clear.
 */
export async function findAccountByIdentifier(
  accounts: AccountRepository,
  cipher: PiiCipher,
  raw: string,
): Promise<{ kind: 'username' | 'phone' | 'id_number'; account: StoredAccount | null; nameIndex: string }> {
  const identifier = normalizeIdentifier(raw);
  switch (identifier.kind) {
    case 'id_number': {
      const index = idNumberIndex(cipher, identifier.idType, identifier.value);
      return { kind: identifier.kind, account: await accounts.findByIdNumberIndex(index), nameIndex: index };
    }
    case 'phone': {
      const index = phoneIndex(cipher, identifier.value);
      return { kind: identifier.kind, account: await accounts.findByPhoneIndex(index), nameIndex: index };
    }
    case 'username':
      return { kind: identifier.kind, account: await accounts.findByUsername(identifier.value), nameIndex: usernameIndex(cipher, identifier.value) };
  }
}
