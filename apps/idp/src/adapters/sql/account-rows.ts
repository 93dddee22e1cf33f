import type { Selectable } from 'kysely';
import type { IdType } from '@uia/validators';
import type { AssuranceLevel, StoredAccount } from '../../ports/account-repository.ts';
import type { AccountsTable } from './schema.ts';

/** Every column of `accounts`: what a statement that reads an account along with other rows selects. */
export const ACCOUNT_COLUMNS = [
  'id',
  'username',
  'password_hash',
  'name_cipher',
  'id_type',
  'id_number_cipher',
  'id_number_index',
  'phone_cipher',
  'phone_index',
  'assurance_level',
  'status',
  'credentials_changed_at',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof AccountsTable)[];

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
