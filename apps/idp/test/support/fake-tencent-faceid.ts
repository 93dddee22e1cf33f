import { startVendorTestServer, type ReceivedRequest, type VendorAnswer, type VendorTestServer } from './vendor-test-server.ts';
import { tencentSignatureProblems } from './vendor-signatures.ts';

/*
 * A stand-in for Tencent Cloud FaceID's LivenessRecognition (2018-03-01),
 * checking each request as Tencent documents it: API 3.0 headers, the
 * TC3-HMAC-SHA256 signature (re-derived in vendor-signatures.ts from the
 * docs), exactly the parameters IdCard, Name, VideoBase64, LivenessType
 * SILENT (no ValidateData), and a clip that is an MP4 (`ftyp` at offset 4).
 * Used by the adapter's tests, the video login's integration test and the
 * app's browser test (UIA_FACE_ENDPOINT pointed here).
 */
export const FAKE_TENCENT_FACE_KEYS: Readonly<Record<string, string>> = { AKIDFaceTest0001: 'the-face-secret-key-of-the-test' };
export const FAKE_TENCENT_FACE_ENV = {
  UIA_FACE_PROVIDER: 'tencent',
  UIA_FACE_SECRET_ID: 'AKIDFaceTest0001',
  UIA_FACE_SECRET_KEY: FAKE_TENCENT_FACE_KEYS.AKIDFaceTest0001!,
} as const;

export interface LivenessRequest {
  IdCard: string;
  Name: string;
  VideoBase64: string;
  LivenessType: string;
}

/** What is wrong with a request, as Tencent's error codes where it has one. */
export function livenessRequestProblems(request: ReceivedRequest, expected: { region?: string; path?: string } = {}): { problems: string[]; body: LivenessRequest | null } {
  const problems: string[] = [];
  const header = (name: string) => String(request.headers[name] ?? '');
  if (request.method !== 'POST') problems.push(`method ${request.method}`);
  if (request.path !== (expected.path ?? '/')) problems.push(`path ${request.path}`);
  if (header('content-type') !== 'application/json; charset=utf-8') problems.push(`content-type ${header('content-type')}`);
  if (header('x-tc-action') !== 'LivenessRecognition') problems.push(`X-TC-Action ${header('x-tc-action')}`);
  if (header('x-tc-version') !== '2018-03-01') problems.push(`X-TC-Version ${header('x-tc-version')}`);
  if (header('x-tc-region') !== (expected.region ?? 'ap-guangzhou')) problems.push(`X-TC-Region ${header('x-tc-region')}`);
  problems.push(...tencentSignatureProblems(request, { service: 'faceid', keys: FAKE_TENCENT_FACE_KEYS }));

  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(request.body) as Record<string, unknown>;
  } catch {
    return { problems: [...problems, 'FailedOperation.JsonParseFail'], body: null };
  }
  if (JSON.stringify(Object.keys(body).sort()) !== JSON.stringify(['IdCard', 'LivenessType', 'Name', 'VideoBase64'])) problems.push(`body keys ${Object.keys(body).join(',')}`);
  if (body.LivenessType !== 'SILENT') problems.push('InvalidParameterValue');
  if (typeof body.IdCard !== 'string' || !/^\d{17}[\dX]$/.test(body.IdCard)) problems.push('InvalidParameterValue');
  if (typeof body.Name !== 'string' || body.Name === '') problems.push('InvalidParameterValue');
  const video = typeof body.VideoBase64 === 'string' ? Buffer.from(body.VideoBase64, 'base64') : Buffer.alloc(0);
  // The documented limit: at most 8 MB once base64-encoded.
  if (typeof body.VideoBase64 !== 'string' || body.VideoBase64.length > 8 * 1024 * 1024) problems.push('InvalidParameterValue');
  else if (video.subarray(4, 8).toString('latin1') !== 'ftyp') problems.push('FailedOperation.VideoDecodeFailed');
  return { problems, body: body as unknown as LivenessRequest };
}

export const livenessSuccess = (similarity: number): VendorAnswer => ({
  status: 200,
  body: JSON.stringify({ Response: { BestFrameBase64: '', Sim: similarity, Result: 'Success', Description: '成功', BestFrameList: [], RequestId: 'b1d3c2e0' } }),
});
export const livenessResult = (code: string): VendorAnswer => ({
  status: 200,
  body: JSON.stringify({ Response: { BestFrameBase64: '', Sim: 0, Result: code, Description: 'failed', BestFrameList: [], RequestId: 'c4e5f6a7' } }),
});
export const livenessError = (code: string): VendorAnswer => ({ status: 200, body: JSON.stringify({ Response: { Error: { Code: code, Message: 'refused' }, RequestId: 'd8e9f0a1' } }) });

/**
 * The fake: a request with problems gets Tencent's error for the first
 * coded one; a good one gets `answer(body)`, by default the demo rule of the
 * simulators (an ID number with sequence code 998 is not the person: Sim 31; else Sim 92).
 */
export async function startFakeTencentFaceId(options: { answer?: (body: LivenessRequest) => VendorAnswer; region?: string; path?: string } = {}): Promise<VendorTestServer & { problems: string[][] }> {
  const problems: string[][] = [];
  const answer = options.answer ?? ((body: LivenessRequest) => livenessSuccess(body.IdCard.slice(14, 17) === '998' ? 31 : 92));
  const server = await startVendorTestServer((request) => {
    const verdict = livenessRequestProblems(request, options);
    problems.push(verdict.problems);
    if (verdict.problems.length > 0 || !verdict.body) {
      const code = verdict.problems.find((problem) => /^[A-Z]\w+(\.\w+)?$/.test(problem)) ?? 'InvalidParameter';
      return livenessError(code);
    }
    return answer(verdict.body);
  });
  return Object.assign(server, { problems });
}
