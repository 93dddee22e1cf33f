import { AppError } from '../../errors.ts';

/** Face processing needs its own consent (人脸识别授权), apart from the user agreement. */
export function requireFaceConsent(faceConsent: boolean): void {
  if (faceConsent !== true) throw new AppError('FACE_CONSENT_REQUIRED', { field: 'faceConsent' });
}
