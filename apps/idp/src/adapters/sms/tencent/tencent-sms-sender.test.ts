import { createHash, createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { SmsDeliveryError, type SmsMessage, type SmsTemplateName } from '../../../ports/sms-sender.ts';
import { startVendorTestServer, type ReceivedRequest, type VendorAnswer, type VendorTestServer } from '../../../../test/support/vendor-test-server.ts';
import { TENCENT_ERROR_KINDS, tencentFailureKind } from './tencent-error-codes.ts';
import { TencentSmsSender, type TencentSmsConfig } from './tencent-sms-sender.ts';
import { tc3Authorization, tc3CanonicalRequest, tc3Signature, tc3StringToSign } from '../../cloud-api/tencent-tc3-signature.ts';

/*
 * The worked example of "Signature v3" (TC3-HMAC-SHA256) in Tencent Cloud's
 * SMS API documentation (https://www.tencentcloud.com/document/product/382/40467):
 * CVM DescribeInstances in ap-guangzhou at 1551113065, with its example key pair.
 */
const DOC = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  service: 'cvm',
  host: 'cvm.tencentcloudapi.com',
  timestamp: 1551113065,
  contentType: 'application/json; charset=utf-8',
  payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
};
const DOC_CANONICAL_REQUEST = 'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064';
const DOC_STRING_TO_SIGN = 'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031';
const DOC_SIGNATURE = '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168';
const DOC_AUTHORIZATION = `TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=${DOC_SIGNATURE}`;
/* The Chinese edition prints the same example with masked keys (…3******* literally) and this result. */
const DOC_ZH_SECRET_KEY = 'Gu5t9xGARNpq86cd98joQYCN3*******';
const DOC_ZH_SIGNATURE = '2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c';

/*
 * The verifier of the fake Tencent below, written again from the documentation
 * (not imported from the adapter): headers named in SignedHeaders, lower-cased
 * and trimmed as `key:value\n`; CanonicalRequest; StringToSign with the UTC
 * date of X-TC-Timestamp; SecretSigning derived from "TC3" + SecretKey.
 */
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();
function docSignature(input: { secretKey: string; service: string; timestamp: string; signedHeaders: string; headers: Record<string, string>; payload: string }): string {
  const names = input.signedHeaders.split(';');
  const canonicalHeaders = names.map((name) => `${name}:${(input.headers[name] ?? '').trim().toLowerCase()}\n`).join('');
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, input.signedHeaders, sha256(input.payload)].join('\n');
  const date = new Date(Number(input.timestamp) * 1000).toISOString().slice(0, 10);
  const stringToSign = ['TC3-HMAC-SHA256', input.timestamp, `${date}/${input.service}/tc3_request`, sha256(canonicalRequest)].join('\n');
  const secretSigning = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request');
  return createHmac('sha256', secretSigning).update(stringToSign, 'utf8').digest('hex');
}

const KEYS: Record<string, string> = { AKIDTestSecretId0001: 'the-real-secret-key-of-the-test' };
const TEMPLATES: Record<SmsTemplateName, string> = {
  register: '2000001',
  login: '2000002',
  reset_password: '2000003',
  change_phone: '2000004',
  notice_password_reset: '2000005',
  notice_phone_changed: '2000006',
};
const PHONE = '13912345678';

interface Verdict {
  problems: string[];
}

interface Expected {
  message: SmsMessage;
  templateParamSet: string[];
  /**
   * The path this server is addressed at: `/`, or an egress proxy's prefix
   * (the proxy hands Tencent the request at `/`, which is what is signed).
   */
  path?: string;
}

