import { createHash } from 'node:crypto';
import type { FaceCapture, FaceVerdict, FaceVerifier, FaceVerifyRequest } from '../../../ports/face-verifier.ts';
import { VendorCallError } from '../../../ports/vendor-call-error.ts';
import type { VendorReachability } from '../../../ports/vendor-reachability.ts';
import { aliyunCode, aliyunRpcParams, postAliyunRpc } from '../../cloud-api/aliyun-rpc-call.ts';
import { checkEndpointReachable, meteredCall, vendorUnavailable } from '../../cloud-api/vendor-call.ts';
import type { FetchLike } from '../../cloud-api/vendor-http.ts';
import type { VendorCallMetrics } from '../../metrics/vendor-call-metrics.ts';
import { aliyunFaceFailure, aliyunFaceOutcome } from './aliyun-face-results.ts';

const METRIC = { vendor: 'aliyun', api: 'ContrastFaceVerify' } as const;

export interface AliyunFaceConfig {
  accessKeyId: string;
  accessKeySecret: string;
  /** 认证场景 ID, created in the Cloudauth console. */
  sceneId: string;
  endpoint: string;
  timeoutMs: number;
}

/** Aliyun wants a picture of at least 640×480 ("分辨率…至少640*480", under 1 MB): the app captures its frames at that size. */
export const ALIYUN_FACE_CAPTURE: FaceCapture = { kind: 'frames', frameSize: { width: 640, height: 480 } };

/**
 * 阿里云金融级实人认证 ContrastFaceVerify (cloudauth 2019-03-07): one JPEG of
 * the person and their name + ID number; Aliyun checks the picture's
 * liveness (Model FRONT_CAMERA_LIVENESS) and compares it with the authority
 * photo. RPC signature (HMAC-SHA1), POST form body (the picture is too large for a query).
 *
 * The picture is the middle frame of those captured during the prompts (the
 * face is mid-action, neither the first nor the last moment). OuterOrderNo
 * is derived from the challenge id (Aliyun wants ≤ 32 letters and digits):
 * one challenge, one order number, for Aliyun's side of an investigation.
 *
 * One call per check, never retried: it is billed and not idempotent. The
 * picture goes into this one request body and nowhere else.
 */
export class AliyunFaceVerifier implements FaceVerifier, VendorReachability {
  readonly simulated = false;
  readonly capture = ALIYUN_FACE_CAPTURE;
  private readonly url: string;

  constructor(
    private readonly config: AliyunFaceConfig,
    private readonly deps: { metrics: VendorCallMetrics; fetch?: FetchLike; now?: () => number; nonce?: () => string },
  ) {
    this.url = `${config.endpoint.replace(/\/+$/, '')}/`;
  }

  verify(request: FaceVerifyRequest): Promise<FaceVerdict> {
    return meteredCall(this.deps.metrics, METRIC, () => this.call(request));
  }

  supportsIdType(idType: string): boolean {
    return idType === 'resident_id';
  }

  checkReachable(): Promise<void> {
    return checkEndpointReachable(this.deps.fetch ?? fetch, this.url);
  }

  private async call(request: FaceVerifyRequest): Promise<FaceVerdict> {
    const { config } = this;
    const picture = request.frames[Math.floor(request.frames.length / 2)];
    // The service sends 2–6 frames to a 'frames' verifier; without one there is nothing to bill for.
    if (!picture) throw new VendorCallError('misconfigured', 'no_frame');
    const params = {
      ...aliyunRpcParams({ accessKeyId: config.accessKeyId, action: 'ContrastFaceVerify', version: '2019-03-07', now: this.deps.now, nonce: this.deps.nonce }),
      SceneId: config.sceneId,
      OuterOrderNo: outerOrderNo(request.challenge.id),
      ProductCode: 'ID_MIN',
      Model: 'FRONT_CAMERA_LIVENESS',
      CertType: 'IDENTITY_CARD',
      CertName: request.name,
      CertNo: request.idNumber,
      FaceContrastPicture: picture.data.toString('base64'),
    };
    const { body } = await postAliyunRpc({ fetch: this.deps.fetch, url: this.url, params, accessKeySecret: config.accessKeySecret, timeoutMs: config.timeoutMs, unavailable: vendorUnavailable });
    const code = aliyunCode(body.Code);
    if (code === null) throw new VendorCallError('unavailable', 'unexpected_answer');
    if (code !== '200') throw new VendorCallError(aliyunFaceFailure(code), code);
    const result = body.ResultObject as { Passed?: unknown; SubCode?: unknown } | undefined;
    const subCode = aliyunCode(result?.SubCode) ?? 'missing';
    const outcome = aliyunFaceOutcome(result?.Passed, subCode);
    if ('failure' in outcome) throw new VendorCallError(outcome.failure, `SubCode ${subCode}`);
    return outcome.verdict;
  }
}

/** ≤ 32 letters and digits, one per challenge. */
export function outerOrderNo(challengeId: string): string {
  return createHash('sha256').update(challengeId).digest('hex').slice(0, 32);
}
