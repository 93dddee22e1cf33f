import type { AdapterPayload } from 'oidc-provider';

/**
 * Records read ahead for a look-up that the same request makes next: a
 * refresh grant reads its token, then the token's Session, then its Grant,
 * each waiting for the one before (oidc-provider's order); the token's read
 * brings the other two along (one round trip instead of three on
 * PostgreSQL). A record is kept for its request only (a WeakMap on
 * oidc-provider's request context, so it goes with the request), is taken
 * at most once, and every write to a durable model in that request drops
 * what is kept, so a look-up never answers with what the request itself
 * has changed since.
 */
export class RequestLookAhead {
  private readonly kept = new WeakMap<object, Map<string, AdapterPayload>>();

  /** `currentRequest` is the request being served, or undefined outside one (then nothing is kept). */
  constructor(private readonly currentRequest: () => object | undefined) {}

  keep(key: string, payload: AdapterPayload) {
    const request = this.currentRequest();
    if (!request) return;
    let records = this.kept.get(request);
    if (!records) this.kept.set(request, (records = new Map<string, AdapterPayload>()));
    records.set(key, payload);
  }

  take(key: string): AdapterPayload | undefined {
    const request = this.currentRequest();
    const records = request ? this.kept.get(request) : undefined;
    const payload = records?.get(key);
    records?.delete(key);
    return payload;
  }

  forget() {
    const request = this.currentRequest();
    if (request) this.kept.delete(request);
  }
}
