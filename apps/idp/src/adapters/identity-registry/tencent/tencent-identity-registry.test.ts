import { afterEach, describe, expect, it } from 'vitest';
import { expectNothingDisclosed } from '../../../../test/support/error-disclosure.ts';
import { VendorCallError } from '../../../ports/vendor-call-error.ts';
import { recordedVendorCalls } from '../../../../test/support/recorded-vendor-calls.ts';
import { tencentSignatureProblems } from '../../../../test/support/vendor-signatures.ts';
import { startVendorTestServer, type ReceivedRequest, type VendorAnswer, type VendorTestServer } from '../../../../test/support/vendor-test-server.ts';
import { TENCENT_FACEID_ERROR_KINDS, TENCENT_ID_CARD_RESULTS, tencentFaceIdFailureKind } from './tencent-identity-codes.ts';
import { TencentIdentityRegistry, type TencentIdentityConfig } from './tencent-identity-registry.ts';

const KEYS: Record<string, string> = { AKIDIdentityTest0001: 'the-secret-key-of-the-identity-test' };
const PERSON = { name: '韦小宝', idType: 'resident_id' as const, idNumber: '11204416541220243X' };

/** Checks one request as the IdCardVerification page and API 3.0 signing document it; returns Tencent's codes for what is wrong. */
function verifyIdCardVerification(request: ReceivedRequest): string[] {
  const problems: string[] = [];
  const header = (name: string) => String(request.headers[name] ?? '');
  if (request.method !== 'POST' || request.path !== '/') problems.push(`request ${request.method} ${request.path}`);
  if (header('content-type') !== 'application/json; charset=utf-8') problems.push(`content-type ${header('content-type')}`);
  if (header('x-tc-action') !== 'IdCardVerification') problems.push('InvalidAction');
  if (header('x-tc-version') !== '2018-03-01') problems.push(`X-TC-Version ${header('x-tc-version')}`);
  if (request.headers['x-tc-region'] !== undefined) problems.push('X-TC-Region is not used by IdCardVerification');
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(request.body) as Record<string, unknown>;
  } catch {
    problems.push('InvalidParameter');
  }
  if (JSON.stringify(Object.keys(body).sort()) !== '["IdCard","Name"]' || body.IdCard !== PERSON.idNumber || body.Name !== PERSON.name) problems.push('InvalidParameterValue');
  problems.push(...tencentSignatureProblems(request, { service: 'faceid', keys: KEYS }));
  return problems;
}

const result = (code: string): VendorAnswer => ({ status: 200, body: JSON.stringify({ Response: { Result: code, Description: '…', RequestId: '94b54cdf-d975-4718-b091-32f8d79d6397' } }) });
const requestError = (code: string): VendorAnswer => ({ status: 200, body: JSON.stringify({ Response: { Error: { Code: code, Message: 'refused' }, RequestId: 'ed93f3cb' } }) });

