import { sql, type Kysely, type QueryCreator, type RawBuilder, type Selectable } from 'kysely';
import type { OidcModelRecord, OidcModelStore, TokenWithBindings } from '../../ports/oidc-model-store.ts';
import { ACCOUNT_COLUMNS, toAccount } from './account-rows.ts';
import type { SqlDialectName } from './database.ts';
import { GroupedWrites } from './grouped-writes.ts';
import { prepareQuery, transactDirectly } from './prepared-query.ts';
import type { AccountsTable, Database, OidcModelsTable } from './schema.ts';

/**
 * Models whose end is marked (`consumed_at`) instead of deleted until they expire. oidc-provider saves the
 * Session (and may save the Grant) at the end of every request that loaded it: a request in flight when the
 * person or an administrator ends the session would otherwise store it again, and the session would live on.
 * An ended row is never updated again (the upsert's condition) and reads as absent.
 */
export const MODELS_ENDED_BY_MARK = ['Session', 'Grant'] as const;
const endedByMark = new Set<string>(MODELS_ENDED_BY_MARK);
const isEnded = (row: Selectable<OidcModelsTable>) => row.consumed_at !== null && endedByMark.has(row.model);
const recordOf = (row: Selectable<OidcModelsTable> | undefined) => (row && !isEnded(row) ? toRecord(row) : null);

function toRecord(row: Selectable<OidcModelsTable>): OidcModelRecord {
  const payload = JSON.parse(row.payload) as Record<string, unknown>;
  if (row.consumed_at !== null) payload.consumed = Math.floor(Number(row.consumed_at) / 1000);
  return {
    model: row.model,
    id: row.id,
    payload,
    grantId: row.grant_id,
    uid: row.uid,
    accountId: row.account_id,
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
  };
}

// Qualified: findWithBindings joins `accounts` to these rows.
const liveRowsOf = (db: Kysely<Database>, model: string | RawBuilder<string>, now: number) =>
  db
    .selectFrom('oidc_models')
    .where('oidc_models.model', '=', model)
    .where((eb) => eb.or([eb('oidc_models.expires_at', 'is', null), eb('oidc_models.expires_at', '>', now)]));
const live = (db: Kysely<Database>, model: string | RawBuilder<string>, now: number) => liveRowsOf(db, model, now).selectAll();

const ACCOUNT_PREFIX = 'account__';
type AccountColumnsOf<Row> = Row & { [Column in keyof AccountsTable as `${typeof ACCOUNT_PREFIX}${Column}`]: AccountsTable[Column] | null };
const NO_ACCOUNT = ACCOUNT_COLUMNS.map((column) => sql<null>`null`.as(`${ACCOUNT_PREFIX}${column}`));

/** The account read along with a token (findWithBindings), or null when the token names no existing account. */
function accountOf(row: AccountColumnsOf<object>) {
  if (row.account__id === null) return null;
  const columns = Object.fromEntries(ACCOUNT_COLUMNS.map((column) => [column, row[`${ACCOUNT_PREFIX}${column}`]]));
  return toAccount(columns as Selectable<AccountsTable>);
}

const UPSERT_PARAMETERS = ['model', 'id', 'payload', 'grantId', 'uid', 'accountId', 'expiresAt'] as const;
type UpsertValues = Record<(typeof UPSERT_PARAMETERS)[number], never>;

// JSON.stringify writes a lone surrogate (a client can send one, e.g. inside a `claims` parameter) as an escape that
// PostgreSQL's json parser refuses, and a refresh grant's one read parses the token's payload there: it is stored as U+FFFD.
const ESCAPED_LONE_SURROGATE = /(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g;
const payloadText = (payload: Record<string, unknown>) => JSON.stringify(payload).replace(ESCAPED_LONE_SURROGATE, '$1\\ufffd');

const upsertValues = (record: OidcModelRecord): Record<(typeof UPSERT_PARAMETERS)[number], unknown> => ({
  model: record.model,
  id: record.id,
  payload: payloadText(record.payload),
  grantId: record.grantId,
  uid: record.uid,
  accountId: record.accountId,
  expiresAt: record.expiresAt,
});

function upsert(q: QueryCreator<Database>, p: UpsertValues) {
  const values = { payload: p.payload, grant_id: p.grantId, uid: p.uid, account_id: p.accountId, expires_at: p.expiresAt, consumed_at: null };
  return q
    .insertInto('oidc_models')
    .values({ model: p.model, id: p.id, ...values })
    .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet(values).where('oidc_models.consumed_at', 'is', null));
}

