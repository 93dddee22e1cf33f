import type { Kysely } from 'kysely';

/**
 * Earlier password hashes, so a reset can refuse the last few passwords; and
 * when the credentials last changed, so logins from before a reset stop working.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('credentials_changed_at', 'bigint').execute();
  await db.schema
    .createTable('password_history')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('password_history_account').on('password_history').columns(['account_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('password_history').execute();
  await db.schema.alterTable('accounts').dropColumn('credentials_changed_at').execute();
}
