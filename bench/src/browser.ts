/**
 * A minimal cookie-keeping HTTP client standing in for one browser: no
 * automatic redirects (the flows follow them by hand, to see every hop), one
 * client IP sent as X-Forwarded-For, Origin set on POSTs as a browser does.
 * Cookies are kept by name only; the flows here never need two cookies of
 * one name on different paths.
 */
export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly origin: string,
    readonly ip: string,
  ) {}

  async request(url: string, init: { method?: string; json?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url, this.origin);
    const method = init.method ?? (init.json === undefined ? 'GET' : 'POST');
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip, 'user-agent': 'uia-bench', ...init.headers };
    if (method !== 'GET') headers.origin = this.origin;
    if (this.cookies.size > 0 && target.origin === this.origin) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    let body: string | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const response = await fetch(target, { method, headers, body, redirect: 'manual' });
    this.keepCookies(response);
    return response;
  }

  /** Sends a request and parses its JSON answer; any status other than `expected` is an error. */
  async json<T>(url: string, expected: number, init: Parameters<Browser['request']>[1] = {}): Promise<T> {
    const response = await this.request(url, init);
    const text = await response.text();
    if (response.status !== expected) throw new Error(`${init.method ?? 'GET'} ${new URL(url, this.origin).pathname} → ${response.status} ${text.slice(0, 200)}`);
    return JSON.parse(text) as T;
  }

  /**
   * Follows redirects from `url` until one points at `stopPrefix` (the
   * relying party's callback, never requested) and returns that URL.
   */
  async followUntil(url: string, stopPrefix: string, maxHops = 8): Promise<URL> {
    let next = new URL(url, this.origin).href;
    for (let hop = 0; hop < maxHops; hop += 1) {
      if (next.startsWith(stopPrefix)) return new URL(next);
      const response = await this.request(next);
      await response.arrayBuffer();
      const location = response.headers.get('location');
      if (!location) throw new Error(`expected a redirect from ${new URL(next).pathname}, got ${response.status}`);
      next = new URL(location, next).href;
    }
    throw new Error(`no redirect to ${stopPrefix} after ${maxHops} hops`);
  }

  private keepCookies(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const pair = header.split(';', 1)[0]!;
      const equals = pair.indexOf('=');
      if (equals <= 0) continue;
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      const expired = value === '' || /max-age=0\b/i.test(header) || /expires=Thu, 01 Jan 1970/i.test(header);
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** A distinct client address for every simulated client, so per-IP budgets apply per client. */
let clientCounter = 0;
export function nextClientIp(): string {
  clientCounter += 1;
  const n = clientCounter;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}
