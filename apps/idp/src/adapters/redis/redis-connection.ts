import type { Redis } from 'ioredis';
import { createRedisClient, type RedisConnection } from './redis-client.ts';

export interface RedisConnectionOptions {
  /** A command without an answer fails after this (a frozen or unreachable server). */
  commandTimeoutMs: number;
  /** Connection-level errors (refused, reset, timed out); ioredis reconnects by itself. */
  onError: (error: Error) => void;
}

/**
 * The one place Redis connections are made (a URL or a Sentinel group), so every one has the
 * same outage behaviour (docs/architecture.md "Dependency failures"): it never gives up
 * reconnecting, a command waits through at most one reconnect attempt and never longer than the
 * command timeout, then fails (and the request gets a 503) instead of queueing while Redis is away.
 */
export function connectRedis(connection: RedisConnection, options: RedisConnectionOptions): Redis {
  const redis = createRedisClient(connection, {
    connectTimeout: 2000,
    commandTimeout: options.commandTimeoutMs,
    maxRetriesPerRequest: 1,
    // Commands sent while (re)connecting wait for the connection, bounded by the two limits above:
    // without the queue, every command sent in the first milliseconds after start would fail.
    enableOfflineQueue: true,
    // Reconnect forever: quickly at first, then every 2 s.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    keepAlive: 10_000,
  });
  redis.on('error', options.onError);
  return redis;
}
