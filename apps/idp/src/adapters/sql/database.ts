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
import * as auditChain from './migrations/0006_audit_chain.ts';
import * as consoleRoles from './migrations/0008_console_roles.ts';
import { runPreparedQueriesDirectly } from './prepared-query.ts';
import type { Database } from './schema.ts';
import { PreparingPgClient, withPreparedStatementCache } from './statement-cache.ts';

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
  '0006_audit_chain': auditChain,
  '0008_console_roles': consoleRoles,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

export interface PostgresPoolOptions {
  /** Server-side statement_timeout; the client gives up on a silent server one second later. */
  statementTimeoutMs: number;
  /** A connection the server ended (pg_terminate_backend, a restart, a failover). */
  onConnectionError: (error: Error) => void;
}

// A connection attempt to a stopped or frozen server fails after this instead of hanging the request.
const CONNECT_TIMEOUT_MS = 2000;
// Idle connections are closed after this, so a pool does not keep a failed-over server's sockets long.
const IDLE_TIMEOUT_MS = 30_000;

export function openDatabase(options: { databaseUrl?: string | undefined; dataDir: string; sqliteFile?: string; postgres?: PostgresPoolOptions }): SqlDatabase {
  if (options.databaseUrl) {
    const statementTimeoutMs = options.postgres?.statementTimeoutMs ?? 5000;
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      Client: PreparingPgClient,
      max: 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      idleTimeoutMillis: IDLE_TIMEOUT_MS,
      statement_timeout: statementTimeoutMs,
      // statement_timeout needs a live server; query_timeout also ends a wait on a frozen one.
      query_timeout: statementTimeoutMs + 1000,
      // TCP keepalive finds a peer that vanished without closing the socket (failover, network cut).
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    // A connection the server ends emits 'error' on its client; unheard, that event ends the process.
    // Idle in the pool, the client is dropped and the next query opens a new connection; checked out
    // (inside a request), its next query fails (the request gets a 503) and the pool drops it on release.
    pool.on('connect', (client) => client.on('error', (error) => options.postgres?.onConnectionError(error)));
    // The pool repeats an idle client's error as its own 'error' event, which would end the process
    // just the same; the client's listener above has already reported it.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const sqlite = new SQLite(options.sqliteFile ?? join(options.dataDir, 'uia.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withPreparedStatementCache(sqlite) }) });
  runPreparedQueriesDirectly(db, sqlite);
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
