import { describe, expect, it } from 'vitest';
import { beijingTime, levelText, remaining } from './format.ts';

describe('times and levels as 我的 shows them', () => {
  it('shows server times in Beijing time', () => {
    expect(beijingTime('2026-05-01T00:30:00.000Z')).toBe('2026-05-01 08:30');
    expect(beijingTime(Date.UTC(2026, 11, 31, 16, 5))).toBe('2027-01-01 00:05');
    expect(beijingTime(null)).toBe('未知');
    expect(beijingTime('not a time')).toBe('未知');
  });

  it('says how long a session has left in days, hours or minutes', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(remaining(now + 7 * 86_400_000, now)).toBe('（剩余7天）');
    expect(remaining(now + 30 * 3_600_000, now)).toBe('（剩余30小时）');
    expect(remaining(now + 90 * 60_000, now)).toBe('（剩余90分钟）');
    expect(remaining(now - 1, now)).toBe('');
  });

  it('names the assurance levels', () => {
    expect(levelText('L3')).toBe('实人认证（L3）');
    expect(levelText('L2')).toBe('实名认证（L2）');
    expect(levelText('L9')).toBe('L9');
  });
});