describe('TencentIdentityRegistry against a local server that checks requests as Tencent Cloud documents them', () => {
  let server: VendorTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** A fake FaceID: verifies every request; answers the next of `answers` (the last repeats) when it is right. */
  async function fakeTencent(...answers: VendorAnswer[]) {
    const verdicts: string[][] = [];
    server = await startVendorTestServer((request) => {
      const problems = verifyIdCardVerification(request);
      verdicts.push(problems);
      if (problems.length > 0) return requestError(problems.find((problem) => /^[A-Z]\w+(\.\w+)?$/.test(problem)) ?? 'InvalidParameter');
      return answers[Math.min(verdicts.length - 1, answers.length - 1)]!;
    });
    return { url: server.url, verdicts };
  }

  const config = (url: string, overrides: Partial<TencentIdentityConfig> = {}): TencentIdentityConfig => ({
    secretId: 'AKIDIdentityTest0001',
    secretKey: KEYS.AKIDIdentityTest0001!,
    endpoint: url,
    timeoutMs: 2000,
    ...overrides,
  });
  const registry = (url: string, overrides: Partial<TencentIdentityConfig> = {}, now?: () => number) => {
    const metrics = recordedVendorCalls();
    return { metrics, registry: new TencentIdentityRegistry(config(url, overrides), { metrics, now }) };
  };
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error as VendorCallError,
    );

  it.each([
    ['0', 'match'],
    ['-1', 'mismatch'],
    ['-2', 'not_found'],
    ['-3', 'mismatch'],
    ['-5', 'not_found'],
  ] as const)('Result %s is the verdict %s; the request passes every documented check and is counted', async (code, verdict) => {
    const fake = await fakeTencent(result(code));
    const { registry: tencent, metrics } = registry(fake.url);
    expect(await tencent.verify(PERSON)).toBe(verdict);
    expect(fake.verdicts).toEqual([[]]);
    expect(metrics.calls).toEqual([{ vendor: 'tencent', api: 'IdCardVerification', outcome: 'ok' }]);
  });

  it('retries once when the authority is down (-4, -6: not billed), then reports unavailable', async () => {
    const recovers = await fakeTencent(result('-4'), result('0'));
    const first = registry(recovers.url);
    expect(await first.registry.verify(PERSON)).toBe('match');
    expect(first.metrics.calls.map((call) => call.outcome)).toEqual(['unavailable', 'ok']);
    await server!.close();

    const stays = await fakeTencent(result('-6'));
    const second = registry(stays.url);
    expect(await failure(second.registry.verify(PERSON))).toMatchObject({ kind: 'unavailable', vendorCode: '-6' });
    expect(stays.verdicts).toHaveLength(2);
  });

  it('the daily limit (-7) and an undocumented result are refused without a retry', async () => {
    const fake = await fakeTencent(result('-7'));
    expect(await failure(registry(fake.url).registry.verify(PERSON))).toMatchObject({ kind: 'refused', vendorCode: '-7' });
    await server!.close();
    const other = await fakeTencent(result('-99'));
    expect(await failure(registry(other.url).registry.verify(PERSON))).toMatchObject({ kind: 'refused', vendorCode: 'result_-99' });
    expect(fake.verdicts).toHaveLength(1);
    expect(other.verdicts).toHaveLength(1);
  });

  it('a wrong secret, an unknown SecretId and a skewed clock are caught by the server and need an operator', async () => {
    const fake = await fakeTencent(result('0'));
    const wrongSecret = registry(fake.url, { secretKey: 'not-the-secret' });
    expect(await failure(wrongSecret.registry.verify(PERSON))).toMatchObject({ kind: 'misconfigured', vendorCode: 'AuthFailure.SignatureFailure' });
    expect(await failure(registry(fake.url, { secretId: 'AKIDNobody' }).registry.verify(PERSON))).toMatchObject({ kind: 'misconfigured', vendorCode: 'AuthFailure.SecretIdNotFound' });
    expect(await failure(registry(fake.url, {}, () => Date.now() + 10 * 60_000).registry.verify(PERSON))).toMatchObject({ kind: 'misconfigured', vendorCode: 'AuthFailure.SignatureExpire' });
    expect(fake.verdicts).toEqual([['AuthFailure.SignatureFailure'], ['AuthFailure.SecretIdNotFound'], ['AuthFailure.SignatureExpire']]);
    expect(wrongSecret.metrics.calls).toEqual([{ vendor: 'tencent', api: 'IdCardVerification', outcome: 'misconfigured' }]);
  });

  it.each([
    ['UnauthorizedOperation.Arrears', 'misconfigured'],
    ['UnauthorizedOperation.Nonactivated', 'misconfigured'],
    ['InternalError', 'unavailable'],
    ['RequestLimitExceeded', 'unavailable'],
  ] as const)('maps the request error %s to %s', async (code, kind) => {
    const fake = await fakeTencent(requestError(code));
    expect(await failure(registry(fake.url).registry.verify(PERSON))).toMatchObject({ kind, vendorCode: code });
    expect(fake.verdicts).toHaveLength(kind === 'unavailable' ? 2 : 1);
  });

  it.each([
    ['an HTTP 502 page', { status: 502, body: '<html>bad gateway</html>', contentType: 'text/html' }, 'http_502'],
    ['a body that is not JSON', { status: 200, body: 'ok', contentType: 'text/plain' }, 'http_200_not_json'],
    ['a Response without a Result', { status: 200, body: '{"Response":{"RequestId":"x"}}' }, 'unexpected_answer'],
  ] as const)('treats %s as unavailable (retried once)', async (_, answer, vendorCode) => {
    const fake = await fakeTencent(answer);
    expect(await failure(registry(fake.url).registry.verify(PERSON))).toMatchObject({ kind: 'unavailable', vendorCode });
    expect(fake.verdicts).toHaveLength(2);
  });

  it('gives up after its timeout when Tencent never answers, without a second (possibly billed) call', async () => {
    const fake = await fakeTencent('hang');
    const { registry: tencent, metrics } = registry(fake.url, { timeoutMs: 200 });
    expect(await failure(tencent.verify(PERSON))).toMatchObject({ kind: 'timeout', vendorCode: 'timeout' });
    // One recorded call is one attempt (the server may not even have seen it before the timeout on a busy machine).
    expect(metrics.calls).toEqual([{ vendor: 'tencent', api: 'IdCardVerification', outcome: 'timeout' }]);
  });

  it('checks documents other than the resident ID card nowhere: not_found, no call', async () => {
    const fake = await fakeTencent(result('0'));
    expect(await registry(fake.url).registry.verify({ name: 'CHAN TAI MAN', idType: 'hk_macao_permit', idNumber: 'H12345678' })).toBe('not_found');
    expect(fake.verdicts).toEqual([]);
  });

  it('is reachable when the endpoint answers anything (an unsigned GET: nothing billed), and not when nothing listens', async () => {
    const fake = await fakeTencent(result('0'));
    const { registry: tencent } = registry(fake.url);
    await tencent.checkReachable();
    expect(server!.requests.map((request) => [request.method, request.headers.authorization])).toEqual([['GET', undefined]]);
    await server!.close();
    server = undefined;
    await expect(tencent.checkReachable()).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('never puts the name, the ID number or the secret into its errors', async () => {
    const fake = await fakeTencent(result('-7'));
    const errors = [await failure(registry(fake.url).registry.verify(PERSON)), await failure(registry(fake.url, { secretKey: 'wrong-secret' }).registry.verify(PERSON))];
    for (const error of errors) {
      expect(error).toBeInstanceOf(VendorCallError);
      expectNothingDisclosed(error, [PERSON.name, PERSON.idNumber, KEYS.AKIDIdentityTest0001!, 'wrong-secret']);
    }
  });
});

describe('Tencent IdCardVerification codes', () => {
  it('every documented Result has a meaning; unknown error codes fall back by family', () => {
    expect(Object.keys(TENCENT_ID_CARD_RESULTS).sort()).toEqual(['-1', '-2', '-3', '-4', '-5', '-6', '-7', '0']);
    expect(new Set(Object.values(TENCENT_FACEID_ERROR_KINDS))).toEqual(new Set(['misconfigured', 'unavailable']));
    expect(tencentFaceIdFailureKind('InternalError.SomethingNew')).toBe('unavailable');
    expect(tencentFaceIdFailureKind('ResourceUnavailable.Something')).toBe('unavailable');
    expect(tencentFaceIdFailureKind('UnauthorizedOperation.SomethingNew')).toBe('misconfigured');
  });
});
