import { PerRequest } from './per-request.ts';

/**
 * Records read ahead for a look-up that the same request makes next: a
 * refresh grant reads its token, then the token's Session, its Grant and
 * its person's account, each waiting for the one before (oidc-provider's
 * order); the token's read brings the others along (one round trip instead
 * of four on PostgreSQL). A record is kept for its request only
 * (per-request.ts), is taken at most once, and every write to a durable
 * model in that request drops what is kept, so a look-up never answers with
 * what the request itself has changed since. (No oidc-provider request
 * writes an account: the platform changes accounts in its own routes.)
 */
export class RequestLookAhead<Value> {
  private readonly kept: PerRequest<Map<string, Value>>;

  constructor(currentRequest: () => object | undefined) {
    this.kept = new PerRequest(currentRequest);
  }

  keep(key: string, value: Value) {
    const records = this.kept.get() ?? new Map<string, Value>();
    if (this.kept.set(records)) records.set(key, value);
  }

  take(key: string): Value | undefined {
    const records = this.kept.get();
    const value = records?.get(key);
    records?.delete(key);
    return value;
  }

  forget() {
    this.kept.take();
  }
}
