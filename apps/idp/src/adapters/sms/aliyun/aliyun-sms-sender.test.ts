import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../../../test/support/closed-after-each.ts';
import { expectNothingDisclosed } from '../../../../test/support/error-disclosure.ts';
import { SmsDeliveryError, type SmsMessage, type SmsTemplateName } from '../../../ports/sms-sender.ts';
import { startVendorTestServer, type ReceivedRequest, type VendorAnswer } from '../../../../test/support/vendor-test-server.ts';
import { ALIYUN_ERROR_KINDS, aliyunFailureKind } from './aliyun-error-codes.ts';
import { AliyunSmsSender, type AliyunSmsConfig } from './aliyun-sms-sender.ts';
import { aliyunFormParams, aliyunGatewayRefusal, aliyunSignatureProblems } from '../../../../test/support/vendor-signatures.ts';

const KEYS: Record<string, string> = { LTAI5tTestKeyId: 'the-real-secret-of-the-test-account' };
const TEMPLATES: Record<SmsTemplateName, string> = {
  register: 'SMS_100000001',
  login: 'SMS_100000002',
  reset_password: 'SMS_100000003',
  change_phone: 'SMS_100000004',
  notice_password_reset: 'SMS_100000005',
  notice_phone_changed: 'SMS_100000006',
};
const PHONE = '13912345678';
const EXPECTED_PARAMS = [
  'AccessKeyId',
  'Action',
  'Format',
  'PhoneNumbers',
  'RegionId',
  'SignName',
  'Signature',
  'SignatureMethod',
  'SignatureNonce',
  'SignatureVersion',
  'TemplateCode',
  'TemplateParam',
  'Timestamp',
  'Version',
];

interface Verdict {
  problems: string[];
  params: Record<string, string>;
}

/** Checks one request as Aliyun documents SendSms; returns what is wrong (empty when all is right). */
function verifyAliyunRequest(request: ReceivedRequest, expected: { message: SmsMessage; templateParam: Record<string, string> }, seenNonces: Set<string>): Verdict {
  const problems: string[] = [];
  if (request.method !== 'POST') problems.push(`method ${request.method}`);
  if (request.path !== '/') problems.push(`path ${request.path}`);
  if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) problems.push(`content-type ${request.headers['content-type']}`);

  const params = aliyunFormParams(request.body, problems);
  if (JSON.stringify(Object.keys(params).sort()) !== JSON.stringify(EXPECTED_PARAMS)) problems.push(`parameters ${Object.keys(params).sort().join(',')}`);

  const fixed = { Action: 'SendSms', Version: '2017-05-25', Format: 'JSON', RegionId: 'cn-hangzhou', SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0' };
  for (const [name, value] of Object.entries(fixed)) if (params[name] !== value) problems.push(`${name}=${params[name]}`);
  if (params.PhoneNumbers !== expected.message.to) problems.push('PhoneNumbers');
  if (params.SignName !== '统一身份认证平台（演示）') problems.push(`SignName=${params.SignName}`);
  if (params.TemplateCode !== TEMPLATES[expected.message.template]) problems.push(`TemplateCode=${params.TemplateCode}`);
  try {
    expect(JSON.parse(params.TemplateParam ?? '')).toEqual(expected.templateParam);
  } catch {
    problems.push(`TemplateParam=${params.TemplateParam}`);
  }

  problems.push(...aliyunSignatureProblems(params, KEYS, seenNonces));
  return { problems, params };
}

const gatewayRefusal = (problems: string[]) => aliyunGatewayRefusal(problems, 'dysmsapi.aliyuncs.com');