// Only a token not yet consumed: of two requests that present it at once, one consumes it and the other finds no row.
const consume = (q: QueryCreator<Database>, model: string, id: string, at: number) =>
  q.updateTable('oidc_models').set({ consumed_at: at }).where('model', '=', model).where('id', '=', id).where('consumed_at', 'is', null);

const consumedOne = (result: { numAffectedRows?: bigint }) => result.numAffectedRows === 1n;

// The Session a token is bound to is named in its payload (a JSON text), not in a column.
const SESSION_UID_OF_PAYLOAD: Record<SqlDialectName, RawBuilder<string>> = {
  postgres: sql<string>`payload::json ->> 'sessionUid'`,
  sqlite: sql<string>`json_extract(payload, '$.sessionUid')`,
};

/** Ends the Sessions and Grants the caller's conditions select (MODELS_ENDED_BY_MARK); they are deleted once expired. */
export const markEnded = (db: Kysely<Database>, now: number) => db.updateTable('oidc_models').set({ consumed_at: now }).where('consumed_at', 'is', null);

interface Rotation {
  consumed: { model: string; id: string; at: number };
  successor: OidcModelRecord;
}
const MAX_ROTATIONS_PER_COMMIT = 100;

/**
 * The statements every grant and login runs (find, find by uid, find with
 * bindings, consume, upsert) are prepared once (prepared-query.ts); the rare
 * ones are built when used.
 */
export class SqlOidcModelStore implements OidcModelStore {
  private readonly statements;

  // SQLite runs one write transaction at a time: the rotations of one event-loop turn go in one (grouped-writes.ts), each
  // consumed and its successor saved, or not rotated when already consumed, in their order.
  private readonly sqliteRotations = new GroupedWrites<Rotation, boolean>(
    (rotations) =>
      transactDirectly(this.db, () =>
        rotations.map(({ consumed, successor }) => {
          if (!consumedOne(this.statements.consume.executeNow(consumed))) return false;
          this.statements.upsert.executeNow(upsertValues(successor));
          return true;
        }),
      ),
    MAX_ROTATIONS_PER_COMMIT,
    'turn',
  );

