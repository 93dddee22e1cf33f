import SQLite from 'better-sqlite3';
import { Kysely, sql, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, SqliteDialect, type CompiledQuery, type DatabaseConnection, type Driver } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareQuery, runPreparedQueriesDirectly, transactDirectly } from './prepared-query.ts';

interface Db {
  pairs: { key: string; value: string | null; hits: number };
}

const createPairs = (db: Kysely<Db>) =>
  db.schema
    .createTable('pairs')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text')
    .addColumn('hits', 'integer')
    .execute();

describe('prepareQuery', () => {
  let db: Kysely<Db>;

  beforeEach(async () => {
    db = new Kysely<Db>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    await createPairs(db);
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

describe('prepared queries straight on better-sqlite3 (runPreparedQueriesDirectly)', () => {
  let sqlite: SQLite.Database;
  let db: Kysely<Db>;
  let viaKysely: Kysely<Db>;

  beforeEach(async () => {
    sqlite = new SQLite(':memory:');
    db = new Kysely<Db>({ dialect: new SqliteDialect({ database: sqlite }) });
    runPreparedQueriesDirectly(db, sqlite);
    // The same database without the direct path: what Kysely answers for the same statements.
    viaKysely = new Kysely<Db>({ dialect: new SqliteDialect({ database: sqlite }) });
    await createPairs(db);
  });
  afterEach(() => db.destroy());

  const statements = (on: Kysely<Db>) => ({
    insert: prepareQuery(on, ['key', 'hits'], (q, p) => q.insertInto('pairs').values({ key: p.key, value: null, hits: p.hits })),
    bump: prepareQuery(on, ['key'], (q, p) =>
      q
        .updateTable('pairs')
        .set({ hits: sql`hits + 1` })
        .where('key', '=', p.key),
    ),
    find: prepareQuery(on, ['key'], (q, p) => q.selectFrom('pairs').selectAll().where('key', '=', p.key)),
  });

  it("answers what Kysely's executor answers: rows, affected rows, insert id", async () => {
    const direct = statements(db);
    const kysely = statements(viaKysely);
    expect(await direct.insert.execute({ key: 'a', hits: 1 })).toEqual({ numAffectedRows: 1n, insertId: 1n, rows: [] });
    expect(await kysely.insert.execute({ key: 'b', hits: 1 })).toEqual({ numAffectedRows: 1n, insertId: 2n, rows: [] });
    expect(await direct.bump.execute({ key: 'a' })).toEqual(await kysely.bump.execute({ key: 'b' }));
    expect(await direct.bump.execute({ key: 'none' })).toEqual(await kysely.bump.execute({ key: 'none' }));
    expect(await direct.find.execute({ key: 'a' })).toEqual({ rows: [{ key: 'a', value: null, hits: 2 }] });
    expect((await direct.find.execute({ key: 'b' })).rows).toEqual((await kysely.find.execute({ key: 'b' })).rows);
  });

  /** Starts `write` while a Kysely transaction is open on the database, which then rolls back; waits for both. */
  async function duringRolledBackTransaction(write: () => Promise<unknown>) {
    let written: Promise<unknown> | undefined;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('pairs').values({ key: 'in', value: null, hits: 0 }).execute();
        written = write();
        await new Promise((resolve) => setTimeout(resolve, 10));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await written;
    expect((await statements(db).find.execute({ key: 'in' })).rows).toEqual([]);
  }

  it('does not run inside a Kysely transaction open on the database: it waits for it and is not undone with it', async () => {
    const { insert, find } = statements(db);
    await duringRolledBackTransaction(() => insert.execute({ key: 'out', hits: 0 }));
    expect((await find.execute({ key: 'out' })).rows).toEqual([{ key: 'out', value: null, hits: 0 }]);
  });

  it('transactDirectly stores all of its work or none of it', async () => {
    const { insert, find } = statements(db);
    expect(await transactDirectly(db, () => [insert.executeNow({ key: 'a', hits: 0 }).numAffectedRows, insert.executeNow({ key: 'b', hits: 0 }).numAffectedRows])).toEqual([1n, 1n]);
    await expect(
      transactDirectly(db, () => {
        insert.executeNow({ key: 'c', hits: 0 });
        insert.executeNow({ key: 'a', hits: 0 });
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect((await find.execute({ key: 'c' })).rows).toEqual([]);
    expect(sqlite.inTransaction).toBe(false);
  });

  it('transactDirectly waits for an open Kysely transaction instead of joining it', async () => {
    const { insert, find } = statements(db);
    await duringRolledBackTransaction(() => transactDirectly(db, () => insert.executeNow({ key: 'direct', hits: 0 })));
    expect((await find.execute({ key: 'direct' })).rows).toHaveLength(1);
  });

  it('refuses executeNow outside transactDirectly, and transactDirectly on a database without the direct path', async () => {
    expect(() => statements(db).insert.executeNow({ key: 'a', hits: 0 })).toThrow(/only inside transactDirectly/);
    await expect(transactDirectly(viaKysely, () => 1)).rejects.toThrow(/opened by openDatabase/);
  });
});
