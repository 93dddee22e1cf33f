import type { Database as BetterSqliteDatabase, Statement } from 'better-sqlite3';
import { CompiledQuery, type Compilable, type Kysely, type QueryResult } from 'kysely';

/**
 * A query of the request path, built with Kysely once instead of at every
 * call. Building the queries (the builder's immutable nodes, the visitor
 * that compiles them) took about half as much of a refresh grant's CPU as
 * SQLite running them; built once, the platform did 1.17–1.21× as many
 * refresh grants per CPU-second (bench/README.md). It still runs through
 * Kysely's executor, so it waits for an open transaction like any other
 * query, on either dialect.
 *
 * On SQLite opened by `openDatabase` (runPreparedQueriesDirectly), a query
 * outside a transaction skips Kysely's executor and runs straight on
 * better-sqlite3 (see runDirectly).
 *
 * `build` gets one marker per parameter name and is called once; the
 * compiled SQL's parameters are then mapped back to the names, so a name may
 * occur more than once (an upsert binds its values twice) and in any order.
 */
export interface PreparedQuery<DB, Params extends string, Row> {
  /** Runs on the database it was prepared for, or on a transaction of it. */
  execute(values: Record<Params, unknown>, on?: Kysely<DB>): Promise<QueryResult<Row>>;
  /** Runs at once on better-sqlite3: only inside the work of `transactDirectly`. */
  executeNow(values: Record<Params, unknown>): QueryResult<Row>;
}

// Markers live only while a query is compiled, once; a NUL-led prefix is not a constant any builder holds.
const MARKER_PREFIX = '\u0000uia-param:';

export function prepareQuery<DB, Params extends string, Row>(
  db: Kysely<DB>,
  names: readonly Params[],
  build: (db: Kysely<DB>, param: Record<Params, never>) => Compilable<Row>,
): PreparedQuery<DB, Params, Row> {
  // Typed `never` so a marker fits any column the builder checks it against; at run time it is a string.
  const markers = Object.fromEntries(names.map((name) => [name, `${MARKER_PREFIX}${name}`])) as Record<Params, never>;
  const compiled = build(db, markers).compile();
  // null is the one value a query may hold as it is (`consumed_at: null`); any other value is refused, so a value of
  // the moment (a Date.now() in `build`) cannot be compiled into a query that runs for the life of the process.
  const order = compiled.parameters.map((parameter) => {
    if (parameter === null) return null;
    const name = typeof parameter === 'string' && parameter.startsWith(MARKER_PREFIX) ? (parameter.slice(MARKER_PREFIX.length) as Params) : null;
    if (name === null || !names.includes(name)) throw new Error(`prepareQuery: the query holds a value that is not one of its parameters ${names.join(', ')}: ${JSON.stringify(parameter)}`);
    return name;
  });
  const bind = (values: Record<Params, unknown>) => order.map((name) => (name === null ? null : values[name]));
  const handle = directHandles.get(db);
  let statement: Statement | undefined;
  // Prepared at the first run, not here: queries are prepared when their store is made, maybe before the migrations.
  const runNow = (handle: BetterSqliteDatabase, values: Record<Params, unknown>) => runDirectly<Row>((statement ??= handle.prepare(compiled.sql)), bind(values));
  return {
    execute: async (values, on = db) => {
      if (handle && on === db && !handle.inTransaction) return runNow(handle, values);
      return on.executeQuery<Row>(CompiledQuery.raw(compiled.sql, bind(values)));
    },
    executeNow: (values) => {
      if (!handle?.inTransaction) throw new Error('executeNow runs only inside transactDirectly');
      return runNow(handle, values);
    },
  };
}

const directHandles = new WeakMap<object, BetterSqliteDatabase>();

/**
 * Lets the prepared queries of `db` run straight on `handle`, the
 * better-sqlite3 database behind its SQLite dialect. Kysely's executor
 * spends more on a query than SQLite does on a primary-key look-up (its
 * connection mutex and several awaits each, every promise also paying the
 * AsyncLocalStorage hooks), and a refresh grant runs several of them.
 *
 * It is safe because better-sqlite3 is synchronous: a query run here
 * begins and ends before any other code runs. The one thing Kysely's mutex
 * protects across awaits is an open transaction; while one is open (on the
 * database, not on the query's own `on`), the query goes through Kysely and
 * waits for it, as before, rather than running inside it.
 */
export function runPreparedQueriesDirectly<DB>(db: Kysely<DB>, handle: BetterSqliteDatabase) {
  directHandles.set(db, handle);
}

/**
 * Runs `work` as one transaction straight on the better-sqlite3 database
 * behind `db` (runPreparedQueriesDirectly), its queries by `executeNow`.
 * `work` is synchronous, so no other request's query can run inside the
 * transaction, and it costs two statements (begin, commit) on SQLite
 * instead of a round through Kysely's executor for each. Should a Kysely
 * transaction be open, it first waits for it, through Kysely's connection.
 */
export async function transactDirectly<DB, T>(db: Kysely<DB>, work: () => T): Promise<T> {
  const handle = directHandles.get(db);
  if (!handle) throw new Error('transactDirectly needs a database opened by openDatabase on SQLite');
  if (!handle.inTransaction) return handle.transaction(work)();
  return db.connection().execute(async () => handle.transaction(work)());
}

/** What Kysely's SQLite connection answers for the same statement (kysely/dist/esm/dialect/sqlite/sqlite-driver.js). */
function runDirectly<Row>(statement: Statement, parameters: unknown[]): QueryResult<Row> {
  if (statement.reader) return { rows: statement.all(parameters) as Row[] };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}
