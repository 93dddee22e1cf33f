import { describe, expect, it } from 'vitest';
import { formatBeijingMinute } from './beijing-time.ts';

describe('formatBeijingMinute', () => {
  it('writes a moment in Beijing time as people read it, at most 12 characters (SMS notices take it as a variable)', () => {
    expect(formatBeijingMinute(Date.parse('2026-11-26T15:22:59Z'))).toBe('11月26日 23:22');
    expect(formatBeijingMinute(Date.parse('2026-12-31T16:05:00Z'))).toBe('1月1日 00:05');
    expect(formatBeijingMinute(Date.parse('2026-03-04T16:00:00Z'))).toBe('3月5日 00:00');
    expect(formatBeijingMinute(Date.parse('2026-12-31T15:59:00Z')).length).toBeLessThanOrEqual(12);
  });
});
