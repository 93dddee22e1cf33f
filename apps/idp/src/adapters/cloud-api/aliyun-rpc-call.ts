import { randomUUID } from 'node:crypto';
import { aliyunTimestamp, canonicalizedQueryString, percentEncode, signAliyunRpc } from './aliyun-rpc-signature.ts';
import { callVendor, type FetchLike, type UnavailableError } from './vendor-http.ts';

/**
 * The common parameters of every Aliyun RPC request (JSON answers,
 * HMAC-SHA1 signature 1.0). `nonce` must be fresh per request, a retry
 * included: the gateway answers SignatureNonceUsed to a repeated one.
 */
export function aliyunRpcParams(input: { accessKeyId: string; action: string; version: string; now?: () => number; nonce?: () => string }): Record<string, string> {
  return {
    AccessKeyId: input.accessKeyId,
    Action: input.action,
    Format: 'JSON',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: (input.nonce ?? randomUUID)(),
    SignatureVersion: '1.0',
    Timestamp: aliyunTimestamp((input.now ?? Date.now)()),
    Version: input.version,
  };
}

/**
 * Signs `params` (common + API-specific) and POSTs them as a form body to
 * `url` (the gateway's `/`), so personal data never appears in a URL. The
 * body uses the same RFC 3986 encoding the signature covers, Signature included.
 */
export function postAliyunRpc(input: {
  fetch?: FetchLike;
  url: string;
  params: Record<string, string>;
  accessKeySecret: string;
  timeoutMs: number;
  unavailable: UnavailableError;
}): Promise<{ status: number; body: Record<string, unknown> }> {
  const signature = signAliyunRpc('POST', input.params, input.accessKeySecret);
  return callVendor(
    input.fetch ?? fetch,
    input.url,
    {
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: `${canonicalizedQueryString(input.params)}&Signature=${percentEncode(signature)}`,
    },
    input.timeoutMs,
    input.unavailable,
  );
}

/** Aliyun's `Code`, which its documentation prints both as a string and as a number; null when absent. */
export function aliyunCode(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}
