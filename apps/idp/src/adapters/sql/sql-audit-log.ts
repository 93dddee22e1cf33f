import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AccountAuditHistory, AuditCheckpointSigner, AuditEvent, AuditPageRequest, AuditSearchFilter, AuditTrail, ChainedAuditEvent } from '../../ports/audit-log.ts';
import { contentDigest, linkHash, type ChainedAuditFields } from './audit/audit-chain-hash.ts';
import { verifyAuditChain } from './audit/audit-chain-verifier.ts';
import { GroupedWrites } from './grouped-writes.ts';
import { prepareQuery, transactDirectly } from './prepared-query.ts';
import type { SqlDialectName } from './database.ts';
import type { AuditEventsTable, Database } from './schema.ts';

export interface AuditCheckpointPolicy {
  signer: AuditCheckpointSigner;
  /** A checkpoint at every seq divisible by this. */
  everyEvents: number;
  /** …and at the first append after this long without one from this node. */
  intervalMs: number;
  now: () => number;
}

// The stored fields an event's content digest covers (ChainedAuditFields), then the chain's own.
const CONTENT_COLUMNS = [
  'id',
  'at',
  'type',
  'outcome',
  'account_id',
  'client_id',
  'ip',
  'user_agent',
  'detail',
  'actor_account_id',
  'actor_role',
  'target',
  'changes',
] as const satisfies readonly (keyof ChainedAuditFields)[];
const EVENT_COLUMNS = [...CONTENT_COLUMNS, 'seq', 'prev_hash', 'hash'] as const satisfies readonly (keyof AuditEventsTable)[];

interface ChainLink {
  seq: number;
  hash: string;
}
/** Appends `events` to the chain in their order, all or none; one link per event. */
type AppendToChain = (events: readonly { row: ChainedAuditFields; digest: string }[]) => Promise<ChainLink[]>;

/** At most this many events in one append (a group commit, grouped-writes.ts). */
const MAX_GROUP = 100;

/** An append's statements, prepared once for the dialect (prepared-query.ts): every login and grant appends. */
function prepareAppend(db: Kysely<Database>, dialect: SqlDialectName): AppendToChain {
  if (dialect === 'postgres') {
    // One statement, so a group of events pays one round trip and one commit. The head row is locked first
    // (a second node waits here until the first commits); each link is computed with PostgreSQL's sha256(),
    // the same `<prev>:<digest>` as linkHash(), each from the one before (the recursive `chain`); the head
    // then moves to the last link.
    const oneStatement = prepareQuery(db, ['digest', ...CONTENT_COLUMNS], (q, p) => ({
      compile: () =>
        sql<ChainLink>`
          with recursive
            batch as (
              select * from unnest(${p.id}::text[], ${p.at}::bigint[], ${p.type}::text[], ${p.outcome}::text[], ${p.account_id}::text[],
                ${p.client_id}::text[], ${p.ip}::text[], ${p.user_agent}::text[], ${p.detail}::text[], ${p.actor_account_id}::text[],
                ${p.actor_role}::text[], ${p.target}::text[], ${p.changes}::text[], ${p.digest}::text[])
              with ordinality as event(${sql.join([...CONTENT_COLUMNS, 'digest', 'n'].map((column) => sql.ref(column)))})
            ),
            head as (select seq, hash from audit_chain_head where id = 1 for update),
            chain (n, seq, prev_hash, hash) as (
              select 0::bigint, head.seq, null::text, head.hash from head
              union all
              select batch.n, chain.seq + 1, chain.hash, encode(sha256(convert_to(chain.hash || ':' || batch.digest, 'UTF8')), 'hex')
              from chain join batch on batch.n = chain.n + 1
            ),
            moved as (
              update audit_chain_head set seq = last.seq, prev_hash = last.prev_hash, hash = last.hash
              from (select seq, prev_hash, hash from chain order by n desc limit 1) as last
              where audit_chain_head.id = 1
            )
          insert into audit_events (${sql.join(EVENT_COLUMNS.map((column) => sql.ref(column)))})
          select ${sql.join(CONTENT_COLUMNS.map((column) => sql.ref(`batch.${column}`)))}, chain.seq, chain.prev_hash, chain.hash
          from batch join chain on chain.n = batch.n
          returning seq, hash`.compile(q),
    }));
    return async (events) => {
      const columns = Object.fromEntries(CONTENT_COLUMNS.map((column) => [column, events.map(({ row }) => row[column])]));
      const { rows } = await oneStatement.execute({ ...columns, digest: events.map(({ digest }) => digest) } as Record<(typeof CONTENT_COLUMNS)[number] | 'digest', unknown>);
      return rows.map((row) => ({ seq: Number(row.seq), hash: row.hash })).sort((a, b) => a.seq - b.seq);
    };
  }
  // SQLite has one writer at a time; the head UPDATE comes first so the transaction holds the write lock from its start.
  const advanceHead = prepareQuery(db, ['count'], (q, p) =>
    q
      .updateTable('audit_chain_head')
      .set({ seq: sql`seq + ${p.count}` })
      .where('id', '=', sql.lit(1))
      .returning(['seq', 'hash']),
  );
  const insertEvent = prepareQuery(db, EVENT_COLUMNS, (q, p) => q.insertInto('audit_events').values(p));
  const linkHead = prepareQuery(db, ['prev_hash', 'hash'], (q, p) => q.updateTable('audit_chain_head').set(p).where('id', '=', sql.lit(1)));
  return (events) =>
    transactDirectly(db, () => {
      const head = advanceHead.executeNow({ count: events.length }).rows[0]!;
      const links: ChainLink[] = [];
      let seq = Number(head.seq) - events.length;
      let prevHash = head.hash;
      let hash = head.hash;
      for (const { row, digest } of events) {
        seq += 1;
        prevHash = hash;
        hash = linkHash(prevHash, digest);
        insertEvent.executeNow({ ...row, seq, prev_hash: prevHash, hash });
        links.push({ seq, hash });
      }
      linkHead.executeNow({ prev_hash: prevHash, hash });
      return links;
    });
}

