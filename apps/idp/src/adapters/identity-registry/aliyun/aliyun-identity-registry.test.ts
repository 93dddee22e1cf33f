import { afterEach, describe, expect, it } from 'vitest';
import { expectNothingDisclosed } from '../../../../test/support/error-disclosure.ts';
import { VendorCallError } from '../../../ports/vendor-call-error.ts';
import { recordedVendorCalls } from '../../../../test/support/recorded-vendor-calls.ts';
import { aliyunFormParams, aliyunGatewayRefusal, aliyunSignatureProblems } from '../../../../test/support/vendor-signatures.ts';
import { startVendorTestServer, type ReceivedRequest, type VendorAnswer, type VendorTestServer } from '../../../../test/support/vendor-test-server.ts';
import { ALIYUN_BIZ_CODES, ALIYUN_CLOUDAUTH_ERROR_KINDS, aliyunCloudauthFailureKind } from './aliyun-identity-codes.ts';
import { AliyunIdentityRegistry, type AliyunIdentityConfig } from './aliyun-identity-registry.ts';

const KEYS: Record<string, string> = { LTAI5tIdentityTest: 'the-secret-of-the-identity-test' };
const PERSON = { name: '张三', idType: 'resident_id' as const, idNumber: '11010519491231002X' };
const EXPECTED_PARAMS = ['AccessKeyId', 'Action', 'Format', 'IdentifyNum', 'ParamType', 'Signature', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'Timestamp', 'UserName', 'Version'];

/** Checks one request as the Id2MetaVerify page and the RPC signature document it; returns Aliyun's codes for what is wrong. */
function verifyId2MetaVerify(request: ReceivedRequest, seenNonces: Set<string>): string[] {
  const problems: string[] = [];
  if (request.method !== 'POST' || request.path !== '/') problems.push(`request ${request.method} ${request.path}`);
  if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) problems.push(`content-type ${request.headers['content-type']}`);
  const params = aliyunFormParams(request.body, problems);
  if (JSON.stringify(Object.keys(params).sort()) !== JSON.stringify(EXPECTED_PARAMS)) problems.push('MissingParameter');
  const fixed = { Action: 'Id2MetaVerify', Version: '2019-03-07', Format: 'JSON', ParamType: 'normal', IdentifyNum: PERSON.idNumber, UserName: PERSON.name };
  for (const [name, value] of Object.entries(fixed)) if (params[name] !== value) problems.push(`${name}=${params[name]}`);
  problems.push(...aliyunSignatureProblems(params, KEYS, seenNonces));
  return problems;
}

const bizCode = (code: string | number): VendorAnswer => ({
  status: 200,
  body: JSON.stringify({ RequestId: '4924E5D4-874C-5062-9E37-992D85EDDFAE', Code: '200', Message: 'success', ResultObject: { BizCode: code } }),
});
const vendorError = (code: string, status = 200): VendorAnswer => ({ status, body: JSON.stringify({ RequestId: '24394B83', HostId: 'cloudauth.aliyuncs.com', Code: code, Message: 'refused' }) });

