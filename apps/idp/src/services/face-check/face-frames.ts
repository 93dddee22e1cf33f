import { AppError } from '../../errors.ts';
import type { FaceFrame } from '../../ports/face-verifier.ts';

/** What a face check accepts from the app (docs/api.md). */
export const FACE_FRAME_POLICY = {
  minFrames: 2,
  maxFrames: 6,
  /** Decoded bytes per frame. */
  maxFrameBytes: 200 * 1024,
} as const;

const DATA_URL_PREFIX = 'data:image/jpeg;base64,';
const MAX_DATA_URL_LENGTH = DATA_URL_PREFIX.length + Math.ceil(FACE_FRAME_POLICY.maxFrameBytes / 3) * 4;
// Standard base64 of a JPEG, nothing else: no parameters, no whitespace, no other media type.
const JPEG_DATA_URL = /^data:image\/jpeg;base64,((?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?)$/;
const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);

const invalid = () => new AppError('FACE_FRAMES_INVALID', { status: 422, field: 'frames' });

/**
 * The captured frames, from `data:image/jpeg;base64,…` URLs: 2–6 of them,
 * each at most 200 KB once decoded and starting like a JPEG. Anything else
 * is FACE_FRAMES_INVALID. The bytes go to the face verifier and nowhere else.
 */
export function decodeFaceFrames(dataUrls: readonly string[]): FaceFrame[] {
  if (dataUrls.length < FACE_FRAME_POLICY.minFrames || dataUrls.length > FACE_FRAME_POLICY.maxFrames) throw invalid();
  return dataUrls.map((dataUrl) => {
    // Checked before the regex runs, so an oversized string costs nothing.
    if (dataUrl.length > MAX_DATA_URL_LENGTH) throw invalid();
    const base64 = JPEG_DATA_URL.exec(dataUrl)?.[1];
    if (!base64) throw invalid();
    const data = Buffer.from(base64, 'base64');
    if (data.length > FACE_FRAME_POLICY.maxFrameBytes || !data.subarray(0, 3).equals(JPEG_MAGIC)) throw invalid();
    return { mediaType: 'image/jpeg', data };
  });
}

/** The largest JSON body that can carry a face check: every frame at its cap, plus the other fields (16 KB, the app-wide limit). */
export const FACE_BODY_LIMIT_BYTES = FACE_FRAME_POLICY.maxFrames * (MAX_DATA_URL_LENGTH + 8) + 16 * 1024;
