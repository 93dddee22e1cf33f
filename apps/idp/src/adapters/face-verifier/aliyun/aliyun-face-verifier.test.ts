import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../../../test/support/closed-after-each.ts';
import { recordingMetrics } from '../../../../test/support/recorded-vendor-calls.ts';
import { expectNothingDisclosed } from '../../../../test/support/error-disclosure.ts';
import type { FaceFrame, FaceVerifyRequest } from '../../../ports/face-verifier.ts';
import { VendorCallError } from '../../../ports/vendor-call-error.ts';
import { aliyunFormParams, aliyunGatewayRefusal, aliyunSignatureProblems } from '../../../../test/support/vendor-signatures.ts';
import { startVendorTestServer, type ReceivedRequest, type VendorAnswer } from '../../../../test/support/vendor-test-server.ts';
import { ALIYUN_FACE_SUBCODES, aliyunFaceFailure, aliyunFaceOutcome } from './aliyun-face-results.ts';
import { AliyunFaceVerifier, outerOrderNo, type AliyunFaceConfig } from './aliyun-face-verifier.ts';

const KEYS: Record<string, string> = { LTAI5tFaceTest: 'the-aliyun-face-secret-of-the-test' };
const ID_NUMBER = '11010519491231002X';
const NAME = '张三';
const CHALLENGE_ID = 'fc_Ab-_cdEFghIJklMNopQRst';
const jpeg = (marker: number) => ({ mediaType: 'image/jpeg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, marker, 1, 2, 3]) }) satisfies FaceFrame;
const FRAMES = [jpeg(1), jpeg(2), jpeg(3), jpeg(4)];
const request = (overrides: Partial<FaceVerifyRequest> = {}): FaceVerifyRequest => ({
  idType: 'resident_id',
  idNumber: ID_NUMBER,
  name: NAME,
  frames: FRAMES,
  challenge: { id: CHALLENGE_ID, actions: ['shake', 'blink'] },
  ...overrides,
});

/** What is wrong with a ContrastFaceVerify request, as documented (parameters) and as the RPC gateway checks it (signature). */
function contrastProblems(received: ReceivedRequest, seenNonces: Set<string>): { problems: string[]; params: Record<string, string> } {
  const problems: string[] = [];
  if (received.method !== 'POST' || received.path !== '/') problems.push(`request ${received.method} ${received.path}`);
  if (received.headers['content-type'] !== 'application/x-www-form-urlencoded') problems.push('content-type');
  const params = aliyunFormParams(received.body, problems);
  problems.push(...aliyunSignatureProblems(params, KEYS, seenNonces));
  const expected: Record<string, string | RegExp> = {
    Action: 'ContrastFaceVerify',
    Version: '2019-03-07',
    Format: 'JSON',
    SceneId: '1000000006',
    OuterOrderNo: /^[A-Za-z0-9]{1,32}$/,
    ProductCode: 'ID_MIN',
    Model: 'FRONT_CAMERA_LIVENESS',
    CertType: 'IDENTITY_CARD',
    CertName: /^\p{Script=Han}{2,20}$/u,
    CertNo: /^\d{17}[\dX]$/,
    FaceContrastPicture: /^\/9j\/[A-Za-z0-9+/]+=*$/, // base64 of a JPEG (FF D8 FF)
  };
  for (const [name, value] of Object.entries(expected)) {
    const actual = params[name] ?? '';
    if (typeof value === 'string' ? actual !== value : !value.test(actual)) problems.push(`${name} ${actual.slice(0, 16)}`);
  }
  const allowed = new Set([...Object.keys(expected), 'AccessKeyId', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'Timestamp', 'Signature']);
  for (const name of Object.keys(params)) if (!allowed.has(name)) problems.push(`unexpected ${name}`);
  return { problems, params };
}

const judged = (passed: 'T' | 'F', subCode: string): VendorAnswer => ({
  status: 200,
  body: JSON.stringify({ RequestId: '8FC3D6AC', Code: '200', Message: 'success', ResultObject: { Passed: passed, SubCode: subCode, CertifyId: '91707dc296d469ad38e4c5efa6a0f24b' } }),
});
const notJudged = (code: string): VendorAnswer => ({ status: 200, body: JSON.stringify({ RequestId: '8FC3D6AC', Code: code, Message: 'refused' }) });

describe('AliyunFaceVerifier against a local server that checks requests as Aliyun documents them', () => {
  const track = closedAfterEach();

  const config = (url: string, overrides: Partial<AliyunFaceConfig> = {}): AliyunFaceConfig => ({
    accessKeyId: 'LTAI5tFaceTest',
    accessKeySecret: KEYS.LTAI5tFaceTest!,
    sceneId: '1000000006',
    endpoint: url,
    timeoutMs: 2000,
    ...overrides,
  });

  async function fakeAliyun(answer: (params: Record<string, string>) => VendorAnswer = () => judged('T', '200')) {
    const problems: string[][] = [];
    const judgedParams: Record<string, string>[] = [];
    const seenNonces = new Set<string>();
    const server = track(
      await startVendorTestServer((received) => {
        const checked = contrastProblems(received, seenNonces);
        problems.push(checked.problems);
        if (checked.problems.length > 0) return aliyunGatewayRefusal(checked.problems, 'cloudauth.aliyuncs.com');
        judgedParams.push(checked.params);
        return answer(checked.params);
      }),
    );
    return { url: server.url, problems, judgedParams };
  }
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error as VendorCallError,
    );

  it('captures 640×480 frames and sends the middle one with name, ID number, scene and a per-challenge order number, signed', async () => {
    const fake = await fakeAliyun();
    const { metrics, calls } = recordingMetrics();
    const verifier = new AliyunFaceVerifier(config(fake.url), { metrics });
    expect(verifier.capture).toEqual({ kind: 'frames', frameSize: { width: 640, height: 480 } });
    expect(await verifier.verify(request())).toBe('pass');
    expect(fake.problems).toEqual([[]]);
    expect(fake.judgedParams[0]).toMatchObject({ CertName: NAME, CertNo: ID_NUMBER, OuterOrderNo: outerOrderNo(CHALLENGE_ID), FaceContrastPicture: FRAMES[2]!.data.toString('base64') });
    expect(outerOrderNo(CHALLENGE_ID)).not.toBe(outerOrderNo('fc_AAAAAAAAAAAAAAAAAAAAAA'));
    expect(calls).toEqual([{ vendor: 'aliyun', api: 'ContrastFaceVerify', outcome: 'ok' }]);
  });

  it.each([
    ['201', 'mismatch'],
    ['202', 'mismatch'],
    ['203', 'mismatch'],
    ['204', 'mismatch'],
    ['207', 'mismatch'],
    ['205', 'not_live'],
  ] as const)('maps Passed F, SubCode %s to %s', async (subCode, verdict) => {
    const fake = await fakeAliyun(() => judged('F', subCode));
    expect(await new AliyunFaceVerifier(config(fake.url), recordingMetrics()).verify(request())).toBe(verdict);
  });

  it.each([
    ['SubCode 206 (risk control)', () => judged('F', '206'), 'refused', 'SubCode 206'],
    ['SubCode 209 (authority source down)', () => judged('F', '209'), 'unavailable', 'SubCode 209'],
    ['an unknown SubCode', () => judged('F', '299'), 'unavailable', 'SubCode 299'],
    ['SubCode 200 without Passed T', () => judged('F', '200'), 'unavailable', 'SubCode 200'],
    ['Code 412 (arrears)', () => notJudged('412'), 'misconfigured', '412'],
    ['Code 404 (no such scene)', () => notJudged('404'), 'misconfigured', '404'],
    ['Code 418 (too many attempts today)', () => notJudged('418'), 'refused', '418'],
    ['Code 500', () => notJudged('500'), 'unavailable', '500'],
    ['Throttling.User', () => notJudged('Throttling.User'), 'unavailable', 'Throttling.User'],
    ['an HTTP 503', () => ({ status: 503, body: '{}' }), 'unavailable', 'http_503'],
    ['a body without Code', () => ({ status: 200, body: '{"RequestId":"x"}' }), 'unavailable', 'unexpected_answer'],
  ] as const)('gives no verdict on %s, once (no retry)', async (_, answer, kind, vendorCode) => {
    const fake = await fakeAliyun(answer);
    const { metrics, calls } = recordingMetrics();
    const error = await failure(new AliyunFaceVerifier(config(fake.url), { metrics }).verify(request()));
    expect(error).toBeInstanceOf(VendorCallError);
    expect(error).toMatchObject({ kind, vendorCode });
    expect(fake.problems).toHaveLength(1);
    expect(calls.map((call) => call.outcome)).toEqual([kind]);
  });

  it('a wrong secret, an unknown AccessKey and a skewed clock are refused by the gateway and need an operator', async () => {
    const fake = await fakeAliyun();
    const errors = [
      await failure(new AliyunFaceVerifier(config(fake.url, { accessKeySecret: 'not-the-secret' }), recordingMetrics()).verify(request())),
      await failure(new AliyunFaceVerifier(config(fake.url, { accessKeyId: 'LTAINobody' }), recordingMetrics()).verify(request())),
      await failure(new AliyunFaceVerifier(config(fake.url), { ...recordingMetrics(), now: () => Date.now() + 60 * 60_000 }).verify(request())),
    ];
    expect(fake.problems).toEqual([['SignatureDoesNotMatch'], ['InvalidAccessKeyId.NotFound'], ['InvalidTimeStamp.Expired']]);
    expect(errors.map((error) => [error?.kind, error?.vendorCode])).toEqual([
      ['misconfigured', 'SignatureDoesNotMatch'],
      ['misconfigured', 'InvalidAccessKeyId.NotFound'],
      ['misconfigured', 'InvalidTimeStamp.Expired'],
    ]);
  });

  it('gives up after its timeout when Aliyun never answers, and does not call again', async () => {
    const fake = await fakeAliyun(() => 'hang');
    const { metrics, calls } = recordingMetrics();
    const error = await failure(new AliyunFaceVerifier(config(fake.url, { timeoutMs: 200 }), { metrics }).verify(request()));
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(fake.problems).toHaveLength(1);
    expect(calls.map((call) => call.outcome)).toEqual(['timeout']);
  });

  it('refuses to call without a frame, and never puts the name, ID number, picture or secret into its errors', async () => {
    const fake = await fakeAliyun(() => notJudged('401'));
    expect(await failure(new AliyunFaceVerifier(config(fake.url), recordingMetrics()).verify(request({ frames: [] })))).toMatchObject({ kind: 'misconfigured', vendorCode: 'no_frame' });
    expect(fake.problems).toHaveLength(0);
    const errors = [
      await failure(new AliyunFaceVerifier(config(fake.url), recordingMetrics()).verify(request())),
      await failure(new AliyunFaceVerifier(config('http://127.0.0.1:9', { timeoutMs: 200 }), recordingMetrics()).verify(request())),
    ];
    for (const error of errors) {
      expectNothingDisclosed(error, [ID_NUMBER, NAME, FRAMES[2]!.data.toString('base64'), KEYS.LTAI5tFaceTest!]);
    }
  });

  it('checks reachability with an unsigned request (no billed call); a closed port is unreachable', async () => {
    const fake = await fakeAliyun();
    await new AliyunFaceVerifier(config(fake.url), recordingMetrics()).checkReachable();
    expect(fake.judgedParams).toHaveLength(0);
    await expect(new AliyunFaceVerifier(config('http://127.0.0.1:9'), recordingMetrics()).checkReachable()).rejects.toBeInstanceOf(VendorCallError);
  });
});

describe('Aliyun Cloudauth result codes', () => {
  it('maps every documented SubCode; Passed decides; unknown codes fall back by family', () => {
    expect(Object.keys(ALIYUN_FACE_SUBCODES).sort()).toEqual(['200', '201', '202', '203', '204', '205', '206', '207', '209']);
    expect(aliyunFaceOutcome('T', '200')).toEqual({ verdict: 'pass' });
    expect(aliyunFaceOutcome('T', '204')).toEqual({ failure: 'unavailable' });
    expect(aliyunFaceFailure('Throttling.Api')).toBe('unavailable');
    expect(aliyunFaceFailure('503')).toBe('unavailable');
    expect(aliyunFaceFailure('Forbidden.RAM')).toBe('misconfigured');
  });
});
