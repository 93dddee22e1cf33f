import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditEvent, AuditLog, StoredAuditEvent } from '../../ports/audit-log.ts';
import type { Database } from './schema.ts';

export class SqlAuditLog implements AuditLog {
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
    return rows.map((row) => ({
      id: row.id,
      at: Number(row.at),
      type: row.type,
      outcome: row.outcome as StoredAuditEvent['outcome'],
      accountId: row.account_id,
      clientId: row.client_id,
      ip: row.ip,
      userAgent: row.user_agent,
      detail: row.detail ? (JSON.parse(row.detail) as StoredAuditEvent['detail']) : undefined,
    }));
  }
}
