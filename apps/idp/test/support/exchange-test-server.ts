import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { ReceivedRequest, VendorAnswer } from './vendor-test-server.ts';

/**
 * A data-sharing exchange as docs/business-registry-exchange.md specifies it,
 * written from that document (not from the adapter): it checks the app id,
 * the signature, the clock skew (300 s) and nonce reuse, then answers from
 * `entities` (keyed by USCC, each the `entity` object of the contract).
 */
export function exchangeTestHandler(options: { appId: string; secret: string; path: string; entities: Record<string, unknown> }) {
  const seenNonces = new Set<string>();
  const refuse = (status: number, code: string): VendorAnswer => ({ status, body: JSON.stringify({ error: { code, message: '…' } }) });
  return (request: ReceivedRequest): VendorAnswer => {
    if (request.method !== 'POST' || request.path !== options.path) return refuse(404, 'NOT_FOUND');
    const header = (name: string) => String(request.headers[name] ?? '');
    if (header('x-app-id') !== options.appId) return refuse(401, 'UNKNOWN_APP');
    const timestamp = header('x-timestamp');
    if (!/^\d{10}$/.test(timestamp) || Math.abs(Number(timestamp) - Date.now() / 1000) > 300) return refuse(401, 'TIMESTAMP_SKEW');
    const nonce = header('x-nonce');
    const stringToSign = `POST\n${request.path}\n${timestamp}\n${nonce}\n${createHash('sha256').update(request.body).digest('hex')}`;
    const expected = createHmac('sha256', options.secret).update(stringToSign).digest();
    const given = Buffer.from(header('x-signature'), 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse(401, 'BAD_SIGNATURE');
    if (!/^[\w-]{16,64}$/.test(nonce)) return refuse(400, 'BAD_REQUEST');
    if (seenNonces.has(nonce)) return refuse(401, 'NONCE_REUSED');
    seenNonces.add(nonce);
    let uscc: unknown;
    try {
      ({ uscc } = JSON.parse(request.body) as { uscc?: unknown });
    } catch {
      return refuse(400, 'BAD_REQUEST');
    }
    if (typeof uscc !== 'string' || !header('content-type').startsWith('application/json')) return refuse(400, 'BAD_REQUEST');
    const entity = options.entities[uscc];
    return { status: 200, body: JSON.stringify(entity ? { found: true, entity } : { found: false }) };
  };
}
