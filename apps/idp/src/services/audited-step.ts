import { AppError } from '../errors.ts';
import type { AuditEvent, AuditLog } from '../ports/audit-log.ts';

/** What a step learns as it runs, for its audit event: the account, and facts without personal data. */
export interface AuditNote {
  accountId: string | null;
  detail: Record<string, string | number | boolean | null>;
  /** A console action's target and the non-personal fields it changed (AuditEvent). */
  target?: string;
  changes?: NonNullable<AuditEvent['changes']>;
}

/**
 * Runs one authentication step and writes its audit event, success or
 * failure; a failure's detail adds the error code (`INTERNAL_ERROR` for
 * anything that is not an AppError).
 */
export async function auditedStep<T>(
  audit: AuditLog,
  event: { type: string; ip: string; userAgent?: string | undefined; actor?: AuditEvent['actor'] },
  step: (note: AuditNote) => Promise<T>,
): Promise<T> {
  const note: AuditNote = { accountId: null, detail: {} };
  const base: Omit<AuditEvent, 'outcome'> = { type: event.type, ip: event.ip, userAgent: event.userAgent ?? null, ...(event.actor ? { actor: event.actor } : {}) };
  const consoleFields = () => ({ ...(note.target ? { target: note.target } : {}), ...(note.changes ? { changes: note.changes } : {}) });
  let result: T;
  try {
    result = await step(note);
  } catch (error) {
    const reason = error instanceof AppError ? error.code : 'INTERNAL_ERROR';
    await audit.append({ ...base, outcome: 'failure', accountId: note.accountId, detail: { ...note.detail, reason }, ...consoleFields() });
    throw error;
  }
  await audit.append({ ...base, outcome: 'success', accountId: note.accountId, detail: note.detail, ...consoleFields() });
  return result;
}
