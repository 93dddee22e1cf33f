import { createServer, type IncomingHttpHeaders } from 'node:http';
import { listenOnLoopback } from './loopback-server.ts';

/**
 * Test support for the vendor adapters' tests (SMS, identity registry,
 * business registry): a local HTTP server on port 0 standing in for a vendor. It hands every request to the
 * test's `handle`, which verifies it the way the vendor's documentation
 * says and decides the answer; `'hang'` never answers (for timeouts).
 */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type VendorAnswer = { status: number; body: string; contentType?: string } | 'hang';

export interface VendorTestServer {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startVendorTestServer(handle: (request: ReceivedRequest) => VendorAnswer): Promise<VendorTestServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received: ReceivedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(received);
      const answer = handle(received);
      if (answer === 'hang') return;
      res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json;charset=utf-8' });
      res.end(answer.body);
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return { url, requests, close };
}
