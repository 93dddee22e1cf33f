/** The filter form as typed; times from <input type="datetime-local"> (local time, no offset). */
export interface AuditFilterValues {
  from: string;
  to: string;
  type: string;
  outcome: '' | 'success' | 'failure';
  actor: string;
  account: string;
  client: string;
  ip: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilterValues = { from: '', to: '', type: '', outcome: '', actor: '', account: '', client: '', ip: '' };

/** A datetime-local value as ISO 8601 with an offset (the API's `from` / `to`), read in the browser's time zone. */
function isoOf(local: string): string | null {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * The query string of the search and of the CSV export (the same filters, so
 * 导出CSV exports what the table shows): set filters only, times as ISO.
 */
export function auditQuery(values: AuditFilterValues): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of ['from', 'to'] as const) {
    const iso = values[key] ? isoOf(values[key]) : null;
    if (iso) query.set(key, iso);
  }
  for (const key of ['type', 'outcome', 'actor', 'account', 'client', 'ip'] as const) {
    const value = values[key].trim();
    if (value) query.set(key, value);
  }
  return query;
}

/** The query of one page: the filters and, after the first page, the previous page's `nextBefore`. */
export function pageQuery(filters: URLSearchParams, before: number | null): URLSearchParams {
  const query = new URLSearchParams(filters);
  if (before !== null) query.set('before', String(before));
  return query;
}
