import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisKeyValueStore } from '../src/adapters/key-value/redis-key-value-store.ts';
import { RedisPubSub } from '../src/adapters/pub-sub/redis-pub-sub.ts';
import { startTestPlatform, type TestPlatform } from './harness.ts';
import { startRedisSentinel, startRedisServer, type RedisProcess } from './support/redis-processes.ts';
import type { RedisConnectionOptions } from '../src/adapters/redis/redis-connection.ts';

const redisOptions: RedisConnectionOptions = { commandTimeoutMs: 1000, onError: () => {} };

// The platform finds its Redis through a sentinel of its own (never the shared Redis):
// it is given only the sentinel's address, the master group's name and the two passwords.
describe('Redis through Sentinel (REDIS_SENTINELS + REDIS_SENTINEL_NAME)', () => {
  const name = 'uiamaster';
  let master: RedisProcess;
  let replica: RedisProcess;
  let sentinel: RedisProcess;
  let t: TestPlatform;
  const prefix = `uia-sentinel-${randomBytes(4).toString('hex')}:`;
  const password = randomBytes(12).toString('hex');
  const sentinelPassword = randomBytes(12).toString('hex');

  beforeAll(async () => {
    master = await startRedisServer({ password });
    replica = await startRedisServer({ replicaOf: master.port, password });
    sentinel = await startRedisSentinel(master.port, name, { masterPassword: password, password: sentinelPassword });
    t = await startTestPlatform({
      externalStores: false,
      env: { REDIS_SENTINELS: `127.0.0.1:${sentinel.port}`, REDIS_SENTINEL_NAME: name, REDIS_SENTINEL_PASSWORD: sentinelPassword, REDIS_PASSWORD: password, UIA_REDIS_PREFIX: prefix },
    });
  });

  afterAll(async () => {
    await t?.stop();
    await Promise.all([sentinel, replica, master].map((process) => process?.stop()));
  });

  const sentinelConnection = () => ({ sentinels: [{ host: '127.0.0.1', port: sentinel.port }], name, sentinelPassword, password, tls: false });

  const keysOn = async (port: number) => {
    const direct = new Redis({ port, host: '127.0.0.1', password, maxRetriesPerRequest: 1 });
    try {
      return await direct.keys(`${prefix}*`);
    } finally {
      direct.disconnect();
    }
  };

  /** Asks the server its role until it is `role` (the sentinel's REPLICAOF reaches it just after its log line). */
  const untilRole = async (port: number, role: string) => {
    const direct = new Redis({ port, host: '127.0.0.1', password, maxRetriesPerRequest: 1 });
    try {
      while (((await direct.call('ROLE')) as string[])[0] !== role) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      direct.disconnect();
    }
  };

  it("keeps the platform's key-value store on the master the sentinel names", async () => {
    expect(await (await fetch(`${t.baseUrl}/readyz`)).json()).toEqual({ status: 'ok', checks: { database: 'ok', keyValue: 'ok' } });
    const captcha = await fetch(`${t.baseUrl}/api/captcha`, { method: 'POST' });
    expect(captcha.status).toBe(201);
    // Read to the end: an unread body makes undici drop that connection later and open a new one that
    // sends nothing (the platform's close ends such a connection at once: routes/drain-on-close.ts).
    await captcha.arrayBuffer();
    // The captcha's answer and the rate-limit counter were written on the master, under the platform's prefix.
    const keys = await keysOn(master.port);
    expect(keys.some((key) => key.startsWith(`${prefix}captcha`))).toBe(true);
    expect(keys.some((key) => key.startsWith(`${prefix}rl`))).toBe(true);
  });

  it('carries pub/sub between two nodes through the sentinel', async () => {
    const [nodeA, nodeB] = [new RedisPubSub(sentinelConnection(), prefix, redisOptions), new RedisPubSub(sentinelConnection(), prefix, redisOptions)];
    try {
      let deliver: (message: string) => void = () => undefined;
      const received = new Promise<string>((resolve) => (deliver = resolve));
      await nodeB.subscribe('qr:1', (message) => deliver(message));
      await nodeA.publish('qr:1', 'scanned');
      expect(await received).toBe('scanned');
    } finally {
      await Promise.all([nodeA.close(), nodeB.close()]);
    }
  });

  it('follows the sentinel to the new master after a failover', async () => {
    const store = new RedisKeyValueStore(sentinelConnection(), prefix, redisOptions);
    try {
      await store.set('before-failover', '1', 60);
      await sentinel.waitForLog(`+slave slave 127.0.0.1:${replica.port}`);
      // Replication is asynchronous: the write must have reached the replica before it is promoted.
      const onMaster = new Redis({ port: master.port, host: '127.0.0.1', password, maxRetriesPerRequest: 1 });
      expect(await onMaster.call('WAIT', '1', '0')).toBe(1);
      onMaster.disconnect();
      const admin = new Redis({ port: sentinel.port, host: '127.0.0.1', password: sentinelPassword, maxRetriesPerRequest: 1 });
      await admin.call('SENTINEL', 'FAILOVER', name);
      admin.disconnect();
      await sentinel.waitForLog(`+switch-master ${name} 127.0.0.1 ${master.port} 127.0.0.1 ${replica.port}`);
      // The old master is now told to follow the new one; writes that still reach it are refused from then on.
      await sentinel.waitForLog(`+convert-to-slave slave 127.0.0.1:${master.port}`);
      await untilRole(master.port, 'slave');

      await store.set('after-failover', '2', 60);
      expect(await store.get('before-failover')).toBe('1');
      expect(await keysOn(replica.port)).toContain(`${prefix}after-failover`);
    } finally {
      await store.close();
    }
  });
});