describe('AliyunIdentityRegistry against a local server that checks requests as Aliyun documents them', () => {
  let server: VendorTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function fakeAliyun(...answers: VendorAnswer[]) {
    const verdicts: string[][] = [];
    const seenNonces = new Set<string>();
    server = await startVendorTestServer((request) => {
      const problems = verifyId2MetaVerify(request, seenNonces);
      verdicts.push(problems);
      if (problems.length > 0) return aliyunGatewayRefusal(problems, 'cloudauth.aliyuncs.com');
      return answers[Math.min(verdicts.length - 1, answers.length - 1)]!;
    });
    return { url: server.url, verdicts };
  }

  const registry = (url: string, overrides: Partial<AliyunIdentityConfig> = {}, now?: () => number) => {
    const metrics = recordedVendorCalls();
    const config: AliyunIdentityConfig = { accessKeyId: 'LTAI5tIdentityTest', accessKeySecret: KEYS.LTAI5tIdentityTest!, endpoint: url, timeoutMs: 2000, ...overrides };
    return { metrics, registry: new AliyunIdentityRegistry(config, { metrics, now }) };
  };
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error as VendorCallError,
    );

  it.each([
    ['1', 'match'],
    ['2', 'mismatch'],
    ['3', 'not_found'],
    [1, 'match'],
  ] as const)('BizCode %j is the verdict %s; the request passes every documented check and is counted', async (code, verdict) => {
    const fake = await fakeAliyun(bizCode(code));
    const { registry: aliyun, metrics } = registry(fake.url);
    expect(await aliyun.verify(PERSON)).toBe(verdict);
    expect(fake.verdicts).toEqual([[]]);
    expect(metrics.calls).toEqual([{ vendor: 'aliyun', api: 'Id2MetaVerify', outcome: 'ok' }]);
  });

  it('retries once (with a fresh nonce) when Aliyun or the authority fails, then reports unavailable', async () => {
    const recovers = await fakeAliyun(vendorError('500'), bizCode('1'));
    const first = registry(recovers.url);
    expect(await first.registry.verify(PERSON)).toBe('match');
    expect(recovers.verdicts).toEqual([[], []]);
    expect(first.metrics.calls.map((call) => call.outcome)).toEqual(['unavailable', 'ok']);
    await server!.close();

    const stays = await fakeAliyun({ status: 503, body: '<html>busy</html>', contentType: 'text/html' });
    expect(await failure(registry(stays.url).registry.verify(PERSON))).toMatchObject({ kind: 'unavailable', vendorCode: 'http_503' });
    expect(stays.verdicts).toHaveLength(2);
  });

  it('a wrong secret, an unknown AccessKey and a stale clock are refused by the gateway and need an operator', async () => {
    const fake = await fakeAliyun(bizCode('1'));
    expect(await failure(registry(fake.url, { accessKeySecret: 'not-the-secret' }).registry.verify(PERSON))).toMatchObject({ kind: 'misconfigured', vendorCode: 'SignatureDoesNotMatch' });
    expect(await failure(registry(fake.url, { accessKeyId: 'LTAI5tNobody' }).registry.verify(PERSON))).toMatchObject({ kind: 'misconfigured', vendorCode: 'InvalidAccessKeyId.NotFound' });
    expect(await failure(registry(fake.url, {}, () => Date.now() - 3600_000).registry.verify(PERSON))).toMatchObject({ kind: 'misconfigured', vendorCode: 'InvalidTimeStamp.Expired' });
    expect(fake.verdicts).toEqual([['SignatureDoesNotMatch'], ['InvalidAccessKeyId.NotFound'], ['InvalidTimeStamp.Expired']]);
  });

  it.each([
    ['401', 'refused', 1],
    ['Forbidden.ExceptionRepeatedInvoke', 'refused', 1],
    ['410', 'misconfigured', 1],
    ['412', 'misconfigured', 1],
    ['Forbidden.RAMUserAccessDenied', 'misconfigured', 1],
    ['Throttling.User', 'unavailable', 2],
    ['SomethingNew', 'misconfigured', 1],
  ] as const)('maps Code %s to %s (%i call)', async (code, kind, calls) => {
    const fake = await fakeAliyun(vendorError(code, code === '401' ? 400 : 200));
    expect(await failure(registry(fake.url).registry.verify(PERSON))).toMatchObject({ kind, vendorCode: code });
    expect(fake.verdicts).toHaveLength(calls);
  });

  it('an undocumented BizCode is refused without a retry; JSON without Code is unavailable', async () => {
    const fake = await fakeAliyun(bizCode('9'));
    expect(await failure(registry(fake.url).registry.verify(PERSON))).toMatchObject({ kind: 'refused', vendorCode: 'biz_code_9' });
    expect(fake.verdicts).toHaveLength(1);
    await server!.close();
    const other = await fakeAliyun({ status: 200, body: '{"RequestId":"x"}' });
    expect(await failure(registry(other.url).registry.verify(PERSON))).toMatchObject({ kind: 'unavailable', vendorCode: 'unexpected_answer' });
  });

  it('gives up after its timeout, without a second (possibly billed) call', async () => {
    const fake = await fakeAliyun('hang');
    const { registry: aliyun, metrics } = registry(fake.url, { timeoutMs: 200 });
    expect(await failure(aliyun.verify(PERSON))).toMatchObject({ kind: 'timeout' });
    // One recorded call is one attempt.
    expect(metrics.calls).toEqual([{ vendor: 'aliyun', api: 'Id2MetaVerify', outcome: 'timeout' }]);
  });

  it('is reachable when the endpoint answers anything (unsigned GET), and not when nothing listens', async () => {
    const fake = await fakeAliyun(bizCode('1'));
    const { registry: aliyun } = registry(fake.url);
    await aliyun.checkReachable();
    expect(server!.requests.map((request) => [request.method, request.body])).toEqual([['GET', '']]);
    await server!.close();
    server = undefined;
    await expect(aliyun.checkReachable()).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('never puts the name, the ID number or the secret into its errors', async () => {
    const fake = await fakeAliyun(vendorError('401', 400));
    const errors = [await failure(registry(fake.url).registry.verify(PERSON)), await failure(registry(fake.url, { accessKeySecret: 'wrong-secret' }).registry.verify(PERSON))];
    for (const error of errors) {
      expect(error).toBeInstanceOf(VendorCallError);
      expectNothingDisclosed(error, [PERSON.name, PERSON.idNumber, KEYS.LTAI5tIdentityTest!, 'wrong-secret']);
    }
  });
});

describe('Aliyun Id2MetaVerify codes', () => {
  it('every documented BizCode has a verdict; every kind is used; unknown codes need an operator', () => {
    expect(ALIYUN_BIZ_CODES).toEqual({ '1': 'match', '2': 'mismatch', '3': 'not_found' });
    expect(new Set(Object.values(ALIYUN_CLOUDAUTH_ERROR_KINDS))).toEqual(new Set(['refused', 'misconfigured', 'unavailable']));
    expect(aliyunCloudauthFailureKind('isv.NEVER_HEARD_OF_IT')).toBe('misconfigured');
  });
});