/** Checks one request as Tencent Cloud documents SendSms and API 3.0 signing; returns what is wrong. */
function verifyTencentRequest(request: ReceivedRequest, expected: Expected): Verdict {
  const problems: string[] = [];
  const header = (name: string) => String(request.headers[name] ?? '');
  if (request.method !== 'POST') problems.push(`method ${request.method}`);
  if (request.path !== (expected.path ?? '/')) problems.push(`path ${request.path}`);
  if (header('content-type') !== 'application/json; charset=utf-8') problems.push(`content-type ${header('content-type')}`);
  if (header('x-tc-action') !== 'SendSms') problems.push(`X-TC-Action ${header('x-tc-action')}`);
  if (header('x-tc-version') !== '2021-01-11') problems.push(`X-TC-Version ${header('x-tc-version')}`);
  if (header('x-tc-region') !== 'ap-guangzhou') problems.push(`X-TC-Region ${header('x-tc-region')}`);

  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(request.body) as Record<string, unknown>;
  } catch {
    problems.push('FailedOperation.JsonParseFail');
  }
  if (JSON.stringify(Object.keys(body).sort()) !== JSON.stringify(['PhoneNumberSet', 'SignName', 'SmsSdkAppId', 'TemplateId', 'TemplateParamSet'])) problems.push(`body keys ${Object.keys(body).join(',')}`);
  if (JSON.stringify(body.PhoneNumberSet) !== JSON.stringify([`+86${expected.message.to}`])) problems.push('PhoneNumberSet');
  if (body.SmsSdkAppId !== '1400006666') problems.push(`SmsSdkAppId ${String(body.SmsSdkAppId)}`);
  if (body.SignName !== '统一身份认证平台') problems.push(`SignName ${String(body.SignName)}`);
  if (body.TemplateId !== TEMPLATES[expected.message.template]) problems.push(`TemplateId ${String(body.TemplateId)}`);
  if (JSON.stringify(body.TemplateParamSet) !== JSON.stringify(expected.templateParamSet)) problems.push(`TemplateParamSet ${JSON.stringify(body.TemplateParamSet)}`);

  // X-TC-Timestamp: Unix seconds, within five minutes of the server's clock.
  const timestamp = header('x-tc-timestamp');
  if (!/^\d{10}$/.test(timestamp)) problems.push(`X-TC-Timestamp ${timestamp}`);
  else if (Math.abs(Number(timestamp) * 1000 - Date.now()) > 5 * 60_000) problems.push('AuthFailure.SignatureExpire');

  const authorization = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(header('authorization'));
  if (!authorization) {
    problems.push('AuthFailure.InvalidAuthorization');
    return { problems };
  }
  const [, secretId = '', date, service = '', signedHeaders = '', signature] = authorization;
  if (date !== new Date(Number(timestamp) * 1000).toISOString().slice(0, 10)) problems.push(`credential date ${date}`);
  if (service !== 'sms') problems.push(`credential service ${service}`);
  if (!signedHeaders.split(';').includes('content-type') || !signedHeaders.split(';').includes('host')) problems.push(`SignedHeaders ${signedHeaders}`);
  const secretKey = KEYS[secretId];
  if (!secretKey) problems.push('AuthFailure.SecretIdNotFound');
  else {
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
    if (signature !== docSignature({ secretKey, service, timestamp, signedHeaders, headers, payload: request.body })) problems.push('AuthFailure.SignatureFailure');
  }
  return { problems };
}

const requestError = (code: string): VendorAnswer => ({ status: 200, body: JSON.stringify({ Response: { Error: { Code: code, Message: 'refused' }, RequestId: 'ed93f3cb' } }) });
const numberStatus = (code: string): VendorAnswer => ({
  status: 200,
  body: JSON.stringify({ Response: { SendStatusSet: [{ SerialNo: '', PhoneNumber: `+86${PHONE}`, Fee: 0, SessionContext: '', Code: code, Message: 'refused', IsoCode: 'CN' }], RequestId: 'a0aabda6' } }),
});
const ok = numberStatus('Ok');

describe('TC3-HMAC-SHA256 (documented example)', () => {
  it('reproduces the documented CanonicalRequest, StringToSign, Signature and Authorization', () => {
    expect(tc3CanonicalRequest(DOC)).toBe(DOC_CANONICAL_REQUEST);
    expect(tc3StringToSign(DOC)).toBe(DOC_STRING_TO_SIGN);
    expect(tc3Signature(DOC)).toBe(DOC_SIGNATURE);
    expect(tc3Authorization(DOC)).toBe(DOC_AUTHORIZATION);
    expect(tc3Signature({ ...DOC, secretKey: DOC_ZH_SECRET_KEY })).toBe(DOC_ZH_SIGNATURE);
  });

  it('the test verifier, written from the documentation, agrees with the documented example too', () => {
    const input = { secretKey: DOC.secretKey, service: 'cvm', timestamp: '1551113065', signedHeaders: 'content-type;host', headers: { 'content-type': DOC.contentType, host: DOC.host }, payload: DOC.payload };
    expect(docSignature(input)).toBe(DOC_SIGNATURE);
    expect(docSignature({ ...input, secretKey: DOC_ZH_SECRET_KEY })).toBe(DOC_ZH_SIGNATURE);
  });
});

