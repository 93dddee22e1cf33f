import type { Counter } from 'prom-client';
import type { AuditEvent, AuditLog } from '../../ports/audit-log.ts';

/**
 * Every authentication decision already passes through the audit log, so
 * counting there gives the metrics without touching the services.
 */
export class CountingAuditLog implements AuditLog {
  constructor(
    private readonly inner: AuditLog,
    private readonly decisions: Counter<'type' | 'outcome'>,
  ) {}

  async append(event: AuditEvent) {
    await this.inner.append(event);
    this.decisions.inc({ type: event.type, outcome: event.outcome });
  }

  recent(limit: number) {
    return this.inner.recent(limit);
  }
}
