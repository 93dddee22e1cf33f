import { createHash } from 'node:crypto';
import type { Database as BetterSqliteDatabase, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';
import pg from 'pg';

/**
 * Kysely's SQLite driver prepares every statement again; compiling the SQL
 * was the biggest single cost of a refresh grant. The platform's statements
 * are a small fixed set (queries are built from the same code paths), so the
 * most recently used `capacity` of them stay prepared, keyed by their text.
 * Reusing one is safe: better-sqlite3 is synchronous and Kysely runs one
 * query at a time per connection.
 */
export function withPreparedStatementCache(database: BetterSqliteDatabase, capacity = 200): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        // Map keeps insertion order: moving the entry to the end makes the first one the least recently used.
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (statements.size >= capacity) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
    close() {
      statements.clear();
      database.close();
    },
  };
}

// Only data statements are named: a migration's DDL runs once, and naming it would keep it for nothing.
const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i;
// pg never forgets a connection's named statements; past this many, new texts run unnamed (parsed each time).
const NAMED_STATEMENTS_PER_CONNECTION = 500;

/**
 * A pg client that runs the platform's data statements as named prepared
 * statements: PostgreSQL parses and plans each text once per connection
 * instead of on every execution. The name is a hash of the text, so one
 * name never stands for two texts.
 */
export class PreparingPgClient extends pg.Client {
  private readonly named = new Set<string>();

  // pg's overloads (callback, config object, stream) pass through untouched; only (text, values) is rewritten.
  override query: pg.Client['query'] = (...args: unknown[]) => {
    const clientQuery = Reflect.get(pg.Client.prototype, 'query') as (...a: unknown[]) => never;
    const [text, values] = args;
    if (typeof text === 'string' && Array.isArray(values) && args.length === 2 && DATA_STATEMENT.test(text)) {
      const name = `s_${createHash('sha1').update(text).digest('base64url')}`;
      if (this.named.has(name) || this.named.size < NAMED_STATEMENTS_PER_CONNECTION) {
        this.named.add(name);
        return clientQuery.call(this, { name, text, values });
      }
    }
    return clientQuery.apply(this, args);
  };
}
