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

export interface FaceVerifyRequest {
  idType: string;
  idNumber: string;
  frames: FaceFrame[];
  challenge: FaceChallenge;
}

/**
 * 人脸识别: compares live camera frames with the person of an ID number.
 * Frames are used for this call only: adapters never store or log them.
 */
export interface FaceVerifier {
  readonly simulated: boolean;
  verify(request: FaceVerifyRequest): Promise<FaceVerdict>;
}
