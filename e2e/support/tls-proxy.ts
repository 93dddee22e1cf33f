// A local TLS-terminating reverse proxy for production-mode browser tests,
// doing what docs/deploy/nginx.conf does in front of the platform: https on
// a free port with a certificate made at run time, HTTP/1.1 to the target,
// responses streamed as they come (SSE: no buffering), and the client's
// address and scheme forwarded (X-Forwarded-For appended, X-Forwarded-Proto:
// https), so the platform runs with UIA_TRUST_PROXY=1 as it would behind nginx.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsProxy {
  /** e.g. https://localhost:41234 */
  url: string;
  port: number;
  /** The self-signed certificate (PEM), for clients that verify it (`ca`); browsers ignore HTTPS errors instead. */
  certificatePem: string;
  close(): Promise<void>;
}

// Hop-by-hop headers belong to one connection (RFC 9110 §7.6.1); each side of the proxy has its own.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authorization', 'proxy-authenticate']);

/** A self-signed certificate for localhost and 127.0.0.1, valid for a day, made by openssl (no network). */
export function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'uia-tls-'));
  try {
    const [keyFile, certFile] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the proxy in front of `target` (http://127.0.0.1:PORT). */
export async function startTlsProxy(target: string): Promise<TlsProxy> {
  const upstream = new URL(target);
  const { key, cert } = selfSignedCertificate();
  const server = createServer({ key, cert }, (incoming, outgoing) => {
    const headers: IncomingHttpHeaders = {};
    for (const [name, value] of Object.entries(incoming.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
    const clientAddress = incoming.socket.remoteAddress ?? '';
    headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${String(headers['x-forwarded-for'])}, ${clientAddress}` : clientAddress;
    headers['x-forwarded-proto'] = 'https';
    const proxied = request({ hostname: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers }, (answer) => {
      const raw: string[] = [];
      for (let i = 0; i < answer.rawHeaders.length; i += 2) {
        if (!HOP_BY_HOP.has(answer.rawHeaders[i]!.toLowerCase())) raw.push(answer.rawHeaders[i]!, answer.rawHeaders[i + 1]!);
      }
      outgoing.writeHead(answer.statusCode ?? 502, answer.statusMessage, raw);
      // Headers now, each chunk as it arrives: an event stream's first event must not wait for its end.
      outgoing.flushHeaders();
      answer.pipe(outgoing);
    });
    proxied.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end('bad gateway');
    });
    // A client that goes away (a closed event stream) ends the upstream request too.
    outgoing.on('close', () => proxied.destroy());
    incoming.pipe(proxied);
  });
  server.on('secureConnection', (socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://localhost:${port}`,
    port,
    certificatePem: cert,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