describe('TencentSmsSender against a local server that checks requests as Tencent Cloud documents them', () => {
  let server: VendorTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const config = (url: string, overrides: Partial<TencentSmsConfig> = {}): TencentSmsConfig => ({
    secretId: 'AKIDTestSecretId0001',
    secretKey: KEYS.AKIDTestSecretId0001!,
    sdkAppId: '1400006666',
    signName: '统一身份认证平台',
    templates: TEMPLATES,
    region: 'ap-guangzhou',
    endpoint: url,
    timeoutMs: 2000,
    ...overrides,
  });
  const codeMessage: SmsMessage = { to: PHONE, template: 'login', params: { code: '654321' }, text: '…' };

  async function fakeTencent(expected: Expected, answer: VendorAnswer = ok) {
    const verdicts: Verdict[] = [];
    server = await startVendorTestServer((request) => {
      const verdict = verifyTencentRequest(request, expected);
      verdicts.push(verdict);
      const refusal = verdict.problems.find((problem) => /^[A-Z]\w+\.\w+$/.test(problem));
      if (verdict.problems.length > 0) return requestError(refusal ?? 'InvalidParameter');
      return answer;
    });
    return { url: server.url, verdicts };
  }

  const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as SmsDeliveryError);

  it('sends a code: the request passes every documented check and SendStatusSet[0].Code "Ok" resolves', async () => {
    const fake = await fakeTencent({ message: codeMessage, templateParamSet: ['654321'] });
    await new TencentSmsSender(config(fake.url)).send(codeMessage);
    expect(fake.verdicts.map((verdict) => verdict.problems)).toEqual([[]]);
  });

  it('keeps the path of an endpoint override (an egress proxy routing by prefix); the signature still holds', async () => {
    const fake = await fakeTencent({ message: codeMessage, templateParamSet: ['654321'], path: '/egress/tencent-sms/' });
    await new TencentSmsSender(config(`${fake.url}/egress/tencent-sms`)).send(codeMessage);
    await new TencentSmsSender(config(`${fake.url}/egress/tencent-sms/`)).send(codeMessage);
    expect(fake.verdicts.map((verdict) => verdict.problems)).toEqual([[], []]);
  });

  it('sends a notice with its variables in template order', async () => {
    const message: SmsMessage = { to: PHONE, template: 'notice_phone_changed', params: { time: '1月2日 03:04', extra: 'ignored' }, text: '…' };
    const fake = await fakeTencent({ message, templateParamSet: ['1月2日 03:04'] });
    await new TencentSmsSender(config(fake.url)).send(message);
    expect(fake.verdicts[0]!.problems).toEqual([]);
  });

  it('a wrong secret is caught by the server (AuthFailure.SignatureFailure → misconfigured)', async () => {
    const fake = await fakeTencent({ message: codeMessage, templateParamSet: ['654321'] });
    const error = await failure(new TencentSmsSender(config(fake.url, { secretKey: 'not-the-secret' })).send(codeMessage));
    expect(fake.verdicts[0]!.problems).toEqual(['AuthFailure.SignatureFailure']);
    expect(error).toBeInstanceOf(SmsDeliveryError);
    expect(error).toMatchObject({ kind: 'misconfigured', vendorCode: 'AuthFailure.SignatureFailure' });
  });

  it('an unknown SecretId and a skewed clock are refused by the server and need an operator', async () => {
    const fake = await fakeTencent({ message: codeMessage, templateParamSet: ['654321'] });
    const unknownId = await failure(new TencentSmsSender(config(fake.url, { secretId: 'AKIDNobody' })).send(codeMessage));
    const skewed = await failure(new TencentSmsSender(config(fake.url), { now: () => Date.now() + 10 * 60_000 }).send(codeMessage));
    expect(fake.verdicts.map((verdict) => verdict.problems)).toEqual([['AuthFailure.SecretIdNotFound'], ['AuthFailure.SignatureExpire']]);
    expect(unknownId).toMatchObject({ kind: 'misconfigured', vendorCode: 'AuthFailure.SecretIdNotFound' });
    expect(skewed).toMatchObject({ kind: 'misconfigured', vendorCode: 'AuthFailure.SignatureExpire' });
  });

  it.each([
    ['LimitExceeded.PhoneNumberDailyLimit', 'vendor_limited'],
    ['LimitExceeded.PhoneNumberThirtySecondLimit', 'vendor_limited'],
    ['LimitExceeded.PhoneNumberOneHourLimit', 'vendor_limited'],
    ['InvalidParameterValue.IncorrectPhoneNumber', 'rejected_number'],
    ['FailedOperation.PhoneNumberInBlacklist', 'rejected_number'],
    ['FailedOperation.InsufficientBalanceInSmsPackage', 'misconfigured'],
    ['FailedOperation.TemplateIncorrectOrUnapproved', 'misconfigured'],
    ['FailedOperation.SignatureIncorrectOrUnapproved', 'misconfigured'],
    ['InternalError.Timeout', 'unavailable'],
    ['InternalError.SomethingNew', 'unavailable'],
  ] as const)('maps the per-number Code %s to %s', async (code, kind) => {
    const fake = await fakeTencent({ message: codeMessage, templateParamSet: ['654321'] }, numberStatus(code));
    const error = await failure(new TencentSmsSender(config(fake.url)).send(codeMessage));
    expect(fake.verdicts[0]!.problems).toEqual([]);
    expect(error).toMatchObject({ kind, vendorCode: code });
  });

  it.each([
    ['UnauthorizedOperation.SmsSdkAppIdVerifyFail', 'misconfigured'],
    ['InvalidParameterValue.SdkAppIdNotExist', 'misconfigured'],
    ['RequestLimitExceeded', 'unavailable'],
    ['InternalError', 'unavailable'],
    ['FailedOperation.SomethingNew', 'misconfigured'],
  ] as const)('maps the request error %s to %s', async (code, kind) => {
    const fake = await fakeTencent({ message: codeMessage, templateParamSet: ['654321'] }, requestError(code));
    const error = await failure(new TencentSmsSender(config(fake.url)).send(codeMessage));
    expect(error).toMatchObject({ kind, vendorCode: code });
  });

  it.each([
    ['an HTTP 500', { status: 500, body: '{"Response":{}}' }, 'http_500'],
    ['an HTTP 502 page', { status: 502, body: '<html>bad gateway</html>', contentType: 'text/html' }, 'http_502'],
    ['a body that is not JSON', { status: 200, body: 'ok', contentType: 'text/plain' }, 'http_200_not_json'],
    ['an empty SendStatusSet', { status: 200, body: '{"Response":{"SendStatusSet":[],"RequestId":"x"}}' }, 'unexpected_answer'],
  ] as const)('treats %s as unavailable', async (_, answer, vendorCode) => {
    const fake = await fakeTencent({ message: codeMessage, templateParamSet: ['654321'] }, answer);
    const error = await failure(new TencentSmsSender(config(fake.url)).send(codeMessage));
    expect(error).toMatchObject({ kind: 'unavailable', vendorCode });
  });

  it('gives up after its timeout when Tencent never answers', async () => {
    const fake = await fakeTencent({ message: codeMessage, templateParamSet: ['654321'] }, 'hang');
    const error = await failure(new TencentSmsSender(config(fake.url, { timeoutMs: 200 })).send(codeMessage));
    expect(error).toMatchObject({ kind: 'unavailable', vendorCode: 'timeout' });
  });

  it('never puts the phone number or the secret into its errors', async () => {
    const fake = await fakeTencent({ message: codeMessage, templateParamSet: ['654321'] }, numberStatus('InvalidParameterValue.IncorrectPhoneNumber'));
    const errors = [
      await failure(new TencentSmsSender(config(fake.url)).send(codeMessage)),
      await failure(new TencentSmsSender(config(fake.url, { secretKey: 'wrong-secret' })).send(codeMessage)),
    ];
    for (const error of errors) {
      const everything = `${error?.message} ${error?.stack} ${JSON.stringify(error)} ${JSON.stringify(error?.cause)}`;
      expect(everything).not.toContain(PHONE);
      expect(everything).not.toContain(KEYS.AKIDTestSecretId0001);
      expect(everything).not.toContain('wrong-secret');
    }
  });
});

describe('Tencent error codes', () => {
  it('names every kind; unknown codes fall back by family', () => {
    expect(new Set(Object.values(TENCENT_ERROR_KINDS))).toEqual(new Set(['rejected_number', 'vendor_limited', 'misconfigured', 'unavailable']));
    expect(tencentFailureKind('LimitExceeded.PhoneNumberSomethingNew')).toBe('vendor_limited');
    expect(tencentFailureKind('RequestLimitExceeded.UinLimitExceeded')).toBe('unavailable');
    expect(tencentFailureKind('UnauthorizedOperation.SomethingNew')).toBe('misconfigured');
  });
});
