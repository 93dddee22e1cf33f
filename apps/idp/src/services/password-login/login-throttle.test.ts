import { describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '../../adapters/key-value/memory-key-value-store.ts';
import { addressSource, delayAfter, formatWait, LoginThrottle } from './login-throttle.ts';

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

describe('the throttle as 安全管理员 sees and 解锁s it', () => {
  const account = { id: 'account-1', credentialsChangedAt: null };
  const other = { id: 'account-2', credentialsChangedAt: null };
  const context = (deviceId: string, ip = '203.0.113.7') => ({ deviceId, ip });

  function setUp() {
    let clock = Date.UTC(2026, 0, 5, 2);
    const now = () => clock;
    const store = new MemoryKeyValueStore(now);
    const throttle = new LoginThrottle({ store, audit: { append: async () => {}, recent: async () => [] }, now });
    /** `times` wrong passwords for `name` of `owner` from `from`, an hour apart (no wait in between); the last one's wait runs. */
    const wrong = async (owner: typeof account, name: string, from: ReturnType<typeof context>, times: number) => {
      for (let attempt = 0; attempt < times; attempt += 1) {
        clock += 3600_000;
        const admitted = await throttle.admit(await throttle.subject(name, owner, from), from);
        await admitted.failed();
      }
    };
    return { throttle, wrong, now };
  }

  it('lists each source of every name of the account without its address, and 解锁 clears them all, not another account’s', async () => {
    const { throttle, wrong, now } = setUp();
    await throttle.ownerLoggedIn(account.id, 'password', context('owner-device'));
    await wrong(other, 'other-index', context('stranger-device', '198.51.100.9'), 5);
    await wrong(account, 'username-index', context('owner-device'), 2);
    await wrong(account, 'phone-index', context('stranger-device', '198.51.100.9'), 5);

    const state = await throttle.state(account.id);
    expect(state.sources).toEqual(
      expect.arrayContaining([
        { kind: 'device', failures: 2, waitsUntil: expect.any(Number) },
        { kind: 'address', failures: 5, waitsUntil: expect.any(Number) },
      ]),
    );
    expect(state.sources).toHaveLength(2);
    expect(JSON.stringify(state)).not.toContain('198.51.100.9');
    expect(state.sources.find((source) => source.kind === 'address')!.waitsUntil).toBeGreaterThan(now());

    expect(await throttle.unlock(account.id, { ip: '10.0.0.1' })).toEqual(state);
    expect(await throttle.state(account.id)).toEqual({ sources: [], failuresToday: 0, paused: false });
    expect((await throttle.state(other.id)).sources).toEqual([{ kind: 'address', failures: 5, waitsUntil: expect.any(Number) }]);
  });
});
