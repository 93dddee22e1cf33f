import type { FindAccountRequest } from '@uia/schemas';
import { AppError } from '../../errors.ts';
import type { AuditEvent, AuditLog, AuditPage, AuditSearchFilter, AuditTrail, AuditVerification, ChainedAuditEvent } from '../../ports/audit-log.ts';
import { auditedStep, type AuditNote } from '../audited-step.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';

/** The audit administrator acting, as the console's session proves it. */
export type AuditReviewer = NonNullable<AuditEvent['actor']>;

export interface AuditReviewContext {
  ip: string;
  userAgent?: string;
}

/** Rows one CSV export holds at most; narrower filters export the rest. */
export const AUDIT_EXPORT_LIMIT = 10_000;
const EXPORT_PAGE = 500;

/**
 * 审计管理员's work on the trail (DESIGN.md §1.8): search it, export it,
 * verify its chain, and find the account an exact identifier belongs to
 * (through the blind index, so the search runs on the account id and no
 * personal data goes into a URL or the trail). Reading the trail is itself
 * recorded in it — who looked, with which filters, how many rows — as 等保
 * expects of every administrator's actions; the filters are ids, types and
 * times, never personal data.
 */
export class AuditReview {
  constructor(
    private readonly deps: {
      trail: AuditTrail;
      /** Where the review's own events go (the trail, through the counting wrapper in production). */
      audit: AuditLog;
      /** The account id of an exact 用户名 / 手机号 / 证件号码, or null (find-account.ts). */
      findAccount: (request: FindAccountRequest) => Promise<{ id: string } | null>;
    },
  ) {}

  search(actor: AuditReviewer, filter: AuditSearchFilter, page: { limit: number; beforeSeq?: number | undefined }, context: AuditReviewContext): Promise<AuditPage> {
    return this.step(AUDIT_EVENT_TYPES.consoleAuditSearch, actor, context, async (note) => {
      note.detail = { ...filterDetail(filter), ...(page.beforeSeq ? { before: page.beforeSeq } : {}) };
      const found = await this.deps.trail.search(filter, page);
      note.detail.rows = found.events.length;
      return found;
    });
  }

  /** Up to AUDIT_EXPORT_LIMIT events of the filter, newest first, from `beforeSeq` on. */
  exportEvents(actor: AuditReviewer, filter: AuditSearchFilter, beforeSeq: number | undefined, context: AuditReviewContext): Promise<ChainedAuditEvent[]> {
    return this.step(AUDIT_EVENT_TYPES.consoleAuditExport, actor, context, async (note) => {
      note.detail = filterDetail(filter);
      const events: ChainedAuditEvent[] = [];
      for (let before = beforeSeq; events.length < AUDIT_EXPORT_LIMIT;) {
        const page = await this.deps.trail.search(filter, { limit: Math.min(EXPORT_PAGE, AUDIT_EXPORT_LIMIT - events.length), beforeSeq: before });
        events.push(...page.events);
        if (page.nextBeforeSeq === null) break;
        before = page.nextBeforeSeq;
      }
      note.detail.rows = events.length;
      return events;
    });
  }

  /** 完整性校验: the whole chain; the result (not only the call) is in the trail. */
  verify(actor: AuditReviewer, context: AuditReviewContext): Promise<AuditVerification> {
    return this.step(AUDIT_EVENT_TYPES.consoleAuditVerify, actor, context, async (note) => {
      const result = await this.deps.trail.verify();
      note.detail = result.ok ? { ok: true, checked: result.checked } : { ok: false, checked: result.checked, firstBrokenSeq: result.firstBrokenSeq, reason: result.reason };
      return result;
    });
  }

  /** The account an exact identifier names, for the search's `account` filter: ACCOUNT_NOT_FOUND when none. */
  findSubject(actor: AuditReviewer, request: FindAccountRequest, context: AuditReviewContext): Promise<{ accountId: string }> {
    return this.step(AUDIT_EVENT_TYPES.consoleAuditSubject, actor, context, async (note) => {
      note.detail = { identifierKind: request.kind };
      const account = await this.deps.findAccount(request);
      if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
      note.target = account.id;
      return { accountId: account.id };
    });
  }

  private step<T>(type: string, actor: AuditReviewer, context: AuditReviewContext, run: (note: AuditNote) => Promise<T>) {
    return auditedStep(this.deps.audit, { type, ...context, actor }, run);
  }
}

/** The filters used, as the review's event records them (ids, types, outcome, times, address). */
function filterDetail(filter: AuditSearchFilter): AuditNote['detail'] {
  const detail: AuditNote['detail'] = {};
  for (const [name, value] of Object.entries(filter) as [string, string | number | undefined][]) {
    if (value === undefined) continue;
    detail[name] = typeof value === 'number' ? new Date(value).toISOString() : value;
  }
  return detail;
}
