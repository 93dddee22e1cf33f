import type { ConsoleRole } from '@uia/schemas';

/** One authentication decision or administrator action. Never carries personal data in clear. */
export interface AuditEvent {
  type: string;
  outcome: 'success' | 'failure';
  accountId?: string | null;
  clientId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Machine facts: error codes, identifier kinds, masked values. */
  detail?: Record<string, string | number | boolean | null>;
  /** An operator console action: who did it, in which role. */
  actor?: { accountId: string; role: ConsoleRole } | null;
  /** What a console action acted on: an account id, a client id, a key id. */
  target?: string | null;
  /** Non-personal fields a console action changed, before and after. */
  changes?: Record<string, { before: string | number | boolean | null; after: string | number | boolean | null }> | null;
}

export interface StoredAuditEvent extends AuditEvent {
  id: string;
  at: number;
}

export interface AuditLog {
  append(event: AuditEvent): Promise<void>;
  recent(limit: number): Promise<StoredAuditEvent[]>;
}

/** Reading one account's events back (the console's 最近登录 and in-person checks). */
export interface AccountAuditHistory {
  /** The account's newest events of these types (and outcome, when given), newest first. */
  eventsOfAccount(accountId: string, filter: { types: readonly string[]; outcome?: AuditEvent['outcome']; limit: number }): Promise<StoredAuditEvent[]>;
}
