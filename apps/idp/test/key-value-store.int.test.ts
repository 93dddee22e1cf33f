import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '../src/adapters/key-value/memory-key-value-store.ts';
import { RedisKeyValueStore } from '../src/adapters/key-value/redis-key-value-store.ts';
import type { KeyValueStore } from '../src/ports/key-value-store.ts';
import type { RedisConnectionOptions } from '../src/adapters/redis/redis-connection.ts';

// Connection errors are what these tests assert on where they matter; elsewhere they are not the subject.
const redisConnection: RedisConnectionOptions = { commandTimeoutMs: 1000, onError: () => {} };

// One contract, every adapter: the in-process store always, Redis when REDIS_URL is set.
const adapters: [string, () => KeyValueStore][] = [['memory', () => new MemoryKeyValueStore()]];
if (process.env.REDIS_URL) adapters.push(['redis', () => new RedisKeyValueStore(process.env.REDIS_URL!, `uia-kv-test-${randomBytes(4).toString('hex')}:`, redisConnection)]);

for (const [name, create] of adapters) {
  describe(`KeyValueStore contract (${name})`, () => {
    const store = create();
    afterAll(() => store.close());

    it('sets, gets and deletes', async () => {
      await store.set('a', '1', 60);
      expect(await store.get('a')).toBe('1');
      await store.delete('a');
      expect(await store.get('a')).toBeNull();
    });

    it('takes a value exactly once, even under concurrency', async () => {
      await store.set('once', 'token', 60);
      const results = await Promise.all(Array.from({ length: 10 }, () => store.take('once')));
      expect(results.filter((r) => r === 'token')).toHaveLength(1);
    });

    it('swaps only from the expected value, and the swap sets the TTL', async () => {
      await store.set('state', 'pending', 60);
      expect(await store.swap('state', 'scanned', 'confirmed', 60)).toBe(false);
      expect(await store.get('state')).toBe('pending');
      expect(await store.swap('state', 'pending', 'scanned', 20)).toBe(true);
      expect(await store.get('state')).toBe('scanned');
      const ttl = await store.ttl('state');
      expect(ttl).toBeGreaterThan(15);
      expect(ttl).toBeLessThanOrEqual(20);
    });

    it('never swaps a missing key into existence', async () => {
      expect(await store.swap('absent', '', 'x', 60)).toBe(false);
      expect(await store.get('absent')).toBeNull();
    });

    it('creates a key only when it is absent, once under concurrency', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.setIfAbsent('created', `v${i}`, 60)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.get('created')).toBe(`v${results.indexOf(true)}`);
      expect(await store.setIfAbsent('created', 'other', 60)).toBe(false);
      expect(await store.ttl('created')).toBeGreaterThan(55);
    });

    it('lets exactly one of many concurrent swaps from the same value win', async () => {
      await store.set('race', 'v0', 60);
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.swap('race', 'v0', `v${i + 1}`, 60)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.get('race')).toBe(`v${results.indexOf(true) + 1}`);
    });

    it('gives back counts without moving the window, and starts one for a new key counted down', async () => {
      await store.increment('refund', 30);
      await store.increment('refund', 30);
      expect(await store.increment('refund', 60, -1)).toBe(1);
      expect(await store.ttl('refund')).toBeLessThanOrEqual(30);
      expect(await store.increment('fresh-refund', 30, -1)).toBe(-1);
      expect(await store.ttl('fresh-refund')).toBeGreaterThan(25);
    });

    it('counts atomically within a window and reports the TTL', async () => {
      const counts = await Promise.all(Array.from({ length: 20 }, () => store.increment('hits', 30)));
      expect(counts.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const ttl = await store.ttl('hits');
      expect(ttl).toBeGreaterThan(25);
      expect(ttl).toBeLessThanOrEqual(30);
      expect(await store.ttl('missing')).toBeNull();
    });

    it('expires values', async () => {
      await store.set('short', 'x', 1);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(await store.get('short')).toBeNull();
    });

    it('appends to lists and reads them newest first', async () => {
      await store.appendToList('list', 'one', 60);
      await store.appendToList('list', 'two', 60);
      expect(await store.readList('list')).toEqual(['one', 'two']);
      expect(await store.readList('list', { newestFirst: true, limit: 1 })).toEqual(['two']);
    });

    it("sets a value and indexes its key in a list, extending (never shortening) the list's TTL", async () => {
      await store.setIndexed('token:1', 'a', 120, 'index');
      await store.setIndexed('token:2', 'b', 30, 'index');
      expect([await store.get('token:1'), await store.get('token:2')]).toEqual(['a', 'b']);
      expect(await store.readList('index')).toEqual(['token:1', 'token:2']);
      expect(await store.ttl('token:2')).toBeLessThanOrEqual(30);
      expect(await store.ttl('index')).toBeGreaterThan(100);
    });
  });
}
