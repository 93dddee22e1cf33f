import { Redis, type RedisOptions } from 'ioredis';

/**
 * Where the platform's Redis is: one `redis://` / `rediss://` URL, or a
 * Redis Sentinel group that names the current master (ioredis asks the
 * sentinels, connects to the master they name, and asks again after a
 * failover). Secrets stay in here: never log this object.
 */
export type RedisConnection = string | RedisSentinelConnection;

export interface RedisSentinelConnection {
  sentinels: { host: string; port: number }[];
  /** The master group's name in the sentinels' configuration (`sentinel monitor <name> …`). */
  name: string;
  /** The sentinels' own `requirepass`, when they have one. */
  sentinelPassword: string | undefined;
  /** The master's (and replicas') `requirepass`, when they have one. */
  password: string | undefined;
  /** TLS to the sentinels and to the master they name. */
  tls: boolean;
}

/**
 * A client for either kind of connection, with the caller's options (timeouts, retries).
 *
 * Through Sentinel, a failover must not leave a node writing to the demoted
 * master: the client listens for the sentinels' +switch-master and reconnects
 * (failoverDetector), and a write refused with READONLY (it reached the old
 * master after its demotion, before that notice) reconnects to the master the
 * sentinels now name and is sent again there.
 */
export function createRedisClient(connection: RedisConnection, options: RedisOptions): Redis {
  if (typeof connection === 'string') return new Redis(connection, options);
  return new Redis({
    ...options,
    sentinels: connection.sentinels,
    name: connection.name,
    failoverDetector: true,
    reconnectOnError: (error) => (error.message.startsWith('READONLY') ? 2 : false),
    ...(connection.sentinelPassword ? { sentinelPassword: connection.sentinelPassword } : {}),
    ...(connection.password ? { password: connection.password } : {}),
    ...(connection.tls ? { tls: {}, sentinelTLS: {}, enableTLSForSentinelMode: true } : {}),
  });
}