/**
 * The audit trail as one global hash chain (docs/audit.md). Every append
 * moves the one-row chain head under its row lock, so concurrent appends
 * from any number of nodes get consecutive seqs and each links to the one
 * before it.
 */
export class SqlAuditLog implements AuditTrail, AccountAuditHistory {
  private lastCheckpointAt: number;
  private readonly chain: GroupedWrites<{ row: ChainedAuditFields; digest: string }, ChainLink>;

  constructor(
    private readonly db: Kysely<Database>,
    dialect: SqlDialectName,
    private readonly checkpoints: AuditCheckpointPolicy,
  ) {
    this.lastCheckpointAt = checkpoints.now();
    // SQLite's append is synchronous: the appends of one event-loop turn are gathered for it instead.
    this.chain = new GroupedWrites(prepareAppend(db, dialect), MAX_GROUP, dialect === 'sqlite' ? 'turn' : 'none');
  }

  async append(event: AuditEvent) {
    const row: ChainedAuditFields = {
      id: randomUUID(),
      at: this.checkpoints.now(),
      type: event.type,
      outcome: event.outcome,
      account_id: event.accountId ?? null,
      client_id: event.clientId ?? null,
      ip: event.ip ?? null,
      user_agent: event.userAgent?.slice(0, 300) ?? null,
      detail: event.detail ? JSON.stringify(event.detail) : null,
      actor_account_id: event.actor?.accountId ?? null,
      actor_role: event.actor?.role ?? null,
      target: event.target ?? null,
      changes: event.changes ? JSON.stringify(event.changes) : null,
    };
    const digest = contentDigest(row);
    const link = await this.chain.write({ row, digest });
    await this.checkpointWhenDue(link.seq, link.hash);
  }

  private async checkpointWhenDue(seq: number, hash: string) {
    const at = this.checkpoints.now();
    if (seq % this.checkpoints.everyEvents !== 0 && at - this.lastCheckpointAt < this.checkpoints.intervalMs) return;
    this.lastCheckpointAt = at;
    const jws = await this.checkpoints.signer.sign({ kind: 'checkpoint', seq, hash, at });
    // Two nodes may checkpoint the same seq; the first one stands.
    await this.db
      .insertInto('audit_checkpoints')
      .values({ seq, hash, at, jws })
      .onConflict((c) => c.column('seq').doNothing())
      .execute();
  }

  async recent(limit: number): Promise<ChainedAuditEvent[]> {
    return (await this.search({}, { limit })).events;
  }

  async search(filter: AuditSearchFilter, page: AuditPageRequest) {
    let query = this.db.selectFrom('audit_events').selectAll();
    if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('at', '<', filter.to);
    if (filter.type) query = query.where('type', '=', filter.type);
    if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
    if (filter.actorAccountId) query = query.where('actor_account_id', '=', filter.actorAccountId);
    if (filter.accountId) query = query.where('account_id', '=', filter.accountId);
    if (filter.clientId) query = query.where('client_id', '=', filter.clientId);
    if (filter.ip) query = query.where('ip', '=', filter.ip);
    if (page.beforeSeq !== undefined) query = query.where('seq', '<', page.beforeSeq);
    const rows = await query
      .orderBy('seq', 'desc')
      .limit(page.limit + 1)
      .execute();
    const events = rows.slice(0, page.limit).map(toStoredEvent);
    return { events, nextBeforeSeq: rows.length > page.limit ? events[events.length - 1]!.seq : null };
  }

  async eventsOfAccount(accountId: string, filter: { types: readonly string[]; outcome?: AuditEvent['outcome']; limit: number }): Promise<ChainedAuditEvent[]> {
    if (filter.types.length === 0) return [];
    let query = this.db
      .selectFrom('audit_events')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('type', 'in', [...filter.types]);
    if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
    const rows = await query.orderBy('seq', 'desc').limit(filter.limit).execute();
    return rows.map(toStoredEvent);
  }

  verify() {
    return verifyAuditChain(this.db, this.checkpoints.signer);
  }
}

function toStoredEvent(row: Selectable<AuditEventsTable>): ChainedAuditEvent {
  return {
    id: row.id,
    at: Number(row.at),
    seq: Number(row.seq),
    hash: row.hash,
    type: row.type,
    outcome: row.outcome as ChainedAuditEvent['outcome'],
    accountId: row.account_id,
    clientId: row.client_id,
    ip: row.ip,
    userAgent: row.user_agent,
    detail: row.detail ? (JSON.parse(row.detail) as ChainedAuditEvent['detail']) : undefined,
    actor: row.actor_account_id ? { accountId: row.actor_account_id, role: row.actor_role as NonNullable<ChainedAuditEvent['actor']>['role'] } : null,
    target: row.target,
    changes: row.changes ? (JSON.parse(row.changes) as ChainedAuditEvent['changes']) : null,
  };
}
