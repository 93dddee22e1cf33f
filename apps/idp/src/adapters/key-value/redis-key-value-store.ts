import type { Redis } from 'ioredis';
import type { RedisConnection } from '../redis/redis-client.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import { connectRedis, type RedisConnectionOptions } from '../redis/redis-connection.ts';

// INCRBY and start the window when the key is new (it has no TTL yet), atomically.
const INCREMENT_WINDOW = `
local value = redis.call('INCRBY', KEYS[1], ARGV[2])
if redis.call('TTL', KEYS[1]) == -1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return value`;

// SET only if the value is still the expected one (compare-and-set), atomically.
const SWAP = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1`;

// RPUSH and extend (never shorten) the list's TTL, atomically.
const APPEND_TO_LIST = `
redis.call('RPUSH', KEYS[1], ARGV[1])
local ttl = redis.call('TTL', KEYS[1])
if ttl < tonumber(ARGV[2]) then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return 1`;

// SET KEYS[1] and RPUSH its unprefixed name onto the list KEYS[2], extending the list's TTL as above, atomically.
const SET_INDEXED = `
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
redis.call('RPUSH', KEYS[2], ARGV[3])
local ttl = redis.call('TTL', KEYS[2])
if ttl < tonumber(ARGV[2]) then redis.call('EXPIRE', KEYS[2], ARGV[2]) end
return 1`;

/** Shared store for several nodes. Keys are namespaced so a Redis can be shared. */
export class RedisKeyValueStore implements KeyValueStore {
  private readonly redis: Redis;

  constructor(
    connection: RedisConnection,
    private readonly prefix: string,
    options: RedisConnectionOptions,
  ) {
    this.redis = connectRedis(connection, options);
  }

  private k(key: string) {
    return this.prefix + key;
  }

  async ping() {
    return (await this.redis.ping()) === 'PONG';
  }

  async get(key: string) {
    return this.redis.get(this.k(key));
  }

  async set(key: string, value: string, ttlSeconds: number) {
    await this.redis.set(this.k(key), value, 'EX', Math.max(1, Math.ceil(ttlSeconds)));
  }

  async take(key: string) {
    return this.redis.getdel(this.k(key));
  }

  async swap(key: string, expected: string, next: string, ttlSeconds: number) {
    return Number(await this.redis.eval(SWAP, 1, this.k(key), expected, next, Math.max(1, Math.ceil(ttlSeconds)))) === 1;
  }

  async setIfAbsent(key: string, value: string, ttlSeconds: number) {
    return (await this.redis.set(this.k(key), value, 'EX', Math.max(1, Math.ceil(ttlSeconds)), 'NX')) === 'OK';
  }

  async delete(key: string) {
    await this.redis.del(this.k(key));
  }

  async increment(key: string, ttlSeconds: number, by = 1) {
    return Number(await this.redis.eval(INCREMENT_WINDOW, 1, this.k(key), Math.max(1, Math.ceil(ttlSeconds)), by));
  }

  async ttl(key: string) {
    const seconds = await this.redis.ttl(this.k(key));
    return seconds < 0 ? null : seconds;
  }

  async appendToList(key: string, value: string, ttlSeconds: number) {
    await this.redis.eval(APPEND_TO_LIST, 1, this.k(key), value, Math.max(1, Math.ceil(ttlSeconds)));
  }

  async setIndexed(key: string, value: string, ttlSeconds: number, indexKey: string) {
    await this.redis.eval(SET_INDEXED, 2, this.k(key), this.k(indexKey), value, Math.max(1, Math.ceil(ttlSeconds)), key);
  }

  async readList(key: string, options: { newestFirst?: boolean; limit?: number } = {}) {
    const list = await this.redis.lrange(this.k(key), 0, -1);
    if (options.newestFirst) list.reverse();
    return options.limit === undefined ? list : list.slice(0, options.limit);
  }

  async close() {
    await this.redis.quit();
  }
}
