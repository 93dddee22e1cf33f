import type { SmsTemplateName } from './sms-sender.ts';

/** One message the demo's outbox kept instead of sending (DESIGN.md §6: `{to, text, code, at}`, plus the template). */
export interface OutboxEntry {
  to: string;
  text: string;
  /** The verification code, or null for notices. */
  code: string | null;
  template: SmsTemplateName;
  /** ISO 8601. */
  at: string;
}

/** The demo's SMS outbox as `GET /dev/sms` reads it (only the dev outbox channel has one). */
export interface SmsOutbox {
  /** Newest first, at most `limit` (default 100). */
  list(limit?: number): Promise<OutboxEntry[]>;
}
