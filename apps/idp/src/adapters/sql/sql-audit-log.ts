import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AccountAuditHistory, AuditEvent, AuditLog, StoredAuditEvent } from '../../ports/audit-log.ts';
import type { AuditEventsTable, Database } from './schema.ts';

export class SqlAuditLog implements AuditLog, AccountAuditHistory {
  constructor(private readonly db: Kysely<Database>) {}

  async append(event: AuditEvent) {
    await this.db
      .insertInto('audit_events')
      .values({
        id: randomUUID(),
        at: Date.now(),
        type: event.type,
        outcome: event.outcome,
        account_id: event.accountId ?? null,
        client_id: event.clientId ?? null,
        ip: event.ip ?? null,
        user_agent: event.userAgent?.slice(0, 300) ?? null,
        detail: event.detail ? JSON.stringify(event.detail) : null,
      })
      .execute();
  }

  async recent(limit: number): Promise<StoredAuditEvent[]> {
    const rows = await this.db.selectFrom('audit_events').selectAll().orderBy('at', 'desc').limit(limit).execute();
    return rows.map(toStoredEvent);
  }

  async eventsOfAccount(accountId: string, filter: { types: readonly string[]; outcome?: AuditEvent['outcome']; limit: number }): Promise<StoredAuditEvent[]> {
    if (filter.types.length === 0) return [];
    let query = this.db
      .selectFrom('audit_events')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('type', 'in', [...filter.types]);
    if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
    const rows = await query.orderBy('at', 'desc').limit(filter.limit).execute();
    return rows.map(toStoredEvent);
  }
}

function toStoredEvent(row: Selectable<AuditEventsTable>): StoredAuditEvent {
  return {
    id: row.id,
    at: Number(row.at),
    type: row.type,
    outcome: row.outcome as StoredAuditEvent['outcome'],
    accountId: row.account_id,
    clientId: row.client_id,
    ip: row.ip,
    userAgent: row.user_agent,
    detail: row.detail ? (JSON.parse(row.detail) as StoredAuditEvent['detail']) : undefined,
  };
}
