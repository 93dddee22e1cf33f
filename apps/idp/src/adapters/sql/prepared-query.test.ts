import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, SqliteDialect, type CompiledQuery, type DatabaseConnection, type Driver } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareQuery } from './prepared-query.ts';

interface Db {
  pairs: { key: string; value: string | null; hits: number };
}

describe('prepareQuery', () => {
  let db: Kysely<Db>;

  beforeEach(async () => {
    db = new Kysely<Db>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    await db.schema
      .createTable('pairs')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text')
      .addColumn('hits', 'integer')
      .execute();
  });
  afterEach(() => db.destroy());

  it('binds each name wherever the compiled SQL holds it, also twice, and runs again with new values', async () => {
    const upsert = prepareQuery(db, ['value', 'key', 'hits'], (q, p) =>
      q
        .insertInto('pairs')
        .values({ key: p.key, value: p.value, hits: p.hits })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: p.value, hits: p.hits })),
    );
    const find = prepareQuery(db, ['key'], (q, p) => q.selectFrom('pairs').selectAll().where('key', '=', p.key));
    await upsert.execute({ key: 'a', value: 'one', hits: 1 });
    await upsert.execute({ key: 'b', value: 'two', hits: 2 });
    await upsert.execute({ key: 'a', value: 'three', hits: 3 });
    expect((await find.execute({ key: 'a' })).rows).toEqual([{ key: 'a', value: 'three', hits: 3 }]);
    expect((await find.execute({ key: 'b' })).rows).toEqual([{ key: 'b', value: 'two', hits: 2 }]);
    expect((await find.execute({ key: 'c' })).rows).toEqual([]);
  });

  it('runs inside a transaction when given one, and is undone with it', async () => {
    const insert = prepareQuery(db, ['key', 'hits'], (q, p) => q.insertInto('pairs').values({ key: p.key, value: null, hits: p.hits }));
    await expect(
      db.transaction().execute(async (trx) => {
        await insert.execute({ key: 'k', hits: 0 }, trx);
        expect(await trx.selectFrom('pairs').selectAll().execute()).toEqual([{ key: 'k', value: null, hits: 0 }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await db.selectFrom('pairs').selectAll().execute()).toEqual([]);
  });

  it('refuses, when prepared, a query that holds a value other than its parameters and null', () => {
    expect(() => prepareQuery(db, ['key'], (q, p) => q.selectFrom('pairs').selectAll().where('key', '=', p.key).where('hits', '>', Date.now()))).toThrow(/not one of its parameters key/);
  });

  it("compiles with the database's own dialect ($n on PostgreSQL) once, and sends the values in the compiled order", async () => {
    const sent: CompiledQuery[] = [];
    const connection: DatabaseConnection = {
      executeQuery: (query) => {
        sent.push(query);
        return Promise.resolve({ rows: [] });
      },
      streamQuery: () => {
        throw new Error('not used');
      },
    };
    const recordingDriver: Driver = {
      init: () => Promise.resolve(),
      acquireConnection: () => Promise.resolve(connection),
      beginTransaction: () => Promise.resolve(),
      commitTransaction: () => Promise.resolve(),
      rollbackTransaction: () => Promise.resolve(),
      releaseConnection: () => Promise.resolve(),
      destroy: () => Promise.resolve(),
    };
    const pg = new Kysely<Db>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => recordingDriver,
        createIntrospector: (k) => new PostgresIntrospector(k),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    });
    let builds = 0;
    const find = prepareQuery(pg, ['key', 'hits'], (q, p) => {
      builds += 1;
      return q.selectFrom('pairs').selectAll().where('hits', '>', p.hits).where('key', '=', p.key);
    });
    await find.execute({ key: 'a', hits: 1 });
    await find.execute({ hits: 2, key: 'b' });
    expect(builds).toBe(1);
    expect(sent.map((query) => [query.sql, query.parameters])).toEqual([
      ['select * from "pairs" where "hits" > $1 and "key" = $2', [1, 'a']],
      ['select * from "pairs" where "hits" > $1 and "key" = $2', [2, 'b']],
    ]);
  });
});
