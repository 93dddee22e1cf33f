import type { Kysely } from 'kysely';

/**
 * The per-account lockout (5 wrong passwords → 30 min for everyone) is gone:
 * failed passwords are throttled per account name and source in the
 * key-value store (services/password-login/login-throttle.ts), so the
 * columns that held the old counter and lock are dropped (SQLite ≥ 3.35 and
 * PostgreSQL both drop columns in place).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accounts').dropColumn('failed_logins').execute();
  await db.schema.alterTable('accounts').dropColumn('locked_until').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('accounts')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('accounts').addColumn('locked_until', 'bigint').execute();
}
