import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import * as initial from './migrations/0001_initial.ts';
import * as passwordHistory from './migrations/0002_password_history.ts';
import * as appSessions from './migrations/0003_app_sessions.ts';
import * as entities from './migrations/0004_entities.ts';
import * as accountLockoutDropped from './migrations/0005_account_lockout_dropped.ts';
import type { Database } from './schema.ts';

// int8 columns hold epoch milliseconds, well inside Number's safe range.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

export type SqlDialectName = 'sqlite' | 'postgres';

export interface SqlDatabase {
  db: Kysely<Database>;
  dialect: SqlDialectName;
  close(): Promise<void>;
}

const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_password_history': passwordHistory,
  '0003_app_sessions': appSessions,
  '0004_entities': entities,
  '0005_account_lockout_dropped': accountLockoutDropped,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

export function openDatabase(options: { databaseUrl?: string | undefined; dataDir: string; sqliteFile?: string }): SqlDatabase {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const sqlite = new SQLite(options.sqliteFile ?? join(options.dataDir, 'uia.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  // On PostgreSQL the migration tables live in the connection's own schema. Named explicitly,
  // because Kysely otherwise looks for them in every schema of the database and, finding another
  // schema's (tests run in one schema each, side by side), skips creating its own.
  const schema = db.getExecutor().adapter instanceof PostgresAdapter ? await currentSchema(db) : null;
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider(), ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`数据库迁移失败 / migration failed: ${failed?.migrationName ?? ''} ${String(error)}`);
  }
}

async function currentSchema(db: Kysely<Database>): Promise<string | null> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? null;
}

/** True when the error is a unique-constraint violation on either engine. */
export function isUniqueViolation(error: unknown): error is Error {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Column that a unique violation was about, from the engine's message or constraint name. */
export function violatedColumn(error: unknown): string {
  const e = error as { message?: string; constraint?: string; detail?: string };
  return `${e.constraint ?? ''} ${e.detail ?? ''} ${e.message ?? ''}`;
}
