import type { Kysely, Transaction } from 'kysely';
import { DuplicateAccountError, type AccountRepository, type AccountWrites, type AssuranceLevel, type StoredAccount } from '../../ports/account-repository.ts';
import { toAccount } from './account-rows.ts';
import { isUniqueViolation, violatedColumn } from './database.ts';
import { prepareQuery } from './prepared-query.ts';
import { MODELS_ENDED_BY_MARK, markEnded } from './sql-oidc-model-store.ts';
import type { Database } from './schema.ts';

const LOOKUP_COLUMNS = ['id', 'username', 'id_number_index', 'phone_index'] as const;
type LookupColumn = (typeof LOOKUP_COLUMNS)[number];

const prepareLookup = (db: Kysely<Database>, column: LookupColumn) => prepareQuery(db, ['value'], (q, p) => q.selectFrom('accounts').selectAll().where(column, '=', p.value));

export class SqlAccountRepository implements AccountRepository {
  // Every login and grant reads an account by one of these (prepared-query.ts).
  private readonly lookups: Record<LookupColumn, ReturnType<typeof prepareLookup>>;

  constructor(private readonly db: Kysely<Database>) {
    this.lookups = Object.fromEntries(LOOKUP_COLUMNS.map((column) => [column, prepareLookup(db, column)])) as Record<LookupColumn, ReturnType<typeof prepareLookup>>;
  }

  private async findBy(column: LookupColumn, value: string) {
    const { rows } = await this.lookups[column].execute({ value });
    return rows[0] ? toAccount(rows[0]) : null;
  }

  findById(id: string) {
    return this.findBy('id', id);
  }

  findByUsername(username: string) {
    return this.findBy('username', username);
  }

  findByIdNumberIndex(index: string) {
    return this.findBy('id_number_index', index);
  }

  findByPhoneIndex(index: string) {
    return this.findBy('phone_index', index);
  }

  async create(account: StoredAccount) {
    try {
      await this.db
        .insertInto('accounts')
        .values({
          id: account.id,
          username: account.username,
          password_hash: account.passwordHash,
          name_cipher: account.nameCipher,
          id_type: account.idType,
          id_number_cipher: account.idNumberCipher,
          id_number_index: account.idNumberIndex,
          phone_cipher: account.phoneCipher,
          phone_index: account.phoneIndex,
          assurance_level: account.assuranceLevel,
          status: account.status,
          credentials_changed_at: account.credentialsChangedAt,
          created_at: account.createdAt,
          updated_at: account.updatedAt,
        })
        .execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const where = violatedColumn(error);
      if (where.includes('username')) throw new DuplicateAccountError('username');
      if (where.includes('phone')) throw new DuplicateAccountError('phone');
      throw new DuplicateAccountError('idNumber');
    }
  }

  async previousPasswordHashes(id: string, limit: number) {
    const rows = await this.db.selectFrom('password_history').select('password_hash').where('account_id', '=', id).orderBy('created_at', 'desc').limit(limit).execute();
    return rows.map((row) => row.password_hash);
  }

  inTransaction<T>(work: (writes: AccountWrites) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new SqlAccountWrites(trx)));
  }

  async raiseAssuranceLevel(id: string, level: AssuranceLevel, now: number) {
    await this.db
      .updateTable('accounts')
      .set({ assurance_level: level, updated_at: now })
      .where('id', '=', id)
      // 'L1' < 'L2' < 'L3' < 'L4' as text, on both engines.
      .where('assurance_level', '<', level)
      .execute();
  }

  async changePhone(id: string, phone: { cipher: string; index: string }, now: number) {
    try {
      await this.db.updateTable('accounts').set({ phone_cipher: phone.cipher, phone_index: phone.index, updated_at: now }).where('id', '=', id).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateAccountError('phone');
      throw error;
    }
  }
}

class SqlAccountWrites implements AccountWrites {
  constructor(private readonly trx: Transaction<Database>) {}

  async replacePassword(id: string, passwordHash: string, now: number, keepPrevious: number) {
    const { trx } = this;
    const current = await trx.selectFrom('accounts').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
    if (current.password_hash) {
      await trx.insertInto('password_history').values({ account_id: id, password_hash: current.password_hash, created_at: now }).execute();
    }
    const kept = await trx
      .selectFrom('password_history')
      .select('created_at')
      .where('account_id', '=', id)
      .orderBy('created_at', 'desc')
      .offset(keepPrevious - 1)
      .limit(1)
      .executeTakeFirst();
    if (kept) {
      await trx.deleteFrom('password_history').where('account_id', '=', id).where('created_at', '<', kept.created_at).execute();
    }
    await trx.updateTable('accounts').set({ password_hash: passwordHash, credentials_changed_at: now, updated_at: now }).where('id', '=', id).execute();
  }

  async endAllSessions(id: string, now: number) {
    // Sessions, grants (and with them every access token) and refresh tokens live in oidc_models;
    // Sessions and Grants are marked ended, so a request in flight cannot store them again.
    await markEnded(this.trx, now).where('account_id', '=', id).where('model', 'in', MODELS_ENDED_BY_MARK).execute();
    await this.trx.deleteFrom('oidc_models').where('account_id', '=', id).where('model', 'not in', MODELS_ENDED_BY_MARK).execute();
    await this.trx.updateTable('app_sessions').set({ revoked_at: now }).where('account_id', '=', id).where('revoked_at', 'is', null).execute();
  }

  async setStatus(id: string, status: StoredAccount['status'], now: number) {
    await this.trx.updateTable('accounts').set({ status, updated_at: now }).where('id', '=', id).execute();
  }
}