const ok: VendorAnswer = { status: 200, body: JSON.stringify({ Message: 'OK', RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990', Code: 'OK', BizId: '900619746936498440^0' }) };
const vendorError = (code: string, status = 200): VendorAnswer => ({ status, body: JSON.stringify({ Message: 'refused', RequestId: 'F655A8D5', Code: code }) });

describe('AliyunSmsSender against a local server that checks requests as Aliyun documents them', () => {
  const track = closedAfterEach();

  const config = (url: string, overrides: Partial<AliyunSmsConfig> = {}): AliyunSmsConfig => ({
    accessKeyId: 'LTAI5tTestKeyId',
    accessKeySecret: KEYS.LTAI5tTestKeyId!,
    signName: '统一身份认证平台（演示）',
    templates: TEMPLATES,
    endpoint: url,
    timeoutMs: 2000,
    ...overrides,
  });
  const codeMessage: SmsMessage = { to: PHONE, template: 'register', params: { code: '012345' }, text: '【统一身份认证平台（演示）】…012345…' };

  /** A fake Aliyun: verifies, then answers `answer` when the request is right. */
  async function fakeAliyun(expected: { message: SmsMessage; templateParam: Record<string, string> }, answer: VendorAnswer = ok) {
    const verdicts: Verdict[] = [];
    const seenNonces = new Set<string>();
    const server = track(
      await startVendorTestServer((request) => {
        const verdict = verifyAliyunRequest(request, expected, seenNonces);
        verdicts.push(verdict);
        return verdict.problems.length > 0 ? gatewayRefusal(verdict.problems) : answer;
      }),
    );
    return { url: server.url, verdicts, close: () => server.close() };
  }

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error as SmsDeliveryError,
    );

  it('sends a code: the request passes every documented check and Code OK resolves', async () => {
    const fake = await fakeAliyun({ message: codeMessage, templateParam: { code: '012345' } });
    const sender = new AliyunSmsSender(config(fake.url));
    await sender.send(codeMessage);
    await sender.send(codeMessage); // a second request gets a fresh nonce
    expect(fake.verdicts.map((verdict) => verdict.problems)).toEqual([[], []]);
    expect(fake.verdicts[0]!.params.SignatureNonce).not.toBe(fake.verdicts[1]!.params.SignatureNonce);
  });

  it('sends a notice with its named variables (a space and Chinese in the value)', async () => {
    const message: SmsMessage = { to: PHONE, template: 'notice_password_reset', params: { time: '11月26日 23:22' }, text: '…' };
    const fake = await fakeAliyun({ message, templateParam: { time: '11月26日 23:22' } });
    await new AliyunSmsSender(config(fake.url)).send(message);
    expect(fake.verdicts[0]!.problems).toEqual([]);
  });

  it('a wrong secret is caught by the server (SignatureDoesNotMatch → misconfigured)', async () => {
    const fake = await fakeAliyun({ message: codeMessage, templateParam: { code: '012345' } });
    const error = await failure(new AliyunSmsSender(config(fake.url, { accessKeySecret: 'not-the-secret' })).send(codeMessage));
    expect(fake.verdicts[0]!.problems).toEqual(['SignatureDoesNotMatch']);
    expect(error).toBeInstanceOf(SmsDeliveryError);
    expect(error).toMatchObject({ kind: 'misconfigured', vendorCode: 'SignatureDoesNotMatch' });
  });

  it('an unknown AccessKey and a stale clock are refused by the server and need an operator', async () => {
    const fake = await fakeAliyun({ message: codeMessage, templateParam: { code: '012345' } });
    const unknownKey = await failure(new AliyunSmsSender(config(fake.url, { accessKeyId: 'LTAI5tNobody' })).send(codeMessage));
    const stale = await failure(new AliyunSmsSender(config(fake.url), { now: () => Date.now() - 3600_000 }).send(codeMessage));
    expect(fake.verdicts.map((verdict) => verdict.problems)).toEqual([['InvalidAccessKeyId.NotFound'], ['InvalidTimeStamp.Expired']]);
    expect(unknownKey).toMatchObject({ kind: 'misconfigured', vendorCode: 'InvalidAccessKeyId.NotFound' });
    expect(stale).toMatchObject({ kind: 'misconfigured', vendorCode: 'InvalidTimeStamp.Expired' });
  });

  it.each([
    ['isv.MOBILE_NUMBER_ILLEGAL', 'rejected_number'],
    ['isv.BUSINESS_LIMIT_CONTROL', 'vendor_limited'],
    ['isv.DAY_LIMIT_CONTROL', 'misconfigured'],
    ['isv.AMOUNT_NOT_ENOUGH', 'misconfigured'],
    ['isv.SMS_TEMPLATE_ILLEGAL', 'misconfigured'],
    ['isv.SMS_SIGNATURE_ILLEGAL', 'misconfigured'],
    ['isp.RAM_PERMISSION_DENY', 'misconfigured'],
    ['isp.SYSTEM_ERROR', 'unavailable'],
    ['isv.SOMETHING_NEW', 'misconfigured'],
  ] as const)('maps Code %s to %s', async (code, kind) => {
    const fake = await fakeAliyun({ message: codeMessage, templateParam: { code: '012345' } }, vendorError(code));
    const error = await failure(new AliyunSmsSender(config(fake.url)).send(codeMessage));
    expect(fake.verdicts[0]!.problems).toEqual([]);
    expect(error).toMatchObject({ kind, vendorCode: code });
  });

  it.each([
    ['an HTTP 500', { status: 500, body: JSON.stringify({ Code: 'isp.SYSTEM_ERROR' }) }, 'http_500'],
    ['an HTTP 503 page', { status: 503, body: '<html>busy</html>', contentType: 'text/html' }, 'http_503'],
    ['a body that is not JSON', { status: 200, body: '<?xml version="1.0"?><SendSmsResponse/>', contentType: 'text/xml' }, 'http_200_not_json'],
    ['JSON without a Code', { status: 200, body: '{"RequestId":"x"}' }, 'unexpected_answer'],
  ] as const)('treats %s as unavailable', async (_, answer, vendorCode) => {
    const fake = await fakeAliyun({ message: codeMessage, templateParam: { code: '012345' } }, answer);
    const error = await failure(new AliyunSmsSender(config(fake.url)).send(codeMessage));
    expect(error).toMatchObject({ kind: 'unavailable', vendorCode });
  });

  it('gives up after its timeout when Aliyun never answers', async () => {
    const fake = await fakeAliyun({ message: codeMessage, templateParam: { code: '012345' } }, 'hang');
    const error = await failure(new AliyunSmsSender(config(fake.url, { timeoutMs: 200 })).send(codeMessage));
    expect(error).toMatchObject({ kind: 'unavailable', vendorCode: 'timeout' });
    expect(fake.verdicts).toHaveLength(1);
  });

  it('treats a refused connection as unavailable', async () => {
    const fake = await fakeAliyun({ message: codeMessage, templateParam: { code: '012345' } });
    await fake.close();
    const error = await failure(new AliyunSmsSender(config(fake.url)).send(codeMessage));
    expect(error).toMatchObject({ kind: 'unavailable', vendorCode: 'network' });
  });

  it('never puts the phone number or the secret into its errors', async () => {
    const fake = await fakeAliyun({ message: codeMessage, templateParam: { code: '012345' } }, vendorError('isv.MOBILE_NUMBER_ILLEGAL'));
    const errors = [
      await failure(new AliyunSmsSender(config(fake.url)).send(codeMessage)),
      await failure(new AliyunSmsSender(config(fake.url, { accessKeySecret: 'wrong-secret' })).send(codeMessage)),
    ];
    for (const error of errors) {
      expectNothingDisclosed(error, [PHONE, KEYS.LTAI5tTestKeyId!, 'wrong-secret']);
    }
  });
});

describe('Aliyun error codes', () => {
  it('names every kind and defaults unknown codes to an operator problem', () => {
    expect(new Set(Object.values(ALIYUN_ERROR_KINDS))).toEqual(new Set(['rejected_number', 'vendor_limited', 'misconfigured', 'unavailable']));
    expect(aliyunFailureKind('isv.NEVER_HEARD_OF_IT')).toBe('misconfigured');
  });
});
