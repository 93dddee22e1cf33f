import type { FaceCapture, FaceVerdict, FaceVerifier, FaceVerifyRequest } from '../../../ports/face-verifier.ts';
import { VendorCallError } from '../../../ports/vendor-call-error.ts';
import type { VendorReachability } from '../../../ports/vendor-reachability.ts';
import { callTencentApi, tencentApiTarget } from '../../cloud-api/tencent-api-call.ts';
import { checkEndpointReachable, meteredCall, vendorUnavailable } from '../../cloud-api/vendor-call.ts';
import type { FetchLike } from '../../cloud-api/vendor-http.ts';
import type { VendorCallMetrics } from '../../metrics/vendor-call-metrics.ts';
import { TENCENT_SAME_PERSON_SIMILARITY, tencentFaceOutcome } from './tencent-face-results.ts';

const METRIC = { vendor: 'tencent', api: 'LivenessRecognition' } as const;

export interface TencentFaceConfig {
  secretId: string;
  secretKey: string;
  region: string;
  endpoint: string;
  timeoutMs: number;
}

/**
 * What the app records for Tencent: MP4 with H.264. Tencent documents
 * VideoBase64 as mp4/avi/flv (no WebM), and current Chromium records
 * `video/mp4;codecs=avc1` (checked with Debian's Chromium 156: a real
 * `ftyp` MP4); Safari records MP4/H.264 too. 5 s covers two prompts.
 */
export const TENCENT_FACE_CAPTURE: FaceCapture = { kind: 'video', mimeTypes: ['video/mp4;codecs=avc1'], maxSeconds: 5 };

/**
 * 腾讯云人脸核身 LivenessRecognition (活体人脸核身, service faceid, version
 * 2018-03-01): a clip and the person's name + ID number; Tencent checks
 * liveness on the clip and compares its best frame with the authority
 * photo. TC3-HMAC-SHA256, POST JSON.
 *
 * LivenessType SILENT: Tencent's ACTION mode knows only 张嘴 (1) and 闭眼 (2)
 * (GetActionSequence), not our 摇头/点头, so the server's challenge cannot
 * be handed to it; the challenge still makes every check one-time (a
 * recorded request replayed fails with FACE_CHALLENGE_INVALID) and the app
 * still prompts for it while recording.
 *
 * One call per check, never retried: it is billed and not idempotent. The
 * clip goes into this one request body and nowhere else (no log, no error).
 */
export class TencentFaceVerifier implements FaceVerifier, VendorReachability {
  readonly simulated = false;
  readonly capture = TENCENT_FACE_CAPTURE;
  private readonly target: { url: string; host: string };

  constructor(
    private readonly config: TencentFaceConfig,
    private readonly deps: { metrics: VendorCallMetrics; fetch?: FetchLike; now?: () => number },
  ) {
    this.target = tencentApiTarget(config.endpoint);
  }

  verify(request: FaceVerifyRequest): Promise<FaceVerdict> {
    return meteredCall(this.deps.metrics, METRIC, () => this.call(request));
  }

  supportsIdType(idType: string): boolean {
    return idType === 'resident_id';
  }

  checkReachable(): Promise<void> {
    return checkEndpointReachable(this.deps.fetch ?? fetch, this.target.url);
  }

  private async call(request: FaceVerifyRequest): Promise<FaceVerdict> {
    const { config } = this;
    // The service sends a clip to a 'video' verifier; without one there is nothing to bill for.
    if (request.video?.mediaType !== 'video/mp4') throw new VendorCallError('misconfigured', 'no_mp4_clip');
    const timestamp = Math.floor((this.deps.now ?? Date.now)() / 1000);
    const payload = JSON.stringify({
      IdCard: request.idNumber,
      Name: request.name,
      VideoBase64: request.video.data.toString('base64'),
      LivenessType: 'SILENT',
    });
    const { body } = await callTencentApi({
      fetch: this.deps.fetch,
      target: this.target,
      service: 'faceid',
      action: 'LivenessRecognition',
      version: '2018-03-01',
      account: config,
      payload,
      timestampSec: timestamp,
      unavailable: vendorUnavailable,
    });

    const response = body.Response as { Error?: { Code?: unknown }; Result?: unknown; Sim?: unknown } | undefined;
    const code = typeof response?.Error?.Code === 'string' ? response.Error.Code : typeof response?.Result === 'string' && response.Result !== 'Success' ? response.Result : null;
    if (code !== null) {
      const outcome = tencentFaceOutcome(code);
      if ('failure' in outcome) throw new VendorCallError(outcome.failure, code);
      return outcome.verdict;
    }
    const similarity = typeof response?.Sim === 'number' ? response.Sim : Number(response?.Sim);
    if (response?.Result !== 'Success' || !Number.isFinite(similarity)) throw new VendorCallError('unavailable', 'unexpected_answer');
    return similarity >= TENCENT_SAME_PERSON_SIMILARITY ? 'pass' : 'mismatch';
  }
}
