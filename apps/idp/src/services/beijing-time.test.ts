import { describe, expect, it } from 'vitest';
import { endOfBeijingDay, formatBeijingMinute } from './beijing-time.ts';

describe('formatBeijingMinute', () => {
  it('writes a moment in Beijing time as people read it, at most 12 characters (SMS notices take it as a variable)', () => {
    expect(formatBeijingMinute(Date.parse('2026-11-26T15:22:59Z'))).toBe('11月26日 23:22');
    expect(formatBeijingMinute(Date.parse('2026-12-31T16:05:00Z'))).toBe('1月1日 00:05');
    expect(formatBeijingMinute(Date.parse('2026-03-04T16:00:00Z'))).toBe('3月5日 00:00');
    expect(formatBeijingMinute(Date.parse('2026-12-31T15:59:00Z')).length).toBeLessThanOrEqual(12);
  });
});

describe('endOfBeijingDay', () => {
  it('is the next Beijing midnight: 16:00 UTC of the same date', () => {
    expect(new Date(endOfBeijingDay('2026-03-15')!).toISOString()).toBe('2026-03-15T16:00:00.000Z');
    expect(endOfBeijingDay('2026-03-15')! - endOfBeijingDay('2026-03-14')!).toBe(24 * 3600 * 1000);
  });

  it('handles month, year and leap-day ends', () => {
    expect(new Date(endOfBeijingDay('2026-12-31')!).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(new Date(endOfBeijingDay('2028-02-29')!).toISOString()).toBe('2028-02-29T16:00:00.000Z');
    expect(new Date(endOfBeijingDay('2026-01-31')!).toISOString()).toBe('2026-01-31T16:00:00.000Z');
  });

  it('is null for dates that do not exist', () => {
    for (const day of ['2026-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00']) {
      expect(endOfBeijingDay(day), day).toBeNull();
    }
  });

  it('is null for anything but YYYY-MM-DD', () => {
    for (const day of ['', '2026-3-15', '2026/03/15', '20260315', '2026-03-15T00:00', ' 2026-03-15', '2026-03-15 ', 'tomorrow', '２０２６-03-15']) {
      expect(endOfBeijingDay(day), day).toBeNull();
    }
  });
});
