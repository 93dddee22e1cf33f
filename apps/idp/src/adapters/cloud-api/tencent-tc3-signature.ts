import { createHash, createHmac } from 'node:crypto';

/**
 * TencentCloud API 3.0 signature TC3-HMAC-SHA256 ("签名方法 v3"), as
 * documented for SMS at https://www.tencentcloud.com/document/product/382/40467
 * (the same text for every product, e.g. https://cloud.tencent.com/document/api/362/4208):
 *
 *   CanonicalRequest = METHOD \n URI \n QUERY \n CanonicalHeaders \n SignedHeaders \n hex(sha256(payload))
 *   StringToSign     = "TC3-HMAC-SHA256" \n Timestamp \n Date/service/tc3_request \n hex(sha256(CanonicalRequest))
 *   SecretDate       = HMAC("TC3" + SecretKey, Date)   (Date = UTC date of Timestamp)
 *   SecretService    = HMAC(SecretDate, service); SecretSigning = HMAC(SecretService, "tc3_request")
 *   Signature        = hex(HMAC(SecretSigning, StringToSign))
 *
 * POST with a JSON body, signing `content-type` and `host` (header names and
 * values lower-cased and trimmed, sorted, `key:value\n` each).
 */
export interface Tc3Input {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  /** Unix seconds, the X-TC-Timestamp header. */
  timestamp: number;
  payload: string;
  contentType: string;
}

const ALGORITHM = 'TC3-HMAC-SHA256';
const SIGNED_HEADERS = 'content-type;host';

const sha256Hex = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
const hmac = (key: string | Buffer, value: string) => createHmac('sha256', key).update(value, 'utf8').digest();

/** The UTC date of a Unix timestamp, `YYYY-MM-DD` (never the local date). */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

export function tc3CanonicalRequest(input: Pick<Tc3Input, 'host' | 'payload' | 'contentType'>): string {
  const canonicalHeaders = `content-type:${input.contentType.trim().toLowerCase()}\nhost:${input.host.trim().toLowerCase()}\n`;
  return ['POST', '/', '', canonicalHeaders, SIGNED_HEADERS, sha256Hex(input.payload)].join('\n');
}

export function tc3StringToSign(input: Tc3Input): string {
  const scope = `${tc3Date(input.timestamp)}/${input.service}/tc3_request`;
  return [ALGORITHM, String(input.timestamp), scope, sha256Hex(tc3CanonicalRequest(input))].join('\n');
}

export function tc3Signature(input: Tc3Input): string {
  const secretDate = hmac(`TC3${input.secretKey}`, tc3Date(input.timestamp));
  const secretService = hmac(secretDate, input.service);
  const secretSigning = hmac(secretService, 'tc3_request');
  return createHmac('sha256', secretSigning).update(tc3StringToSign(input), 'utf8').digest('hex');
}

/** The Authorization header value. */
export function tc3Authorization(input: Tc3Input): string {
  const scope = `${tc3Date(input.timestamp)}/${input.service}/tc3_request`;
  return `${ALGORITHM} Credential=${input.secretId}/${scope}, SignedHeaders=${SIGNED_HEADERS}, Signature=${tc3Signature(input)}`;
}
