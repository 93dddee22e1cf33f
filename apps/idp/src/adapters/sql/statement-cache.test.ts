import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PreparingPgClient, withPreparedStatementCache } from './statement-cache.ts';

describe('SQLite prepared statement cache', () => {
  it('prepares a text once and keeps only the most recently used statements', () => {
    const sqlite = new SQLite(':memory:');
    const database = withPreparedStatementCache(sqlite, 2);
    const first = database.prepare('select 1');
    expect(database.prepare('select 1')).toBe(first);
    const second = database.prepare('select 2');
    database.prepare('select 1');
    database.prepare('select 3');
    // 'select 2' was the least recently used when the third text came.
    expect(database.prepare('select 1')).toBe(first);
    expect(database.prepare('select 2')).not.toBe(second);
    expect((database.prepare('select ? + 1') as SQLite.Statement).get(1)).toEqual({ '? + 1': 2 });
    database.close();
    expect(sqlite.open).toBe(false);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('PostgreSQL named prepared statements', () => {
  it('runs data statements with values as named statements, each text parsed once per connection', async () => {
    const client = new PreparingPgClient({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      for (let i = 0; i < 3; i += 1) expect((await client.query('select $1::int + 1 as n', [i])).rows).toEqual([{ n: i + 1 }]);
      await client.query('select 1');
      const { rows } = await client.query<{ statement: string }>('select statement from pg_prepared_statements');
      expect(rows.map((row) => row.statement)).toEqual(['select $1::int + 1 as n']);
    } finally {
      await client.end();
    }
  });
});
