import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../../../test/support/closed-after-each.ts';
import { recordingMetrics } from '../../../../test/support/recorded-vendor-calls.ts';
import { expectNothingDisclosed } from '../../../../test/support/error-disclosure.ts';
import type { FaceVerifyRequest } from '../../../ports/face-verifier.ts';
import { VendorCallError } from '../../../ports/vendor-call-error.ts';
import { FAKE_TENCENT_FACE_KEYS, livenessError, livenessResult, livenessSuccess, startFakeTencentFaceId, type LivenessRequest } from '../../../../test/support/fake-tencent-faceid.ts';
import type { VendorAnswer } from '../../../../test/support/vendor-test-server.ts';
import { TENCENT_FACE_CODES, tencentFaceOutcome } from './tencent-face-results.ts';
import { TencentFaceVerifier, type TencentFaceConfig } from './tencent-face-verifier.ts';

const ID_NUMBER = '11010519491231002X';
const NAME = '张三';
/** An MP4's first box (`ftyp isom`) and some bytes standing for the rest of the clip. */
const CLIP = Buffer.concat([Buffer.from('00000020667479706973366d00000200', 'hex'), Buffer.from('a clip recorded for this test only')]);
const request = (overrides: Partial<FaceVerifyRequest> = {}): FaceVerifyRequest => ({
  idType: 'resident_id',
  idNumber: ID_NUMBER,
  name: NAME,
  frames: [],
  video: { mediaType: 'video/mp4', data: CLIP },
  challenge: { id: 'fc_AAAAAAAAAAAAAAAAAAAAAA', actions: ['blink', 'nod'] },
  ...overrides,
});

