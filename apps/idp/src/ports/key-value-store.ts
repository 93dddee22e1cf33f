/**
 * Ephemeral shared state: captcha challenges, SMS codes, rate-limit counters,
 * oidc-provider's short-lived models. In-process for one node, Redis when
 * several nodes serve together. Every write has a time to live.
 */
export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Atomic read-and-delete: the basis of every one-time token. */
  take(key: string): Promise<string | null>;
  /**
   * Atomic compare-and-set: replaces the value with `next` (and the TTL with
   * `ttlSeconds`) only if it is currently `expected`; true when it did. The
   * basis of state machines shared by several nodes (QR login sessions).
   */
  swap(key: string, expected: string, next: string, ttlSeconds: number): Promise<boolean>;
  /** Atomic create: sets the value only if the key does not exist; true when it did (where `swap` cannot start). */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /**
   * Atomic counter for a fixed window; the TTL starts at the first increment.
   * `by` (default 1) may be negative, to give back a count taken in advance.
   */
  increment(key: string, ttlSeconds: number, by?: number): Promise<number>;
  /** Seconds until the key expires, or null when it does not exist. */
  ttl(key: string): Promise<number | null>;
  /** Appends to a list whose TTL is extended to at least ttlSeconds. */
  appendToList(key: string, value: string, ttlSeconds: number): Promise<void>;
  /**
   * Sets the value and appends `key` to the list `indexKey` (extending the list's TTL as appendToList
   * does), atomically and in one round trip: a record that must be findable through an index.
   */
  setIndexed(key: string, value: string, ttlSeconds: number, indexKey: string): Promise<void>;
  /** The list's values, oldest first (`newestFirst` reverses). */
  readList(key: string, options?: { newestFirst?: boolean; limit?: number }): Promise<string[]>;
  close(): Promise<void>;
}
