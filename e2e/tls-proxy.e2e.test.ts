import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTlsProxy, type TlsProxy } from './support/tls-proxy.ts';

/** The target: echoes what it received, and holds an event stream open until told to go on. */
function startTarget() {
  let releaseSecondEvent: () => void = () => undefined;
  const secondEventReleased = new Promise<void>((resolve) => (releaseSecondEvent = resolve));
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    if (incoming.url === '/events') {
      outgoing.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      outgoing.write('data: one\n\n');
      void secondEventReleased.then(() => outgoing.end('data: two\n\n'));
      return;
    }
    let body = '';
    incoming.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    incoming.on('end', () => {
      outgoing.writeHead(
        200,
        [
          ['content-type', 'application/json'],
          ['set-cookie', 'a=1; Path=/'],
          ['set-cookie', 'b=2; Path=/'],
        ].flat(),
      );
      outgoing.end(JSON.stringify({ method: incoming.method, url: incoming.url, headers: incoming.headers, body }));
    });
  });
  return { server, releaseSecondEvent };
}

describe('the local TLS proxy (e2e/support/tls-proxy.ts)', () => {
  let proxy: TlsProxy;
  let target: ReturnType<typeof startTarget>;

  beforeAll(async () => {
    target = startTarget();
    await new Promise<void>((resolve) => target.server.listen(0, '127.0.0.1', resolve));
    proxy = await startTlsProxy(`http://127.0.0.1:${(target.server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await proxy?.close();
    target?.releaseSecondEvent();
    await new Promise((resolve) => target.server.close(resolve));
  });

  /** A request over https that verifies the proxy's certificate against its own PEM. */
  const send = (path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const outgoing = request(`${proxy.url}${path}`, { method: options.method ?? 'GET', headers: options.headers, ca: proxy.certificatePem }, resolve);
      outgoing.on('error', reject);
      outgoing.end(options.body);
    });

  const readAll = async (response: IncomingMessage) => {
    let text = '';
    for await (const chunk of response.setEncoding('utf8')) text += chunk;
    return text;
  };

  it('forwards a request with its body, the client address and the https scheme, over a certificate for localhost', async () => {
    const response = await send('/api/x?y=1', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' }, body: '{"a":1}' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    const echoed = JSON.parse(await readAll(response)) as { method: string; url: string; headers: Record<string, string>; body: string };
    expect(echoed).toMatchObject({ method: 'POST', url: '/api/x?y=1', body: '{"a":1}' });
    // Appended like nginx's $proxy_add_x_forwarded_for: the platform (UIA_TRUST_PROXY=1) believes only the last entry.
    expect(echoed.headers['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
    expect(echoed.headers['x-forwarded-proto']).toBe('https');
    expect(echoed.headers.host).toBe(new URL(proxy.url).host);
  });

  it('streams server-sent events as they come: the first event arrives while the stream is still open', async () => {
    const response = await send('/events', { headers: { accept: 'text/event-stream' } });
    expect(response.headers['content-type']).toBe('text/event-stream');
    response.setEncoding('utf8');
    const chunks = response[Symbol.asyncIterator]();
    // A buffering proxy would hold this back until the target ends the stream, which it does only after it.
    expect((await chunks.next()).value).toBe('data: one\n\n');
    target.releaseSecondEvent();
    let rest = '';
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) rest += next.value;
    expect(rest).toBe('data: two\n\n');
  });
});
