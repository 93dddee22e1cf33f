import { describe, expect, it } from 'vitest';
import { auditQuery, EMPTY_AUDIT_FILTERS, pageQuery } from './audit-query.ts';

describe('auditQuery', () => {
  it('sends only the filters that are set, trimmed', () => {
    const query = auditQuery({ ...EMPTY_AUDIT_FILTERS, type: ' console.account.unlock ', outcome: 'success', ip: '' });
    expect(query.toString()).toBe('type=console.account.unlock&outcome=success');
  });

  it('turns local datetime-local values into ISO 8601 moments', () => {
    const query = auditQuery({ ...EMPTY_AUDIT_FILTERS, from: '2026-12-05T08:00', to: 'not a time' });
    expect(query.get('from')).toBe(new Date('2026-12-05T08:00').toISOString());
    expect(query.has('to')).toBe(false);
  });
});

describe('pageQuery', () => {
  it('adds the previous page’s nextBefore and leaves the filters as they were', () => {
    const filters = new URLSearchParams('type=client.create');
    expect(pageQuery(filters, 120).toString()).toBe('type=client.create&before=120');
    expect(pageQuery(filters, null).toString()).toBe('type=client.create');
    expect(filters.toString()).toBe('type=client.create');
  });
});
