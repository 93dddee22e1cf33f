import { describe, expect, it } from 'vitest';
import { longWaitMessage } from './api.ts';

describe('RATE_LIMITED waits as people read them', () => {
  it('leaves short waits to the server (seconds), then says minutes, then hours', () => {
    expect(longWaitMessage(59)).toBeNull();
    expect(longWaitMessage(119)).toBeNull();
    expect(longWaitMessage(120)).toBe('操作过于频繁，请2分钟后再试');
    expect(longWaitMessage(3599)).toBe('操作过于频繁，请60分钟后再试');
    expect(longWaitMessage(7199)).toBe('操作过于频繁，请120分钟后再试');
    expect(longWaitMessage(7200)).toBe('操作过于频繁，请2小时后再试');
    expect(longWaitMessage(2 * 3600 + 1)).toBe('操作过于频繁，请3小时后再试');
    expect(longWaitMessage(86400)).toBe('操作过于频繁，请24小时后再试');
  });
});
