import type { ConsoleRole } from '@uia/schemas';
import type { AuditEvent } from '../../ports/audit-log.ts';

/** Who changes the platform's set-up: an administrator in the console, or the operator's shell (`npm run admin`). */
export type OperatorActor = { kind: 'console'; accountId: string; role: ConsoleRole } | { kind: 'cli' };

/** The audit fields naming who acted: the console's administrator and role, or none but `via: 'cli'`. */
export function auditedActor(actor: OperatorActor): Pick<AuditEvent, 'actor' | 'detail'> {
  return { actor: actor.kind === 'console' ? { accountId: actor.accountId, role: actor.role } : null, detail: { via: actor.kind } };
}
