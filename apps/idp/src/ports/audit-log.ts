/** One authentication decision. Never carries personal data in clear. */
export interface AuditEvent {
  type: string;
  outcome: 'success' | 'failure';
  accountId?: string | null;
  clientId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Machine facts: error codes, identifier kinds, masked values. */
  detail?: Record<string, string | number | boolean | null>;
}

export interface StoredAuditEvent extends AuditEvent {
  id: string;
  at: number;
}

export interface AuditLog {
  append(event: AuditEvent): Promise<void>;
  recent(limit: number): Promise<StoredAuditEvent[]>;
}