describe('TencentFaceVerifier against a local server that checks requests as Tencent Cloud documents them', () => {
  const track = closedAfterEach();

  const config = (url: string, overrides: Partial<TencentFaceConfig> = {}): TencentFaceConfig => ({
    secretId: 'AKIDFaceTest0001',
    secretKey: FAKE_TENCENT_FACE_KEYS.AKIDFaceTest0001!,
    region: 'ap-guangzhou',
    endpoint: url,
    timeoutMs: 2000,
    ...overrides,
  });
  async function fakeTencent(answer?: (body: LivenessRequest) => VendorAnswer, options: { path?: string } = {}) {
    const received: LivenessRequest[] = [];
    const server = track(
      await startFakeTencentFaceId({
        ...options,
        answer: (body) => {
          received.push(body);
          return answer ? answer(body) : livenessSuccess(92);
        },
      }),
    );
    return { url: server.url, received, problems: server.problems };
  }
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error as VendorCallError,
    );

  it('is video-capturing (MP4/H.264), and sends name, ID number, the clip and SILENT, signed', async () => {
    const fake = await fakeTencent();
    const { metrics, calls } = recordingMetrics();
    const verifier = new TencentFaceVerifier(config(fake.url), { metrics });
    expect(verifier.capture).toEqual({ kind: 'video', mimeTypes: ['video/mp4;codecs=avc1'], maxSeconds: 5 });
    expect(verifier.simulated).toBe(false);
    expect(await verifier.verify(request())).toBe('pass');
    expect(fake.problems).toEqual([[]]);
    expect(fake.received).toEqual([{ IdCard: ID_NUMBER, Name: NAME, VideoBase64: CLIP.toString('base64'), LivenessType: 'SILENT' }]);
    expect(calls).toEqual([{ vendor: 'tencent', api: 'LivenessRecognition', outcome: 'ok' }]);
  });

  it('keeps the path of an endpoint override (an egress proxy); the signature still holds', async () => {
    const fake = await fakeTencent(undefined, { path: '/egress/faceid/' });
    expect(await new TencentFaceVerifier(config(`${fake.url}/egress/faceid`), recordingMetrics()).verify(request())).toBe('pass');
    expect(fake.problems).toEqual([[]]);
  });

  it('a Success below the documented similarity 70 is another person', async () => {
    const fake = await fakeTencent((body) => livenessSuccess(body.IdCard === ID_NUMBER ? 69.9 : 70));
    const verifier = new TencentFaceVerifier(config(fake.url), recordingMetrics());
    expect(await verifier.verify(request())).toBe('mismatch');
    expect(await verifier.verify(request({ idNumber: '110101199001011237' }))).toBe('pass');
  });

  it.each([
    ['FailedOperation.SilentFaceDetectFail', 'no_face'],
    ['FailedOperation.SilentMultiFaceFail', 'no_face'],
    ['FailedOperation.SilentTooShort', 'no_face'],
    ['FailedOperation.LivessDetectFake', 'not_live'],
    ['FailedOperation.SilentPictureLiveFail', 'not_live'],
    ['FailedOperation.CompareLowSimilarity', 'mismatch'],
    ['FailedOperation.IdNameMisMatch', 'mismatch'],
    ['FailedOperation.IdPhotoNoExist', 'mismatch'],
  ] as const)('maps the result %s to %s, as Result and as Error.Code alike', async (code, verdict) => {
    const fake = await fakeTencent((body) => (body.Name === NAME ? livenessResult(code) : livenessError(code)));
    const { metrics, calls } = recordingMetrics();
    const verifier = new TencentFaceVerifier(config(fake.url), { metrics });
    expect(await verifier.verify(request())).toBe(verdict);
    expect(await verifier.verify(request({ name: '李四' }))).toBe(verdict);
    // The vendor answered: a verdict about the person is not a failed call.
    expect(calls.map((call) => call.outcome)).toEqual(['ok', 'ok']);
  });

  it.each([
    ['AuthFailure.SecretIdNotFound', 'misconfigured'],
    ['UnauthorizedOperation.Arrears', 'misconfigured'],
    ['UnauthorizedOperation.SomethingNew', 'misconfigured'],
    ['FailedOperation.IdPhotoSystemNoanswer', 'unavailable'],
    ['FailedOperation.SomethingNew', 'unavailable'],
    ['InternalError', 'unavailable'],
    ['RequestLimitExceeded', 'unavailable'],
  ] as const)('gives no verdict on %s (%s), and does not retry', async (code, kind) => {
    const fake = await fakeTencent(() => livenessError(code));
    const { metrics, calls } = recordingMetrics();
    const error = await failure(new TencentFaceVerifier(config(fake.url), { metrics }).verify(request()));
    expect(error).toBeInstanceOf(VendorCallError);
    expect(error).toMatchObject({ kind, vendorCode: code });
    expect(fake.received).toHaveLength(1);
    expect(calls).toEqual([{ vendor: 'tencent', api: 'LivenessRecognition', outcome: kind }]);
  });

  it('a wrong secret, an unknown SecretId and a skewed clock are refused by the server and need an operator', async () => {
    const fake = await fakeTencent();
    const errors = [
      await failure(new TencentFaceVerifier(config(fake.url, { secretKey: 'not-the-secret' }), recordingMetrics()).verify(request())),
      await failure(new TencentFaceVerifier(config(fake.url, { secretId: 'AKIDNobody' }), recordingMetrics()).verify(request())),
      await failure(new TencentFaceVerifier(config(fake.url), { ...recordingMetrics(), now: () => Date.now() + 10 * 60_000 }).verify(request())),
    ];
    expect(fake.problems).toEqual([['AuthFailure.SignatureFailure'], ['AuthFailure.SecretIdNotFound'], ['AuthFailure.SignatureExpire']]);
    expect(errors.map((error) => [error?.kind, error?.vendorCode])).toEqual([
      ['misconfigured', 'AuthFailure.SignatureFailure'],
      ['misconfigured', 'AuthFailure.SecretIdNotFound'],
      ['misconfigured', 'AuthFailure.SignatureExpire'],
    ]);
  });

  it.each([
    ['an HTTP 500', { status: 500, body: '{"Response":{}}' }, 'unavailable', 'http_500'],
    ['a body that is not JSON', { status: 200, body: 'ok', contentType: 'text/plain' }, 'unavailable', 'http_200_not_json'],
    ['a Success without Sim', { status: 200, body: '{"Response":{"Result":"Success","RequestId":"x"}}' }, 'unavailable', 'unexpected_answer'],
  ] as const)('treats %s as unavailable, once', async (_, answer, kind, vendorCode) => {
    const fake = await fakeTencent(() => answer);
    const error = await failure(new TencentFaceVerifier(config(fake.url), recordingMetrics()).verify(request()));
    expect(error).toMatchObject({ kind, vendorCode });
    expect(fake.received).toHaveLength(1);
  });

  it('gives up after its timeout when Tencent never answers, and does not call again (billed, not idempotent)', async () => {
    const fake = await fakeTencent(() => 'hang');
    const { metrics, calls } = recordingMetrics();
    const error = await failure(new TencentFaceVerifier(config(fake.url, { timeoutMs: 200 }), { metrics }).verify(request()));
    expect(error).toMatchObject({ kind: 'timeout', vendorCode: 'timeout' });
    expect(fake.received).toHaveLength(1);
    expect(calls.map((call) => call.outcome)).toEqual(['timeout']);
  });

  it('refuses to call without an MP4 clip (nothing sent, nothing billed)', async () => {
    const fake = await fakeTencent();
    const error = await failure(new TencentFaceVerifier(config(fake.url), recordingMetrics()).verify(request({ video: undefined })));
    expect(error).toMatchObject({ kind: 'misconfigured', vendorCode: 'no_mp4_clip' });
    expect(fake.received).toHaveLength(0);
  });

  it('never puts the name, ID number, clip or secret into its errors', async () => {
    const fake = await fakeTencent(() => livenessError('AuthFailure.SignatureFailure'));
    const errors = [
      await failure(new TencentFaceVerifier(config(fake.url), recordingMetrics()).verify(request())),
      await failure(new TencentFaceVerifier(config(fake.url, { timeoutMs: 200, endpoint: 'http://127.0.0.1:9' }), recordingMetrics()).verify(request())),
    ];
    for (const error of errors) {
      expectNothingDisclosed(error, [ID_NUMBER, NAME, CLIP.toString('base64').slice(0, 24), FAKE_TENCENT_FACE_KEYS.AKIDFaceTest0001!]);
    }
  });

  it('checks reachability with an unsigned request (no billed call); a closed port is unreachable', async () => {
    const fake = await fakeTencent();
    await new TencentFaceVerifier(config(fake.url), recordingMetrics()).checkReachable();
    expect(fake.received).toHaveLength(0);
    expect(fake.problems[0]).toContain('AuthFailure.InvalidAuthorization');
    await expect(new TencentFaceVerifier(config('http://127.0.0.1:9'), recordingMetrics()).checkReachable()).rejects.toBeInstanceOf(VendorCallError);
  });
});

describe('Tencent FaceID result codes', () => {
  it('names every verdict and failure kind; unknown codes fall back by family', () => {
    const kinds = new Set(Object.values(TENCENT_FACE_CODES).map((outcome) => ('verdict' in outcome ? outcome.verdict : outcome.failure)));
    expect(kinds).toEqual(new Set(['no_face', 'not_live', 'mismatch', 'unavailable', 'misconfigured']));
    expect(tencentFaceOutcome('InternalError.Something')).toEqual({ failure: 'unavailable' });
    expect(tencentFaceOutcome('ResourceUnavailable.Something')).toEqual({ failure: 'unavailable' });
    expect(tencentFaceOutcome('AuthFailure.Something')).toEqual({ failure: 'misconfigured' });
  });
});
