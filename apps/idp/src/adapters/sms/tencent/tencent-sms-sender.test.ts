import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../../../test/support/closed-after-each.ts';
import { expectNothingDisclosed } from '../../../../test/support/error-disclosure.ts';
import { SmsDeliveryError, type SmsMessage, type SmsTemplateName } from '../../../ports/sms-sender.ts';
import { startVendorTestServer, type ReceivedRequest, type VendorAnswer } from '../../../../test/support/vendor-test-server.ts';
import { TENCENT_ERROR_KINDS, tencentFailureKind } from './tencent-error-codes.ts';
import { TencentSmsSender, type TencentSmsConfig } from './tencent-sms-sender.ts';
import { tencentSignatureProblems } from '../../../../test/support/vendor-signatures.ts';

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
  if (JSON.stringify(Object.keys(body).sort()) !== JSON.stringify(['PhoneNumberSet', 'SignName', 'SmsSdkAppId', 'TemplateId', 'TemplateParamSet']))
    problems.push(`body keys ${Object.keys(body).join(',')}`);
  if (JSON.stringify(body.PhoneNumberSet) !== JSON.stringify([`+86${expected.message.to}`])) problems.push('PhoneNumberSet');
  if (body.SmsSdkAppId !== '1400006666') problems.push(`SmsSdkAppId ${String(body.SmsSdkAppId)}`);
  if (body.SignName !== '统一身份认证平台') problems.push(`SignName ${String(body.SignName)}`);
  if (body.TemplateId !== TEMPLATES[expected.message.template]) problems.push(`TemplateId ${String(body.TemplateId)}`);
  if (JSON.stringify(body.TemplateParamSet) !== JSON.stringify(expected.templateParamSet)) problems.push(`TemplateParamSet ${JSON.stringify(body.TemplateParamSet)}`);

  problems.push(...tencentSignatureProblems(request, { service: 'sms', keys: KEYS }));
  return { problems };
}

const requestError = (code: string): VendorAnswer => ({ status: 200, body: JSON.stringify({ Response: { Error: { Code: code, Message: 'refused' }, RequestId: 'ed93f3cb' } }) });
const numberStatus = (code: string): VendorAnswer => ({
  status: 200,
  body: JSON.stringify({
    Response: { SendStatusSet: [{ SerialNo: '', PhoneNumber: `+86${PHONE}`, Fee: 0, SessionContext: '', Code: code, Message: 'refused', IsoCode: 'CN' }], RequestId: 'a0aabda6' },
  }),
});
const ok = numberStatus('Ok');

describe('TencentSmsSender against a local server that checks requests as Tencent Cloud documents them', () => {
  const track = closedAfterEach();

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
    const server = track(
      await startVendorTestServer((request) => {
        const verdict = verifyTencentRequest(request, expected);
        verdicts.push(verdict);
        const refusal = verdict.problems.find((problem) => /^[A-Z]\w+\.\w+$/.test(problem));
        if (verdict.problems.length > 0) return requestError(refusal ?? 'InvalidParameter');
        return answer;
      }),
    );
    return { url: server.url, verdicts };
  }

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error as SmsDeliveryError,
    );

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
    const errors = [await failure(new TencentSmsSender(config(fake.url)).send(codeMessage)), await failure(new TencentSmsSender(config(fake.url, { secretKey: 'wrong-secret' })).send(codeMessage))];
    for (const error of errors) {
      expectNothingDisclosed(error, [PHONE, KEYS.AKIDTestSecretId0001!, 'wrong-secret']);
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
