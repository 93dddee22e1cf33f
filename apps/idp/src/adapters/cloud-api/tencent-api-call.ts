import { tc3Authorization } from './tencent-tc3-signature.ts';
import { callVendor, type FetchLike, type UnavailableError } from './vendor-http.ts';

const CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Where a TencentCloud API 3.0 request goes: the configured address, path
 * included (an egress proxy may route by a path prefix). The signature covers
 * the Host header, which is this address's host, and the path Tencent itself
 * receives, always `/` (a proxy strips its prefix).
 */
export function tencentApiTarget(endpoint: string): { url: string; host: string } {
  const parsed = new URL(endpoint);
  return { host: parsed.host, url: `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}/` };
}

/**
 * One TencentCloud API 3.0 call: POST of the JSON `payload`, signed
 * TC3-HMAC-SHA256 for `service`, with the X-TC-* headers. `account` is the
 * adapter's configuration; X-TC-Region is sent only when it has a region
 * (some APIs, e.g. FaceID IdCardVerification, take none).
 */
export function callTencentApi(input: {
  fetch?: FetchLike;
  target: { url: string; host: string };
  service: string;
  action: string;
  version: string;
  account: { secretId: string; secretKey: string; region?: string; timeoutMs: number };
  payload: string;
  /** Unix seconds. */
  timestampSec: number;
  unavailable: UnavailableError;
}): Promise<{ status: number; body: Record<string, unknown> }> {
  const { target, account, timestampSec: timestamp, payload } = input;
  const authorization = tc3Authorization({ secretId: account.secretId, secretKey: account.secretKey, service: input.service, host: target.host, timestamp, payload, contentType: CONTENT_TYPE });
  const headers: Record<string, string> = {
    authorization,
    'content-type': CONTENT_TYPE,
    'x-tc-action': input.action,
    'x-tc-timestamp': String(timestamp),
    'x-tc-version': input.version,
  };
  if (account.region !== undefined) headers['x-tc-region'] = account.region;
  return callVendor(input.fetch ?? fetch, target.url, { headers, body: payload }, account.timeoutMs, input.unavailable);
}
