import { rateLimited } from '../errors.ts';

/** How long a refused stream is told to wait: about as long as a page takes to notice and close one. */
const RETRY_AFTER_SECONDS = 15;

/**
 * Long-lived responses (Server-Sent Events) open at once, counted in this
 * process's memory under several keys (e.g. the login interaction and the
 * client address), each with its own cap. A node counts only its own
 * streams: behind a load balancer the caps hold per node, which is what
 * they protect (its sockets, subscriptions and timers).
 */
export class OpenStreams {
  private readonly open = new Map<string, number>();

  /**
   * Takes one slot under every key, or none and throws RATE_LIMITED when a
   * key is at its cap. The answer releases them (once, however often called).
   */
  take(slots: { key: string; limit: number }[]): () => void {
    if (slots.some(({ key, limit }) => (this.open.get(key) ?? 0) >= limit)) throw rateLimited(RETRY_AFTER_SECONDS);
    for (const { key } of slots) this.open.set(key, (this.open.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const { key } of slots) {
        const left = (this.open.get(key) ?? 1) - 1;
        if (left > 0) this.open.set(key, left);
        else this.open.delete(key);
      }
    };
  }
}
