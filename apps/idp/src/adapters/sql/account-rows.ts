import type { Selectable } from 'kysely';
import type { IdType } from '@uia/validators';
import type { AssuranceLevel, StoredAccount } from '../../ports/account-repository.ts';
import type { AccountsTable } from './schema.ts';

// A record, not a list, so that the compiler checks every column is named: one missing here would reach
// toAccount as undefined from a read that selects these columns along with other rows.
const EVERY_ACCOUNT_COLUMN = {
  id: true,
  username: true,
  password_hash: true,
  name_cipher: true,
  id_type: true,
  id_number_cipher: true,
  id_number_index: true,
  phone_cipher: true,
  phone_index: true,
  assurance_level: true,
  status: true,
  credentials_changed_at: true,
  created_at: true,
  updated_at: true,
} as const satisfies Record<keyof AccountsTable, true>;

/** Every column of `accounts`: what a statement that reads an account along with other rows selects. */
export const ACCOUNT_COLUMNS = Object.keys(EVERY_ACCOUNT_COLUMN) as (keyof AccountsTable)[];

export function toAccount(row: Selectable<AccountsTable>): StoredAccount {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    nameCipher: row.name_cipher,
    idType: row.id_type as IdType,
    idNumberCipher: row.id_number_cipher,
    idNumberIndex: row.id_number_index,
    phoneCipher: row.phone_cipher,
    phoneIndex: row.phone_index,
    assuranceLevel: row.assurance_level as AssuranceLevel,
    status: row.status as StoredAccount['status'],
    credentialsChangedAt: row.credentials_changed_at === null ? null : Number(row.credentials_changed_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
