import { describe, expect, it } from 'vitest';
import { addressSource, delayAfter, formatWait } from './login-throttle.ts';

describe('login throttle policy pieces', () => {
  it('lets 5 wrong passwords pass, then waits 1, 5, 15, 30 and 60 minutes, 60 from then on', () => {
    expect([1, 2, 3, 4].map(delayAfter)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 30].map(delayAfter)).toEqual([60, 300, 900, 1800, 3600, 3600, 3600]);
  });

  it('writes waits as people read them', () => {
    expect([0.2, 45, 60, 61, 300, 3600, 5400].map(formatWait)).toEqual(['1秒', '45秒', '1分钟', '2分钟', '5分钟', '1小时', '1小时30分钟']);
  });

  it('takes IPv4 addresses as they are and IPv6 addresses by their /64', () => {
    expect(addressSource('203.0.113.7')).toBe('203.0.113.7');
    expect(addressSource('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressSource('2001:db8:0:12::1')).toBe('2001:db8:0:12::/64');
    expect(addressSource('2001:DB8:0000:0012:abcd:1:2:3')).toBe('2001:db8:0:12::/64');
    expect(addressSource('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(addressSource('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressSource('::1')).toBe('0:0:0:0::/64');
  });
});
