import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { contentDigest, GENESIS_HASH, linkHash, type ChainedAuditFields } from '../audit/audit-chain-hash.ts';

/**
 * The audit trail becomes a hash chain (docs/audit.md): one global, gapless
 * `seq`, each row holding its predecessor's hash and its own; the chain head
 * (one row) is what every append locks, so appends from several nodes are
 * serialised into one order. Console actions gain actor, target and changes.
 * Signed checkpoints live in their own table. Rows already stored are chained
 * in `at` order. Triggers then refuse UPDATE and DELETE of audit rows,
 * checkpoints and archive anchors on both engines; the one exception is the
 * archiver's DELETE of rows an anchor already covers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const column of ['prev_hash', 'hash', 'actor_account_id', 'actor_role', 'target', 'changes']) {
    await db.schema.alterTable('audit_events').addColumn(column, 'text').execute();
  }
  await db.schema.alterTable('audit_events').addColumn('seq', 'bigint').execute();
  await db.schema
    .createTable('audit_chain_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('audit_anchors')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('jws', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('jws', 'text', (c) => c.notNull())
    .execute();

  const head = await chainExistingRows(db as Kysely<LegacyAuditTables>);
  await (db as Kysely<LegacyAuditTables>).insertInto('audit_chain_head').values({ id: 1, seq: head.seq, prev_hash: head.prevHash, hash: head.hash }).execute();
  await db.schema.createIndex('audit_events_seq').unique().on('audit_events').column('seq').execute();
  await db.schema.createIndex('audit_events_actor').on('audit_events').columns(['actor_account_id', 'seq']).execute();

  for (const [table, archivable] of [
    ['audit_events', true],
    ['audit_checkpoints', true],
    ['audit_anchors', false],
  ] as const) {
    if (postgres) await refuseChangesOnPostgres(db, table, archivable);
    else await refuseChangesOnSqlite(db, table, archivable);
  }
}

// The one DELETE allowed: rows at or below the newest archive anchor, which the archiver inserts (signed) first.
const ARCHIVED = 'seq <= (select coalesce(max(seq), 0) from audit_anchors)';

async function refuseChangesOnPostgres(db: Kysely<unknown>, table: string, archivable: boolean) {
  const archivedDelete = archivable ? `if tg_op = 'DELETE' then if old.${ARCHIVED} then return old; end if; end if;` : '';
  await sql
    .raw(
      `create function ${table}_append_only() returns trigger language plpgsql as $$
       begin ${archivedDelete} raise exception '${table} is append-only: % refused', tg_op using errcode = 'insufficient_privilege'; end $$`,
    )
    .execute(db);
  await sql.raw(`create trigger ${table}_append_only before update or delete on ${table} for each row execute function ${table}_append_only()`).execute(db);
  await sql.raw(`create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function ${table}_append_only()`).execute(db);
}

async function refuseChangesOnSqlite(db: Kysely<unknown>, table: string, archivable: boolean) {
  await sql.raw(`create trigger ${table}_no_update before update on ${table} begin select raise(abort, '${table} is append-only: update refused'); end`).execute(db);
  const unlessArchived = archivable ? `when not old.${ARCHIVED}` : '';
  await sql.raw(`create trigger ${table}_no_delete before delete on ${table} ${unlessArchived} begin select raise(abort, '${table} is append-only: delete refused'); end`).execute(db);
}

interface LegacyAuditTables {
  audit_events: ChainedAuditFields & { seq: number | null; prev_hash: string | null; hash: string | null };
  audit_chain_head: { id: number; seq: number; prev_hash: string; hash: string };
}

const BATCH = 1000;

async function chainExistingRows(db: Kysely<LegacyAuditTables>) {
  let seq = 0;
  let prevHash = GENESIS_HASH;
  let hash = GENESIS_HASH;
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('seq', 'is', null).orderBy('at').orderBy('id').limit(BATCH).execute();
    for (const row of rows) {
      seq += 1;
      prevHash = hash;
      hash = linkHash(prevHash, contentDigest(row));
      await db.updateTable('audit_events').set({ seq, prev_hash: prevHash, hash }).where('id', '=', row.id).execute();
    }
    if (rows.length < BATCH) return { seq, prevHash, hash };
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const table of ['audit_events', 'audit_checkpoints', 'audit_anchors']) {
    if (postgres) await sql.raw(`drop function ${table}_append_only() cascade`).execute(db);
    else for (const operation of ['update', 'delete']) await sql.raw(`drop trigger ${table}_no_${operation}`).execute(db);
  }
  await db.schema.dropTable('audit_anchors').execute();
  await db.schema.dropTable('audit_checkpoints').execute();
  await db.schema.dropTable('audit_chain_head').execute();
  await db.schema.dropIndex('audit_events_actor').execute();
  await db.schema.dropIndex('audit_events_seq').execute();
  for (const column of ['seq', 'prev_hash', 'hash', 'actor_account_id', 'actor_role', 'target', 'changes']) {
    await db.schema.alterTable('audit_events').dropColumn(column).execute();
  }
}
