import { AppError } from '../../errors.ts';
import type { FaceCapture, FaceFrame, FaceVideo, FaceVideoMediaType } from '../../ports/face-verifier.ts';

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

const invalid = () => new AppError('FACE_FRAMES_INVALID', { field: 'frames' });

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

/**
 * What a face check accepts as a clip (verifiers that capture 'video'): the
 * app records 2 prompts of about 1.4 s each at 320×240 and ~300 kbit/s, i.e.
 * 40–150 KB; 2 MB leaves room for a phone that ignores the bitrate hint and
 * is far below Tencent's 8 MB (base64) cap.
 */
export const FACE_VIDEO_POLICY = {
  maxSeconds: 5,
  maxVideoBytes: 2 * 1024 * 1024,
} as const;

const VIDEO_DATA_URL = /^data:(video\/mp4|video\/webm);base64,((?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?)$/;
const MAX_VIDEO_DATA_URL_LENGTH = 'data:video/webm;base64,'.length + Math.ceil(FACE_VIDEO_POLICY.maxVideoBytes / 3) * 4;
/** The container's own first bytes: an ISO-BMFF `ftyp` box at offset 4 (mp4), the EBML header (webm). */
const looksLike: Record<FaceVideoMediaType, (data: Buffer) => boolean> = {
  'video/mp4': (data) => data.subarray(4, 8).toString('latin1') === 'ftyp',
  'video/webm': (data) => data.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])),
};

const invalidVideo = () => new AppError('FACE_VIDEO_INVALID', { field: 'video' });

/**
 * The recorded clip, from a `data:video/mp4;base64,…` or `data:video/webm;base64,…`
 * URL (no codecs parameter): at most 2 MB decoded, starting like its
 * container, and in a container the verifier takes. Else FACE_VIDEO_INVALID.
 */
export function decodeFaceVideo(dataUrl: string | undefined, accepted: readonly FaceVideoMediaType[]): FaceVideo {
  if (dataUrl === undefined || dataUrl.length > MAX_VIDEO_DATA_URL_LENGTH) throw invalidVideo();
  const match = VIDEO_DATA_URL.exec(dataUrl);
  if (!match) throw invalidVideo();
  const mediaType = match[1] as FaceVideoMediaType;
  const data = Buffer.from(match[2]!, 'base64');
  if (!accepted.includes(mediaType) || data.length < 8 || data.length > FACE_VIDEO_POLICY.maxVideoBytes || !looksLike[mediaType](data)) throw invalidVideo();
  return { mediaType, data };
}

/** The container of a MediaRecorder mimeType (`video/mp4;codecs=avc1` → `video/mp4`). */
export function videoContainer(mimeType: string): FaceVideoMediaType | null {
  const container = mimeType.split(';')[0]!.trim();
  return container === 'video/mp4' || container === 'video/webm' ? container : null;
}

/**
 * What the app sent, checked against what the verifier captures: frames
 * (2–6 JPEGs, no clip), or a clip (and no frames: they would be sent for nothing).
 */
export function decodeFaceCapture(capture: FaceCapture, input: { frames: readonly string[]; video?: string }): { frames: FaceFrame[]; video?: FaceVideo } {
  if (capture.kind === 'frames') {
    if (input.video !== undefined) throw invalidVideo();
    return { frames: decodeFaceFrames(input.frames) };
  }
  if (input.frames.length > 0) throw invalid();
  const accepted = capture.mimeTypes.map(videoContainer).filter((container) => container !== null);
  return { frames: [], video: decodeFaceVideo(input.video, accepted) };
}

/**
 * The largest JSON body that can carry a face check: every frame at its cap,
 * or a clip at its cap, plus the other fields (16 KB, the app-wide limit).
 */
export const FACE_BODY_LIMIT_BYTES = Math.max(FACE_FRAME_POLICY.maxFrames * (MAX_DATA_URL_LENGTH + 8), MAX_VIDEO_DATA_URL_LENGTH) + 16 * 1024;
