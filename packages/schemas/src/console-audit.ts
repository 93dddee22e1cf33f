import { z } from 'zod';
import { CONSOLE_ROLES } from './console-roles.ts';
import { text } from './shared-fields.ts';

/**
 * 审计管理员: search the audit trail (exact filters, newest first, keyset pages
 * by `before`), export it as CSV, verify its hash chain (docs/audit.md).
 * Paths: CONSOLE_AUDIT_PATHS (paths.ts). Read-only.
 */

const identifier = text(64).min(1);

/** Query string of the search and of the CSV export; times are ISO 8601 with an offset, `to` exclusive. */
export const auditSearchQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  type: text(64).min(1).optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  /** The administrator who acted (an account id). */
  actor: identifier.optional(),
  /** The account the event is about (an account id). */
  account: identifier.optional(),
  client: identifier.optional(),
  ip: text(45).min(1).optional(),
  /** The previous page's `nextBefore`. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditSearchQuery = z.infer<typeof auditSearchQuery>;

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const auditEventView = z.object({
  seq: z.number(),
  at: z.string(),
  type: z.string(),
  outcome: z.enum(['success', 'failure']),
  accountId: z.string().nullable(),
  clientId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  detail: z.record(z.string(), scalar).nullable(),
  actor: z.object({ accountId: z.string(), role: z.enum(CONSOLE_ROLES) }).nullable(),
  target: z.string().nullable(),
  changes: z.record(z.string(), z.object({ before: scalar, after: scalar })).nullable(),
  hash: z.string(),
});
export type AuditEventView = z.infer<typeof auditEventView>;

export const auditSearchResponse = z.object({
  events: z.array(auditEventView),
  /** `before` of the next (older) page; null on the last. */
  nextBefore: z.number().nullable(),
});
export type AuditSearchResponse = z.infer<typeof auditSearchResponse>;

/** 按证件号码等查找: the account an exact identifier belongs to (request: findAccountRequest of console-accounts.ts). */
export const auditSubjectResponse = z.object({ accountId: z.string() });
export type AuditSubjectResponse = z.infer<typeof auditSubjectResponse>;

export const AUDIT_CHAIN_BREAKS = ['edited', 'missing', 'reordered', 'bad-checkpoint-signature', 'checkpoint-mismatch'] as const;

/** 完整性校验: ok with what was checked, or the first broken seq and why. */
export const auditVerifyResponse = z.object({
  ok: z.boolean(),
  checked: z.number(),
  checkpoints: z.number().optional(),
  lastSeq: z.number().optional(),
  archivedThroughSeq: z.number().optional(),
  firstBrokenSeq: z.number().optional(),
  reason: z.enum(AUDIT_CHAIN_BREAKS).optional(),
});
export type AuditVerifyResponse = z.infer<typeof auditVerifyResponse>;