  constructor(
    private readonly db: Kysely<Database>,
    dialect: SqlDialectName,
  ) {
    this.statements = {
      find: prepareQuery(db, ['model', 'now', 'id'], (q, p) => live(q, p.model, p.now).where('id', '=', p.id)),
      // Four index look-ups in one statement: on PostgreSQL one round trip instead of four. The token's row carries
      // its person's account in prefixed columns (null in the other rows, which have the same columns for the union).
      findWithBindings: prepareQuery(db, ['model', 'now', 'id'], (q, p) => {
        const token = () => liveRowsOf(q, p.model, p.now).where('oidc_models.id', '=', p.id);
        return token()
          .leftJoin('accounts', 'accounts.id', 'oidc_models.account_id')
          .selectAll('oidc_models')
          .select(ACCOUNT_COLUMNS.map((column) => sql.ref(`accounts.${column}`).as(`${ACCOUNT_PREFIX}${column}`)))
          .unionAll(live(q, sql.lit('Grant'), p.now).where('id', '=', token().select('grant_id')).select(NO_ACCOUNT))
          .unionAll(
            live(q, sql.lit('Session'), p.now)
              .where('uid', '=', token().select(SESSION_UID_OF_PAYLOAD[dialect].as('session_uid')))
              .select(NO_ACCOUNT),
          );
      }),
      findByUid: prepareQuery(db, ['model', 'now', 'uid'], (q, p) => live(q, p.model, p.now).where('uid', '=', p.uid)),
      consume: prepareQuery(db, ['model', 'id', 'at'], (q, p) => consume(q, p.model, p.id, p.at)),
      upsert: prepareQuery(db, UPSERT_PARAMETERS, (q, p) => upsert(q, p)),
      // PostgreSQL: one round trip, one commit. The successor is inserted from the consumed row, so it exists only if this
      // statement consumed the token; a second statement waits for the first one's row lock, then finds it consumed.
      rotate:
        dialect === 'postgres'
          ? prepareQuery(db, [...UPSERT_PARAMETERS, 'consumedModel', 'consumedId', 'consumedAt'], (q, p) =>
              q
                .with('consumed', (w) => consume(w, p.consumedModel, p.consumedId, p.consumedAt).returning('id'))
                .insertInto('oidc_models')
                .columns(['model', 'id', 'payload', 'grant_id', 'uid', 'account_id', 'expires_at'])
                .expression((eb) =>
                  eb
                    .selectFrom('consumed')
                    .select([
                      sql<string>`cast(${p.model} as text)`.as('model'),
                      sql<string>`cast(${p.id} as text)`.as('id'),
                      sql<string>`cast(${p.payload} as text)`.as('payload'),
                      sql<string>`cast(${p.grantId} as text)`.as('grant_id'),
                      sql<string>`cast(${p.uid} as text)`.as('uid'),
                      sql<string>`cast(${p.accountId} as text)`.as('account_id'),
                      sql<number>`cast(${p.expiresAt} as bigint)`.as('expires_at'),
                    ]),
                )
                .returning('id'),
            )
          : null,
    };
  }

  async upsert(record: OidcModelRecord) {
    await this.statements.upsert.execute(upsertValues(record));
  }

  async rotate(consumed: { model: string; id: string; at: number }, successor: OidcModelRecord) {
    if (this.statements.rotate) {
      const { rows } = await this.statements.rotate.execute({ ...upsertValues(successor), consumedModel: consumed.model, consumedId: consumed.id, consumedAt: consumed.at });
      return rows.length === 1;
    }
    return this.sqliteRotations.write({ consumed, successor });
  }

  async find(model: string, id: string) {
    const { rows } = await this.statements.find.execute({ model, now: Date.now(), id });
    return recordOf(rows[0]);
  }

  async findWithBindings(model: string, id: string): Promise<TokenWithBindings> {
    const { rows } = await this.statements.findWithBindings.execute({ model, now: Date.now(), id });
    const found: TokenWithBindings = { token: null, grant: null, session: null, account: null };
    for (const row of rows) {
      if (row.model === model) {
        found.token = toRecord(row);
        found.account = accountOf(row as AccountColumnsOf<typeof row>);
      } else if (row.model === 'Grant') found.grant = recordOf(row);
      // The live one of the Session's rows (see findByUid).
      else found.session ??= recordOf(row);
    }
    return found;
  }

  async findByUid(model: string, uid: string) {
    const { rows } = await this.statements.findByUid.execute({ model, now: Date.now(), uid });
    // A Session keeps its uid when oidc-provider gives it a new id (at a new login): the old id's row is ended.
    return rows.map(recordOf).find(Boolean) ?? null;
  }

  async findByAccount(model: string, accountId: string) {
    const rows = await live(this.db, model, Date.now()).where('account_id', '=', accountId).execute();
    return rows.filter((row) => !isEnded(row)).map(toRecord);
  }

  async consume(model: string, id: string, at: number) {
    return consumedOne(await this.statements.consume.execute({ model, id, at }));
  }

  async destroy(model: string, id: string) {
    if (endedByMark.has(model)) await markEnded(this.db, Date.now()).where('model', '=', model).where('id', '=', id).execute();
    else await this.db.deleteFrom('oidc_models').where('model', '=', model).where('id', '=', id).execute();
  }

  async revokeByGrantId(grantId: string) {
    await this.db.deleteFrom('oidc_models').where('grant_id', '=', grantId).execute();
  }

  async deleteExpired(now: number) {
    const result = await this.db.deleteFrom('oidc_models').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
