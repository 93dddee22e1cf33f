import { createHash, createHmac } from 'node:crypto';
import type { ReceivedRequest } from './vendor-test-server.ts';

/*
 * The vendor test servers' signature checks, written again from the vendors'
 * documentation (not imported from the adapters, so a mistake in the
 * signers cannot hide). adapters/cloud-api/*.test.ts checks them against the
 * vendors' documented examples.
 */

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

/**
 * Tencent Cloud "签名方法 v3": headers named in SignedHeaders, lower-cased and
 * trimmed as `key:value\n`; CanonicalRequest; StringToSign with the UTC date
 * of X-TC-Timestamp; SecretSigning derived from "TC3" + SecretKey.
 */
export function tencentDocSignature(input: { secretKey: string; service: string; timestamp: string; signedHeaders: string; headers: Record<string, string>; payload: string }): string {
  const names = input.signedHeaders.split(';');
  const canonicalHeaders = names.map((name) => `${name}:${(input.headers[name] ?? '').trim().toLowerCase()}\n`).join('');
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, input.signedHeaders, sha256(input.payload)].join('\n');
  const date = new Date(Number(input.timestamp) * 1000).toISOString().slice(0, 10);
  const stringToSign = ['TC3-HMAC-SHA256', input.timestamp, `${date}/${input.service}/tc3_request`, sha256(canonicalRequest)].join('\n');
  const secretSigning = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request');
  return createHmac('sha256', secretSigning).update(stringToSign, 'utf8').digest('hex');
}

/**
 * Checks a Tencent Cloud API 3.0 request's Authorization, timestamp and
 * signature; returns Tencent's error code for what is wrong (empty when right).
 */
export function tencentSignatureProblems(request: ReceivedRequest, expected: { service: string; keys: Record<string, string> }): string[] {
  const problems: string[] = [];
  const header = (name: string) => String(request.headers[name] ?? '');
  // X-TC-Timestamp: Unix seconds, within five minutes of the server's clock.
  const timestamp = header('x-tc-timestamp');
  if (!/^\d{10}$/.test(timestamp)) problems.push(`X-TC-Timestamp ${timestamp}`);
  else if (Math.abs(Number(timestamp) * 1000 - Date.now()) > 5 * 60_000) problems.push('AuthFailure.SignatureExpire');
  const authorization = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(header('authorization'));
  if (!authorization) return [...problems, 'AuthFailure.InvalidAuthorization'];
  const [, secretId = '', date, service = '', signedHeaders = '', signature] = authorization;
  if (date !== new Date(Number(timestamp) * 1000).toISOString().slice(0, 10)) problems.push(`credential date ${date}`);
  if (service !== expected.service) problems.push(`credential service ${service}`);
  if (!signedHeaders.split(';').includes('content-type') || !signedHeaders.split(';').includes('host')) problems.push(`SignedHeaders ${signedHeaders}`);
  const secretKey = expected.keys[secretId];
  if (!secretKey) problems.push('AuthFailure.SecretIdNotFound');
  else {
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
    if (signature !== tencentDocSignature({ secretKey, service, timestamp, signedHeaders, headers, payload: request.body })) problems.push('AuthFailure.SignatureFailure');
  }
  return problems;
}

/**
 * Aliyun "HTTP协议及签名": "先用标准库的方式进行编码 (java.net.URLEncoder, i.e.
 * application/x-www-form-urlencoded), 然后把编码后的字符串中的加号(+)替换成%20、
 * 星号(*)替换成%2A、%7E替换回波浪号(~)"; sort by name; StringToSign =
 * METHOD&%2F&encode(query); HMAC-SHA1 with secret + "&"; Base64.
 */
export function aliyunDocEncode(value: string): string {
  const formEncoded = new URLSearchParams([['', value]]).toString().slice(1); // what URLEncoder produces
  return formEncoded.replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~');
}

export function aliyunDocSignature(method: string, params: Record<string, string>, secret: string): string {
  const query = Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${aliyunDocEncode(name)}=${aliyunDocEncode(params[name]!)}`)
    .join('&');
  const stringToSign = `${method}&${aliyunDocEncode('/')}&${aliyunDocEncode(query)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}

/** The parameters of an Aliyun RPC POST (form body); a repeated name is a problem. */
export function aliyunFormParams(body: string, problems: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of body.split('&')) {
    const [rawName = '', rawValue = ''] = pair.split('=');
    const name = decodeURIComponent(rawName);
    if (name in params) problems.push(`duplicate ${name}`);
    params[name] = decodeURIComponent(rawValue);
  }
  return params;
}

/**
 * Checks an Aliyun RPC request's common parameters as the gateway does:
 * fresh ISO timestamp, unused nonce, known AccessKey, right signature.
 * Returns the gateway's error codes for what is wrong.
 */
export function aliyunSignatureProblems(params: Record<string, string>, keys: Record<string, string>, seenNonces: Set<string>): string[] {
  const problems: string[] = [];
  if (params.SignatureMethod !== 'HMAC-SHA1' || params.SignatureVersion !== '1.0') problems.push('IncompleteSignature');
  const timestamp = params.Timestamp ?? '';
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(timestamp)) problems.push('InvalidTimeStamp.Format');
  else if (Math.abs(Date.parse(timestamp) - Date.now()) > 15 * 60_000) problems.push('InvalidTimeStamp.Expired');
  const nonce = params.SignatureNonce ?? '';
  if (nonce.length < 8) problems.push('MissingParameter');
  else if (seenNonces.has(nonce)) problems.push('SignatureNonceUsed');
  seenNonces.add(nonce);
  const secret = keys[params.AccessKeyId ?? ''];
  if (!secret) problems.push('InvalidAccessKeyId.NotFound');
  else if (params.Signature !== aliyunDocSignature('POST', params, secret)) problems.push('SignatureDoesNotMatch');
  return problems;
}

/** Aliyun's answer to a request that fails the gateway's checks (the documented gateway errors). */
export function aliyunGatewayRefusal(problems: string[], hostId: string): { status: number; body: string } {
  const known = ['InvalidAccessKeyId.NotFound', 'SignatureDoesNotMatch', 'InvalidTimeStamp.Expired', 'SignatureNonceUsed'];
  const code = problems.find((problem) => known.includes(problem)) ?? 'MissingParameter';
  return { status: code === 'InvalidAccessKeyId.NotFound' ? 404 : 400, body: JSON.stringify({ RequestId: 'A1B2', Message: 'refused', Recommend: '', HostId: hostId, Code: code }) };
}
