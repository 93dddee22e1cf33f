import type { KeyValueStore } from '../../ports/key-value-store.ts';

interface Entry {
  value: string | string[];
  expiresAt: number;
}

/** In-process store for a single node. Expired entries are dropped lazily and by a sweep. */
export class MemoryKeyValueStore implements KeyValueStore {
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep() {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }

  async get(key: string) {
    const value = this.live(key)?.value;
    return typeof value === 'string' ? value : null;
  }

  async set(key: string, value: string, ttlSeconds: number) {
    this.entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
  }

  // No await between read and delete: that is what makes it atomic on one event loop.
  async take(key: string) {
    const value = this.live(key)?.value;
    this.entries.delete(key);
    return typeof value === 'string' ? value : null;
  }

  // Like take: no await between compare and set.
  async swap(key: string, expected: string, next: string, ttlSeconds: number) {
    if (this.live(key)?.value !== expected) return false;
    this.entries.set(key, { value: next, expiresAt: this.now() + ttlSeconds * 1000 });
    return true;
  }

  // Like take: no await between the check and the set.
  async setIfAbsent(key: string, value: string, ttlSeconds: number) {
    if (this.live(key)) return false;
    this.entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
    return true;
  }

  async delete(key: string) {
    this.entries.delete(key);
  }

  async increment(key: string, ttlSeconds: number, by = 1) {
    const entry = this.live(key);
    const next = (entry ? Number(entry.value) : 0) + by;
    this.entries.set(key, { value: String(next), expiresAt: entry?.expiresAt ?? this.now() + ttlSeconds * 1000 });
    return next;
  }

  async ttl(key: string) {
    const entry = this.live(key);
    return entry ? Math.ceil((entry.expiresAt - this.now()) / 1000) : null;
  }

  async appendToList(key: string, value: string, ttlSeconds: number) {
    const entry = this.live(key);
    const list = Array.isArray(entry?.value) ? entry.value : [];
    list.push(value);
    const expiresAt = Math.max(entry?.expiresAt ?? 0, this.now() + ttlSeconds * 1000);
    this.entries.set(key, { value: list, expiresAt });
  }

  async setIndexed(key: string, value: string, ttlSeconds: number, indexKey: string) {
    await this.set(key, value, ttlSeconds);
    await this.appendToList(indexKey, key, ttlSeconds);
  }

  async readList(key: string, options: { newestFirst?: boolean; limit?: number } = {}) {
    const value = this.live(key)?.value;
    const list = Array.isArray(value) ? [...value] : [];
    if (options.newestFirst) list.reverse();
    return options.limit === undefined ? list : list.slice(0, options.limit);
  }

  async close() {
    clearInterval(this.sweeper);
    this.entries.clear();
  }
}
