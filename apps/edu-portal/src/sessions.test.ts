import { describe, expect, it } from 'vitest';
import { JtiReplayCache } from './backchannel-logout.ts';
import { MemorySessionStore } from './sessions.ts';
import type { PortalUser } from './views.ts';

const USER: PortalUser = { maskedName: '张*', amr: ['pwd'] };

describe('MemorySessionStore', () => {
  it('finds sessions by the platform session id (sid) and by the person (sub)', () => {
    const store = new MemorySessionStore(60_000);
    const a1 = store.create(USER, 'id-token', { sub: 'a', sid: 's1' });
    const a2 = store.create(USER, 'id-token', { sub: 'a', sid: 's2' });
    const a3 = store.create(USER, 'id-token', { sub: 'a' }); // an ID token without sid
    const b1 = store.create(USER, 'id-token', { sub: 'b', sid: 's1' });
    expect(store.get(a1)).toMatchObject({ sub: 'a', sid: 's1' });
    expect(store.get(a3)?.sid).toBeUndefined();

    // sid and sub: both must match.
    expect(store.endSessions({ sid: 's1', sub: 'a' })).toBe(1);
    expect(store.get(a1)).toBeUndefined();
    expect(store.get(b1)).toBeDefined();
    // sid alone: every session of that platform session.
    expect(store.endSessions({ sid: 's1' })).toBe(1);
    expect(store.get(b1)).toBeUndefined();
    // Unknown names end nothing.
    expect(store.endSessions({ sid: 'nope' })).toBe(0);
    expect(store.endSessions({ sub: 'nobody' })).toBe(0);
    expect(store.endSessions({})).toBe(0);
    // sub alone: every session of the person, with or without sid.
    expect(store.endSessions({ sub: 'a' })).toBe(2);
    expect(store.get(a2)).toBeUndefined();
    expect(store.get(a3)).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('forgets expired and deleted sessions in the indexes too', () => {
    let now = 1_000_000;
    const store = new MemorySessionStore(1_000, () => now);
    const old = store.create(USER, 'id-token', { sub: 'a', sid: 's1' });
    now += 2_000;
    expect(store.get(old)).toBeUndefined();
    expect(store.endSessions({ sub: 'a' })).toBe(0);

    const kept = store.create(USER, 'id-token', { sub: 'a', sid: 's1' });
    const gone = store.create(USER, 'id-token', { sub: 'a', sid: 's2' });
    expect(store.delete(gone)?.sid).toBe('s2');
    expect(store.endSessions({ sid: 's2' })).toBe(0);
    expect(store.endSessions({ sid: 's1' })).toBe(1);
    expect(store.get(kept)).toBeUndefined();
  });
});

describe('JtiReplayCache', () => {
  it('refuses a jti until the token could no longer be accepted anyway, then forgets it', () => {
    let now = 1_000_000;
    const cache = new JtiReplayCache(() => now);
    expect(cache.use('j1', now + 150_000)).toBe(true);
    expect(cache.use('j1', now + 150_000)).toBe(false);
    expect(cache.use('j2', now + 150_000)).toBe(true);
    now += 150_000;
    expect(cache.use('j1', now + 150_000)).toBe(true);
    // Expired entries are swept (at most once a minute).
    now += 200_000;
    cache.use('j3', now + 1);
    expect(cache.size).toBe(1);
  });
});
