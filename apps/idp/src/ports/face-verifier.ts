/**
 * One captured camera frame, as the browser encoded it. JPEG only: it is
 * what `canvas.toDataURL('image/jpeg')` gives on every phone browser, and
 * what face services take.
 */
export interface FaceFrame {
  mediaType: 'image/jpeg';
  data: Buffer;
}

/** A liveness action the person is asked to perform (眨眼 / 摇头 / 点头). */
export type FaceLivenessAction = 'blink' | 'shake' | 'nod';

/**
 * The server-issued liveness challenge the frames were captured for: the app
 * showed `actions` in this order. It is one-time and already spent (taken
 * from the store) when the verifier is asked, so the same request cannot be
 * replayed. A real service (公安 CTID 实人认证, 阿里云/腾讯云 活体检测) takes
 * the actions and `id` (as its nonce) and checks that the frames show them.
 */
export interface FaceChallenge {
  id: string;
  actions: readonly FaceLivenessAction[];
}

/**
 * - `pass`: a live face, and (for real verifiers) the registry photo's person;
 * - `no_face`: frames unreadable, blank or without a face-sized subject;
 * - `not_live`: no liveness (the challenge's actions did not happen: e.g. frames identical);
 * - `mismatch`: a live face, but not the person of this ID number.
 */
export type FaceVerdict = 'pass' | 'no_face' | 'not_live' | 'mismatch';

/**
 * A short clip recorded with MediaRecorder while the prompts were shown, for
 * verifiers whose vendor checks liveness on video (capture 'video'). The
 * container as the browser wrote it; which ones a verifier takes is its
 * `videoMediaTypes`.
 */
export interface FaceVideo {
  mediaType: FaceVideoMediaType;
  data: Buffer;
}

export type FaceVideoMediaType = 'video/mp4' | 'video/webm';

export interface FaceVerifyRequest {
  idType: string;
  idNumber: string;
  /** The person's name as confirmed by the identity registry: vendors that compare with the authority photo need it with the ID number. */
  name: string;
  frames: FaceFrame[];
  /** Present when the verifier captures 'video' (the service refuses a check without it). */
  video?: FaceVideo;
  challenge: FaceChallenge;
}

/**
 * What the app must capture for this verifier: JPEG frames (2–6; at
 * `frameSize` when the vendor needs more than the app's default 320×240),
 * or a short clip in one of `mimeTypes` (MediaRecorder mimeType strings,
 * preferred first) of at most `maxSeconds`.
 */
export type FaceCapture = { kind: 'frames'; frameSize?: { width: number; height: number } } | { kind: 'video'; mimeTypes: readonly string[]; maxSeconds: number };

/**
 * 人脸识别: compares live camera frames with the person of an ID number.
 * Frames and clips are used for this call only: adapters never store or log them.
 * `verify` rejects when the verifier could not give a verdict (vendor down,
 * timeout, misconfigured): the service answers FACE_SERVICE_UNAVAILABLE.
 */
export interface FaceVerifier {
  readonly simulated: boolean;
  readonly capture: FaceCapture;
  /**
   * Whether the verifier can check a person with this ID type: the cloud
   * vendors compare with the 身份证 photo only (Tencent IdCard, Aliyun
   * CertType IDENTITY_CARD), so they take `resident_id` alone.
   */
  supportsIdType(idType: string): boolean;
  verify(request: FaceVerifyRequest): Promise<FaceVerdict>;
}
