import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryPubSub } from '../src/adapters/pub-sub/memory-pub-sub.ts';
import { RedisPubSub } from '../src/adapters/pub-sub/redis-pub-sub.ts';
import type { PubSub } from '../src/ports/pub-sub.ts';
import type { RedisConnectionOptions } from '../src/adapters/redis/redis-connection.ts';

// Connection errors are what these tests assert on where they matter; elsewhere they are not the subject.
const redisConnection: RedisConnectionOptions = { commandTimeoutMs: 1000, onError: () => {} };

/**
 * One contract, every adapter: the in-process fan-out always, Redis when
 * REDIS_URL is set. `nodes` gives two instances that serve together (one
 * shared instance in-process; two connections under one key prefix on Redis,
 * as two server processes would have).
 */
const adapters: [string, () => [PubSub, PubSub]][] = [
  [
    'memory',
    () => {
      const shared = new MemoryPubSub();
      return [shared, shared];
    },
  ],
];
if (process.env.REDIS_URL) {
  adapters.push([
    'redis',
    () => {
      const prefix = `uia-ps-test-${randomBytes(4).toString('hex')}:`;
      return [new RedisPubSub(process.env.REDIS_URL!, prefix, redisConnection), new RedisPubSub(process.env.REDIS_URL!, prefix, redisConnection)];
    },
  ]);
}

/** Collects a listener's messages; `next(n)` resolves once n have arrived (no timing involved). */
function inbox() {
  const messages: string[] = [];
  let waiting: { count: number; resolve: () => void } | null = null;
  const listener = (message: string) => {
    messages.push(message);
    if (waiting && messages.length >= waiting.count) waiting.resolve();
  };
  const next = (count: number) =>
    new Promise<string[]>((resolve) => {
      if (messages.length >= count) return resolve(messages);
      waiting = { count, resolve: () => resolve(messages) };
    });
  return { messages, listener, next };
}

for (const [name, nodes] of adapters) {
  describe(`PubSub contract (${name})`, () => {
    const [one, two] = nodes();
    afterAll(async () => {
      await one.close();
      if (two !== one) await two.close();
    });

    it('delivers a message published on one node to every subscriber of the channel on the other, in order', async () => {
      const a = inbox();
      const b = inbox();
      const other = inbox();
      const stopA = await one.subscribe('qr:1', a.listener);
      const stopB = await one.subscribe('qr:1', b.listener);
      const stopOther = await one.subscribe('qr:2', other.listener);
      await two.publish('qr:1', 'scanned');
      await two.publish('qr:1', 'confirmed');
      expect(await a.next(2)).toEqual(['scanned', 'confirmed']);
      expect(await b.next(2)).toEqual(['scanned', 'confirmed']);
      expect(other.messages).toEqual([]);
      await Promise.all([stopA(), stopB(), stopOther()]);
    });

    it('stops delivering to a listener that unsubscribed, and only to it', async () => {
      const gone = inbox();
      const stays = inbox();
      const stopGone = await one.subscribe('qr:3', gone.listener);
      const stopStays = await one.subscribe('qr:3', stays.listener);
      await stopGone();
      await two.publish('qr:3', 'after');
      expect(await stays.next(1)).toEqual(['after']);
      expect(gone.messages).toEqual([]);
      await stopStays();
    });

    it('is subscribed again after the last listener left and a new one came, even when both race', async () => {
      const first = inbox();
      const stopFirst = await one.subscribe('qr:4', first.listener);
      const second = inbox();
      const [, stopSecond] = await Promise.all([stopFirst(), one.subscribe('qr:4', second.listener)]);
      await two.publish('qr:4', 'again');
      expect(await second.next(1)).toEqual(['again']);
      expect(first.messages).toEqual([]);
      await stopSecond();
    });

    it('keeps delivering to the others when a listener throws', async () => {
      const stopThrows = await one.subscribe('qr:5', () => {
        throw new Error('listener failure');
      });
      const ok = inbox();
      const stopOk = await one.subscribe('qr:5', ok.listener);
      await two.publish('qr:5', 'still');
      expect(await ok.next(1)).toEqual(['still']);
      await Promise.all([stopThrows(), stopOk()]);
    });

    it('treats ending a subscription twice as ending it once', async () => {
      const a = inbox();
      const b = inbox();
      const stopA = await one.subscribe('qr:6', a.listener);
      const stopB = await one.subscribe('qr:6', b.listener);
      await stopA();
      await stopA();
      await two.publish('qr:6', 'b only');
      expect(await b.next(1)).toEqual(['b only']);
      await stopB();
    });
  });
}

if (process.env.REDIS_URL) {
  describe('RedisPubSub connection', () => {
    it('subscribes correctly when asked during the connection handshake', async () => {
      const prefix = `uia-ps-test-${randomBytes(4).toString('hex')}:`;
      const [pubSub, publisher] = [new RedisPubSub(process.env.REDIS_URL!, prefix, redisConnection), new RedisPubSub(process.env.REDIS_URL!, prefix, redisConnection)];
      try {
        // Connected but not ready: ioredis still has its handshake (CLIENT SETINFO, the INFO ready check) to do.
        const { subscriber } = pubSub as unknown as { subscriber: Redis };
        const connectionErrors: Error[] = [];
        subscriber.on('error', (error: Error) => connectionErrors.push(error));
        await new Promise((resolve) => subscriber.once('connect', resolve));
        const received = inbox();
        const stop = await pubSub.subscribe('qr:8', received.listener);
        await publisher.publish('qr:8', 'delivered');
        expect(await received.next(1)).toEqual(['delivered']);
        await stop();
        // Subscribing too early used to fail ioredis' ready check and drop the connection.
        expect(connectionErrors).toEqual([]);
      } finally {
        await Promise.all([pubSub.close(), publisher.close()]);
      }
    });
  });

  describe('RedisPubSub key prefix', () => {
    it('keeps platforms with different prefixes apart on one Redis', async () => {
      const url = process.env.REDIS_URL!;
      const mine = new RedisPubSub(url, `uia-ps-test-${randomBytes(4).toString('hex')}:`, redisConnection);
      const theirs = new RedisPubSub(url, `uia-ps-test-${randomBytes(4).toString('hex')}:`, redisConnection);
      try {
        const received = inbox();
        const stop = await mine.subscribe('qr:7', received.listener);
        await theirs.publish('qr:7', 'not for me');
        await mine.publish('qr:7', 'mine');
        expect(await received.next(1)).toEqual(['mine']);
        await stop();
      } finally {
        await Promise.all([mine.close(), theirs.close()]);
      }
    });
  });
}
