/**
 * A value kept for the request being served: a WeakMap on oidc-provider's
 * request context, so it goes with the request and no other request sees it.
 */
export class PerRequest<T> {
  private readonly values = new WeakMap<object, T>();

  /** `currentRequest` is the request being served, or undefined outside one (then nothing is kept). */
  constructor(private readonly currentRequest: () => object | undefined) {}

  get(): T | undefined {
    const request = this.currentRequest();
    return request ? this.values.get(request) : undefined;
  }

  /** Keeps `value` for the current request; false outside a request, where nothing is kept. */
  set(value: T): boolean {
    const request = this.currentRequest();
    if (request) this.values.set(request, value);
    return request !== undefined;
  }

  /** The value, which is no longer kept. */
  take(): T | undefined {
    const request = this.currentRequest();
    if (!request) return undefined;
    const value = this.values.get(request);
    this.values.delete(request);
    return value;
  }
}
