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
 * `build` gets one marker per parameter name and is called once; the
 * compiled SQL's parameters are then mapped back to the names, so a name may
 * occur more than once (an upsert binds its values twice) and in any order.
 */
export interface PreparedQuery<DB, Params extends string, Row> {
  /** Runs on the database it was prepared for, or on a transaction of it. */
  execute(values: Record<Params, unknown>, on?: Kysely<DB>): Promise<QueryResult<Row>>;
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
  return {
    execute: (values, on = db) =>
      on.executeQuery<Row>(
        CompiledQuery.raw(
          compiled.sql,
          order.map((name) => (name === null ? null : values[name])),
        ),
      ),
  };
}
