/**
 * One captured camera frame, as the browser encoded it. JPEG only: it is
 * what `canvas.toDataURL('image/jpeg')` gives on every phone browser, and
 * what face services take.
 */
export interface FaceFrame {
  mediaType: 'image/jpeg';
  data: Buffer;
}

/**
 * - `pass`: a live face, and (for real verifiers) the registry photo's person;
 * - `no_face`: frames unreadable, blank or without a face-sized subject;
 * - `not_live`: no liveness (the prompted movement did not happen: frames identical);
 * - `mismatch`: a live face, but not the person of this ID number.
 */
export type FaceVerdict = 'pass' | 'no_face' | 'not_live' | 'mismatch';

/**
 * 人脸识别: compares live camera frames with the person of an ID number.
 * Frames are used for this call only: adapters never store or log them.
 */
export interface FaceVerifier {
  readonly simulated: boolean;
  verify(request: { idType: string; idNumber: string; frames: FaceFrame[] }): Promise<FaceVerdict>;
}
