import type { FastifyInstance } from 'fastify';
import {
  auditSearchQuery,
  auditSearchResponse,
  auditSubjectResponse,
  auditVerifyResponse,
  CONSOLE_AUDIT_PATHS,
  emptyRequest,
  findAccountRequest,
  type AuditEventView,
  type AuditSearchQuery,
} from '@uia/schemas';
import type { AuditSearchFilter, ChainedAuditEvent } from '../../ports/audit-log.ts';
import type { AuditReview } from '../../services/audit-review/audit-review.ts';
import { requestContext } from '../request-context.ts';
import { withContractSchemas } from '../zod-route-schemas.ts';
import type { ConsoleRouteOptions } from './console-actor.ts';

const CSV_COLUMNS = ['seq', 'at', 'type', 'outcome', 'accountId', 'clientId', 'ip', 'actorAccountId', 'actorRole', 'target', 'detail', 'changes', 'userAgent', 'hash'] as const;

function filterOf(query: AuditSearchQuery): AuditSearchFilter {
  return {
    from: query.from ? Date.parse(query.from) : undefined,
    to: query.to ? Date.parse(query.to) : undefined,
    type: query.type,
    outcome: query.outcome,
    actorAccountId: query.actor,
    accountId: query.account,
    clientId: query.client,
    ip: query.ip,
  };
}

function viewOf(event: ChainedAuditEvent): AuditEventView {
  return {
    seq: event.seq,
    at: new Date(event.at).toISOString(),
    type: event.type,
    outcome: event.outcome,
    accountId: event.accountId ?? null,
    clientId: event.clientId ?? null,
    ip: event.ip ?? null,
    userAgent: event.userAgent ?? null,
    detail: event.detail ?? null,
    actor: event.actor ?? null,
    target: event.target ?? null,
    changes: event.changes ?? null,
    hash: event.hash,
  };
}

/** RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet never runs a value as a formula. */
function csvCell(value: string | number | object | null | undefined): string {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvRow(view: AuditEventView): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], string | number | object | null | undefined> = { ...view, actorAccountId: view.actor?.accountId, actorRole: view.actor?.role };
  return CSV_COLUMNS.map((column) => csvCell(cells[column])).join(',');
}

/**
 * 审计管理员's API: search, CSV export and 完整性校验 of the audit trail, and
 * the account id of an exact identifier for the search. Role-agnostic like
 * every console plugin (console-actor.ts): the console root lets only the
 * audit role reach it. Events go out as stored — no personal data in clear
 * is ever in them; every call is itself recorded (AuditReview).
 */
export async function consoleAuditRoutes(scope: FastifyInstance, options: ConsoleRouteOptions & { review: AuditReview }) {
  const app = withContractSchemas(scope);
  const { actorOf, review } = options;

  app.get(CONSOLE_AUDIT_PATHS.events, { schema: { querystring: auditSearchQuery, response: { 200: auditSearchResponse } } }, async (request) => {
    const { limit, before } = request.query;
    const page = await review.search(actorOf(request), filterOf(request.query), { limit, beforeSeq: before }, requestContext(request));
    return { events: page.events.map(viewOf), nextBefore: page.nextBeforeSeq };
  });

  // UTF-8 with a byte-order mark: Excel then reads the Chinese event details right.
  app.get(CONSOLE_AUDIT_PATHS.csv, { schema: { querystring: auditSearchQuery } }, async (request, reply) => {
    const events = await review.exportEvents(actorOf(request), filterOf(request.query), request.query.before, requestContext(request));
    const lines = [CSV_COLUMNS.join(','), ...events.map((event) => csvRow(viewOf(event)))];
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit-events.csv"')
      .send(`\uFEFF${lines.join('\r\n')}\r\n`);
  });

  app.post(CONSOLE_AUDIT_PATHS.verify, { schema: { body: emptyRequest, response: { 200: auditVerifyResponse } } }, async (request) => review.verify(actorOf(request), requestContext(request)));

  app.post(CONSOLE_AUDIT_PATHS.subject, { schema: { body: findAccountRequest, response: { 200: auditSubjectResponse } } }, async (request) =>
    review.findSubject(actorOf(request), request.body, requestContext(request)),
  );
}
