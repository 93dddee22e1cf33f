import type { Redis } from 'ioredis';
import type { RedisConnection } from '../redis/redis-client.ts';
import type { PubSub } from '../../ports/pub-sub.ts';
import { DependencyUnavailableError } from '../../dependency-failure.ts';
import { connectRedis, type RedisConnectionOptions } from '../redis/redis-connection.ts';

type Listener = (message: string) => void;

interface Channel {
  listeners: Set<Listener>;
  /** The SUBSCRIBE of this channel; later listeners wait for it too. */
  subscribed: Promise<unknown>;
}

/**
 * Redis pub/sub for several nodes. A connection in subscriber mode can do
 * nothing else, so each process has one dedicated subscriber connection for
 * all its channels (channel → listeners here) and publishes on another.
 * Channels are namespaced like the key-value store's keys. Commands on one
 * connection run in order, so a SUBSCRIBE sent after an UNSUBSCRIBE of the
 * same channel leaves it subscribed (a channel's last listener leaves only
 * after its SUBSCRIBE went out, and a new one subscribes after that).
 */
export class RedisPubSub implements PubSub {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly channels = new Map<string, Channel>();

  /**
   * The subscriber connection re-subscribes to its channels by itself after a reconnect
   * (ioredis' autoResubscribe, on by default), so listeners survive a Redis restart.
   */
  constructor(
    redis: RedisConnection,
    private readonly prefix: string,
    private readonly connection: RedisConnectionOptions,
  ) {
    this.publisher = connectRedis(redis, connection);
    this.subscriber = connectRedis(redis, connection);
    this.subscriber.on('message', (channel: string, message: string) => this.deliver(channel, message));
  }

  async publish(channel: string, message: string) {
    await this.publisher.publish(this.prefix + channel, message);
  }

  async subscribe(channel: string, listener: Listener) {
    let entry = this.channels.get(channel);
    if (!entry) {
      entry = { listeners: new Set(), subscribed: this.whenReady().then(() => this.subscriber.subscribe(this.prefix + channel)) };
      this.channels.set(channel, entry);
    }
    const joined = entry;
    joined.listeners.add(listener);
    const leave = async () => {
      if (!joined.listeners.delete(listener) || joined.listeners.size > 0 || this.channels.get(channel) !== joined) return;
      this.channels.delete(channel);
      await this.subscriber.unsubscribe(this.prefix + channel);
    };
    try {
      await joined.subscribed;
    } catch (error) {
      // A failed SUBSCRIBE must not stay behind for the next subscriber to inherit.
      joined.listeners.delete(listener);
      if (this.channels.get(channel) === joined) this.channels.delete(channel);
      throw error;
    }
    return leave;
  }

  /**
   * ioredis writes SUBSCRIBE even during the connection's handshake (Redis
   * allows it while loading); its reply would switch the connection to
   * subscriber mode before ioredis' ready check, which then fails and drops
   * the connection. So subscriptions wait for the connection to be ready.
   */
  private whenReady(): Promise<void> {
    if (this.subscriber.status === 'ready') return Promise.resolve();
    if (this.subscriber.status === 'end') return Promise.reject(new Error('the pub/sub connection is closed'));
    // While Redis is away the wait is as bounded as a command's, so the stream's request gets a 503, not a hang.
    return new Promise((resolve, reject) => {
      const ready = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.subscriber.off('ready', ready);
        reject(new DependencyUnavailableError('the pub/sub connection is not ready'));
      }, this.connection.commandTimeoutMs);
      this.subscriber.once('ready', ready);
    });
  }

  private deliver(prefixedChannel: string, message: string) {
    if (!prefixedChannel.startsWith(this.prefix)) return;
    const entry = this.channels.get(prefixedChannel.slice(this.prefix.length));
    for (const listener of entry?.listeners ?? []) {
      try {
        listener(message);
      } catch {
        // A listener's failure is its own; delivery to the others goes on.
      }
    }
  }

  async close() {
    this.channels.clear();
    await Promise.all([this.publisher.quit(), this.subscriber.quit()]);
  }
}
