import { sql, type Kysely } from 'kysely';

/**
 * 三员分立: who holds which console role. The account id is the primary key,
 * so the one-role rule holds in the schema too: a second role for the same
 * person is a key conflict, whatever the service above it does.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('console_roles')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('system', 'security', 'audit')`))
    // Null: granted by the bootstrap CLI (npm run admin -- grant-role), before any security administrator existed.
    .addColumn('granted_by', 'text')
    .addColumn('granted_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('console_roles').execute();
}
