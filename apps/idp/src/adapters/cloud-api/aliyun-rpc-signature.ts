import { createHmac } from 'node:crypto';

/**
 * Alibaba Cloud RPC signature, version 1.0 (HMAC-SHA1), as documented for
 * 短信服务 (dysmsapi) in "HTTP协议及签名" / "签名机制":
 * https://help.aliyun.com/document_detail/101343.html
 *
 * 1. percent-encode every parameter name and value per RFC 3986 (UTF-8):
 *    A–Z a–z 0–9 - _ . ~ stay, everything else becomes %XY (upper-case hex);
 *    a space is %20, never `+` (the doc's recipe: URL-encode, then
 *    `+`→%20, `*`→%2A, %7E→`~`);
 * 2. sort by parameter name, join as `name=value` with `&` (Signature excluded);
 * 3. StringToSign = METHOD & percentEncode("/") & percentEncode(canonical query);
 * 4. Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)).
 */

/** RFC 3986 percent-encoding as Alibaba Cloud wants it. */
export function percentEncode(value: string): string {
  // encodeURIComponent leaves ! ' ( ) * unencoded; RFC 3986's unreserved set does not include them.
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `name=value&…`, sorted by name, both sides percent-encoded. */
export function canonicalizedQueryString(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name]!)}`)
    .join('&');
}

export function aliyunStringToSign(method: 'GET' | 'POST', params: Record<string, string>): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalizedQueryString(params))}`;
}

/** The `Signature` parameter (before it is itself percent-encoded into the request). */
export function signAliyunRpc(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(aliyunStringToSign(method, params), 'utf8').digest('base64');
}

/** The documented Timestamp format: ISO 8601 in UTC without fractions, `2017-07-12T02:42:19Z`. */
export function aliyunTimestamp(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
