import type { FaceVerdict } from '../../../ports/face-verifier.ts';
import type { VendorFailureKind } from '../../../ports/vendor-call-error.ts';

/** What one Tencent answer means: a verdict on the person, or no verdict (the call failed). */
export type TencentFaceOutcome = { verdict: Exclude<FaceVerdict, 'pass'> } | { failure: Exclude<VendorFailureKind, 'refused'> };

/**
 * Tencent Cloud FaceID LivenessRecognition (2018-03-01) codes, from
 * `Response.Error.Code` or a `Response.Result` other than `Success`. Source:
 * the API's error-code list (https://cloud.tencent.com/document/api/1007/31821)
 * and the common API 3.0 errors. Grouped as the app must explain them:
 * - no_face: nothing usable to judge (no face, several faces, face too small/dark/masked, clip too short);
 * - not_live: the clip failed liveness (a photo, a replay, a mask, an action not seen);
 * - mismatch: a live face, but not the person of this name + ID number (or no authority photo for them);
 * - unavailable: Tencent's side failed (retry later; also its 比对源 not answering);
 * - misconfigured: credentials, signature, service not activated, arrears, bad parameters: an operator must act.
 */
export const TENCENT_FACE_CODES: Readonly<Record<string, TencentFaceOutcome>> = {
  'FailedOperation.ActionNodetectFace': { verdict: 'no_face' },
  'FailedOperation.ActionFaceClose': { verdict: 'no_face' },
  'FailedOperation.LifePhotoDetectNoFaces': { verdict: 'no_face' },
  'FailedOperation.LifePhotoDetectFaces': { verdict: 'no_face' },
  'FailedOperation.LifePhotoPoorQuality': { verdict: 'no_face' },
  'FailedOperation.LifePhotoSizeError': { verdict: 'no_face' },
  'FailedOperation.SilentFaceDetectFail': { verdict: 'no_face' },
  'FailedOperation.SilentFaceQualityFail': { verdict: 'no_face' },
  'FailedOperation.SilentFaceWithMaskFail': { verdict: 'no_face' },
  'FailedOperation.SilentMultiFaceFail': { verdict: 'no_face' },
  'FailedOperation.SilentTooShort': { verdict: 'no_face' },
  'FailedOperation.LivessBestFrameError': { verdict: 'no_face' },
  'FailedOperation.ActionLightDark': { verdict: 'no_face' },
  'FailedOperation.VideoDecodeFailed': { verdict: 'no_face' },

  'FailedOperation.LivessDetectFail': { verdict: 'not_live' },
  'FailedOperation.LivessDetectFake': { verdict: 'not_live' },
  'FailedOperation.LifePhotoDetectFake': { verdict: 'not_live' },
  'FailedOperation.SilentDetectFail': { verdict: 'not_live' },
  'FailedOperation.SilentEyeLiveFail': { verdict: 'not_live' },
  'FailedOperation.SilentMouthLiveFail': { verdict: 'not_live' },
  'FailedOperation.SilentPictureLiveFail': { verdict: 'not_live' },
  'FailedOperation.SilentThreshold': { verdict: 'not_live' },
  'FailedOperation.ActionCloseEye': { verdict: 'not_live' },
  'FailedOperation.ActionFirstAction': { verdict: 'not_live' },

  'FailedOperation.CompareLowSimilarity': { verdict: 'mismatch' },
  'FailedOperation.CompareFail': { verdict: 'mismatch' },
  'FailedOperation.IdNameMisMatch': { verdict: 'mismatch' },
  'FailedOperation.IdNoExistSystem': { verdict: 'mismatch' },
  'FailedOperation.IdPhotoNoExist': { verdict: 'mismatch' },
  'FailedOperation.IdPhotoPoorQuality': { verdict: 'mismatch' },
  'FailedOperation.IdFormatError': { verdict: 'mismatch' },

  'FailedOperation.IdPhotoSystemNoanswer': { failure: 'unavailable' },
  'FailedOperation.CompareSystemError': { failure: 'unavailable' },
  'FailedOperation.LivessSystemError': { failure: 'unavailable' },
  'FailedOperation.LivessUnknownError': { failure: 'unavailable' },
  'FailedOperation.DecryptSystemError': { failure: 'unavailable' },
  'FailedOperation.UnKnown': { failure: 'unavailable' },
  InternalError: { failure: 'unavailable' },
  RequestLimitExceeded: { failure: 'unavailable' },
  ResourceUnavailable: { failure: 'unavailable' },

  'AuthFailure.SignatureFailure': { failure: 'misconfigured' },
  'AuthFailure.SignatureExpire': { failure: 'misconfigured' },
  'AuthFailure.SecretIdNotFound': { failure: 'misconfigured' },
  'AuthFailure.InvalidSecretId': { failure: 'misconfigured' },
  'AuthFailure.UnauthorizedOperation': { failure: 'misconfigured' },
  'UnauthorizedOperation.Nonactivated': { failure: 'misconfigured' },
  'UnauthorizedOperation.Arrears': { failure: 'misconfigured' },
  'UnauthorizedOperation.NonAuthorize': { failure: 'misconfigured' },
  'FailedOperation.StsUnAuthErrError': { failure: 'misconfigured' },
  InvalidParameter: { failure: 'misconfigured' },
  InvalidParameterValue: { failure: 'misconfigured' },
};

/**
 * A code Tencent answered with. Unknown codes fall back by family:
 * `InternalError.*`, `RequestLimitExceeded.*`, `ResourceUnavailable.*` and
 * unknown `FailedOperation.*` give no verdict (unavailable: we must not tell
 * a person they are "not live" on a code we do not know); anything else
 * (AuthFailure, UnauthorizedOperation, InvalidParameter…) needs an operator.
 */
export function tencentFaceOutcome(code: string): TencentFaceOutcome {
  const known = TENCENT_FACE_CODES[code];
  if (known) return known;
  if (/^(InternalError|RequestLimitExceeded|ResourceUnavailable|FailedOperation)\b/.test(code)) return { failure: 'unavailable' };
  return { failure: 'misconfigured' };
}

/**
 * `Sim` (0–100) at or above which a `Success` is the same person: Tencent's
 * documented recommendation ("推荐相似度大于等于70时可判断为同一人").
 */
export const TENCENT_SAME_PERSON_SIMILARITY = 70;
