import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AccountAuditHistory, AuditCheckpointSigner, AuditEvent, AuditPageRequest, AuditSearchFilter, AuditTrail, ChainedAuditEvent } from '../../ports/audit-log.ts';
import { contentDigest, linkHash, type ChainedAuditFields } from './audit/audit-chain-hash.ts';
import { verifyAuditChain } from './audit/audit-chain-verifier.ts';
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

/**
 * The audit trail as one global hash chain (docs/audit.md). Every append
 * moves the one-row chain head under its row lock, so concurrent appends
 * from any number of nodes get consecutive seqs and each links to the one
 * before it.
 */
export class SqlAuditLog implements AuditTrail, AccountAuditHistory {
  private lastCheckpointAt: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialectName,
    private readonly checkpoints: AuditCheckpointPolicy,
  ) {
    this.lastCheckpointAt = checkpoints.now();
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
    const link = this.dialect === 'postgres' ? await this.appendInOneStatement(row, digest) : await this.appendInTransaction(row, digest);
    await this.checkpointWhenDue(link.seq, link.hash);
  }

  /**
   * One statement, so a login pays one round trip as before the chain: the
   * UPDATE takes the head's row lock (a second node waits here until the
   * first commits) and computes the link hash with PostgreSQL's sha256() —
   * the same `<prev>:<digest>` as linkHash().
   */
  private async appendInOneStatement(row: ChainedAuditFields, digest: string) {
    const { rows } = await sql<{ seq: number; hash: string }>`
      with head as (
        update audit_chain_head
        set seq = seq + 1, prev_hash = hash, hash = encode(sha256(convert_to(hash || ':' || ${digest}::text, 'UTF8')), 'hex')
        where id = 1
        returning seq, prev_hash, hash
      )
      insert into audit_events (id, at, type, outcome, account_id, client_id, ip, user_agent, detail, actor_account_id, actor_role, target, changes, seq, prev_hash, hash)
      select ${row.id}, ${row.at}::bigint, ${row.type}, ${row.outcome}, ${row.account_id}::text, ${row.client_id}::text, ${row.ip}::text, ${row.user_agent}::text,
        ${row.detail}::text, ${row.actor_account_id}::text, ${row.actor_role}::text, ${row.target}::text, ${row.changes}::text, head.seq, head.prev_hash, head.hash
      from head
      returning seq, hash`.execute(this.db);
    return rows[0]!;
  }

  /** SQLite has one writer at a time; the head UPDATE comes first so the transaction holds the write lock from its start. */
  private appendInTransaction(row: ChainedAuditFields, digest: string) {
    return this.db.transaction().execute(async (trx) => {
      const head = await trx
        .updateTable('audit_chain_head')
        .set({ seq: sql`seq + 1` })
        .where('id', '=', 1)
        .returning(['seq', 'hash'])
        .executeTakeFirstOrThrow();
      const hash = linkHash(head.hash, digest);
      await trx
        .insertInto('audit_events')
        .values({ ...row, seq: head.seq, prev_hash: head.hash, hash })
        .execute();
      await trx.updateTable('audit_chain_head').set({ prev_hash: head.hash, hash }).where('id', '=', 1).execute();
      return { seq: Number(head.seq), hash };
    });
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
