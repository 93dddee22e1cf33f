import { AppError } from '../../errors.ts';
import type { FaceChallenge, FaceFrame, FaceVerdict, FaceVerifier, FaceVideo } from '../../ports/face-verifier.ts';

const VERDICT_ERRORS = {
  no_face: 'FACE_NO_FACE',
  not_live: 'FACE_NOT_LIVE',
  mismatch: 'FACE_MISMATCH',
} as const satisfies Record<Exclude<FaceVerdict, 'pass'>, string>;

/** The face verifier, or FACE_CHECK_UNAVAILABLE when the platform has none (UIA_FACE_PROVIDER=none): checked before any challenge or budget is spent. */
export function requireFaceVerifier(verifier: FaceVerifier | null): FaceVerifier {
  if (!verifier) throw new AppError('FACE_CHECK_UNAVAILABLE');
  return verifier;
}

/**
 * Asks the face verifier whether the frames (or the clip), captured for `challenge` (already
 * taken: see FaceChallenges), show the live person of this ID number; anything but `pass` is an AppError (FACE_*), a verifier that does
 * not answer is FACE_SERVICE_UNAVAILABLE. The verifier's own error is not
 * passed on: it might describe the frames.
 */
export async function checkFace(
  verifier: FaceVerifier,
  person: { idType: string; idNumber: string; name: string },
  capture: { frames: FaceFrame[]; video?: FaceVideo },
  challenge: FaceChallenge,
): Promise<void> {
  // Before the (billed) call: a vendor that only knows 身份证 cannot judge a 港澳通行证 holder.
  if (!verifier.supportsIdType(person.idType)) throw new AppError('FACE_ID_TYPE_UNSUPPORTED', { field: 'idType' });
  let verdict: FaceVerdict;
  try {
    verdict = await verifier.verify({ idType: person.idType, idNumber: person.idNumber, name: person.name, frames: capture.frames, video: capture.video, challenge });
  } catch {
    throw new AppError('FACE_SERVICE_UNAVAILABLE');
  }
  if (verdict !== 'pass') throw new AppError(VERDICT_ERRORS[verdict]);
}
