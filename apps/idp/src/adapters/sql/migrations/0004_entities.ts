import { sql, type Kysely } from 'kysely';

/**
 * 法人: registered legal entities (the USCC and name are public business
 * data, stored in clear) and the agents their legal representative
 * authorised. A grant is never updated in place: re-granting or revoking
 * stamps `revoked_at`, so the table is the history of who could act when
 * (no cascading deletes: that history outlives nothing it refers to).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('entities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uscc', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('account_name', 'text', (c) => c.unique())
    .addColumn('legal_rep_account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('entities_legal_rep').on('entities').column('legal_rep_account_id').execute();

  await db.schema
    .createTable('entity_agents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity_id', 'text', (c) => c.notNull().references('entities.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    // JSON array of client ids; null = all business.
    .addColumn('services', 'text')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('revoked_by', 'text')
    .execute();
  // One standing grant per person and entity, also under concurrent grants.
  await db.schema.createIndex('entity_agents_standing').on('entity_agents').columns(['entity_id', 'account_id']).unique().where(sql.ref('revoked_at'), 'is', null).execute();
  await db.schema.createIndex('entity_agents_account').on('entity_agents').column('account_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('entity_agents').execute();
  await db.schema.dropTable('entities').execute();
}
