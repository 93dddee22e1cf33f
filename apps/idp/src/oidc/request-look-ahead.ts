import type { AdapterPayload } from 'oidc-provider';
import { PerRequest } from './per-request.ts';

/**
 * Records read ahead for a look-up that the same request makes next: a
 * refresh grant reads its token, then the token's Session, then its Grant,
 * each waiting for the one before (oidc-provider's order); the token's read
 * brings the other two along (one round trip instead of three on
 * PostgreSQL). A record is kept for its request only (per-request.ts), is
 * taken at most once, and every write to a durable model in that request
 * drops what is kept, so a look-up never answers with what the request
 * itself has changed since.
 */
export class RequestLookAhead {
  private readonly kept: PerRequest<Map<string, AdapterPayload>>;

  constructor(currentRequest: () => object | undefined) {
    this.kept = new PerRequest(currentRequest);
  }

  keep(key: string, payload: AdapterPayload) {
    const records = this.kept.get() ?? new Map<string, AdapterPayload>();
    if (this.kept.set(records)) records.set(key, payload);
  }

  take(key: string): AdapterPayload | undefined {
    const records = this.kept.get();
    const payload = records?.get(key);
    records?.delete(key);
    return payload;
  }

  forget() {
    this.kept.take();
  }
}
