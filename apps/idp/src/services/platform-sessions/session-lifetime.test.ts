import { describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '../../adapters/key-value/memory-key-value-store.ts';
import { DemoIpLocator } from '../../adapters/ip-locator/demo-ip-locator.ts';
import { SessionActivity } from './session-lifetime.ts';

const MINUTE = 60_000;
const EDGE_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0';

function setUp() {
  let now = Date.UTC(2026, 11, 4, 2, 0, 0);
  const clock = () => now;
  const store = new MemoryKeyValueStore(clock);
  const activity = new SessionActivity({ store, ipLocator: new DemoIpLocator(), lifetime: { idleSeconds: 30 * 60, maxSeconds: 12 * 3600 }, now: clock });
  return { activity, store, advance: (ms: number) => (now += ms), loginTs: () => Math.floor(now / 1000) };
}

const context = { ip: '10.1.2.3', userAgent: EDGE_ON_WINDOWS };

describe('SessionActivity', () => {
  it('records the browser, OS and place (not the address) at the first request after a login', async () => {
    const { activity, loginTs } = setUp();
    const login = loginTs();
    expect(await activity.admit('uid-1', login, context)).toBe(true);
    const record = await activity.find('uid-1');
    expect(record).toMatchObject({ browser: 'Microsoft Edge 126', os: 'Windows 10', place: '本机/内网', loginTs: login });
    expect(JSON.stringify(record)).not.toContain('10.1.2.3');
    expect(JSON.stringify(record)).not.toContain('Mozilla');
  });

  it('a new login of the same session (uid) starts again: its idle time and description are its own', async () => {
    const { activity, advance, loginTs } = setUp();
    expect(await activity.admit('uid-1', loginTs(), context)).toBe(true);
    advance(31 * MINUTE);
    const relogin = loginTs();
    expect(await activity.admit('uid-1', relogin, { ip: '8.8.8.8' })).toBe(true);
    expect(await activity.find('uid-1')).toMatchObject({ loginTs: relogin, browser: '未知浏览器', place: '未知地区' });
  });

  it('a lost record restarts the idle timer once, but the absolute limit still comes from the login time', async () => {
    const { activity, store, advance, loginTs } = setUp();
    const login = loginTs();
    expect(await activity.admit('uid-1', login, context)).toBe(true);
    advance(40 * MINUTE);
    await store.delete('platform-session:uid-1');
    expect(await activity.admit('uid-1', login, context)).toBe(true);
    advance(12 * 60 * MINUTE);
    await store.delete('platform-session:uid-1');
    expect(await activity.admit('uid-1', login, context)).toBe(false);
  });

  it('endsAt is the absolute end of a login', () => {
    const { activity } = setUp();
    expect(activity.endsAt(1_000_000)).toBe((1_000_000 + 12 * 3600) * 1000);
  });
});
