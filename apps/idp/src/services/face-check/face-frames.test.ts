import { describe, expect, it } from 'vitest';
import { decodeFaceFrames, FACE_BODY_LIMIT_BYTES, FACE_FRAME_POLICY } from './face-frames.ts';

const jpeg = (size = 64) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 7)]);
const url = (bytes: Buffer, prefix = 'data:image/jpeg;base64,') => prefix + bytes.toString('base64');
const rejects = (urls: string[]) => expect(() => decodeFaceFrames(urls)).toThrow(expect.objectContaining({ code: 'FACE_FRAMES_INVALID', status: 422 }));

describe('decodeFaceFrames', () => {
  it('decodes 2–6 JPEG data URLs to their bytes', () => {
    const frames = decodeFaceFrames([url(jpeg(10)), url(jpeg(11)), url(jpeg(12))]);
    expect(frames.map((frame) => [frame.mediaType, frame.data.length])).toEqual([['image/jpeg', 10], ['image/jpeg', 11], ['image/jpeg', 12]]);
    expect(decodeFaceFrames(Array.from({ length: 6 }, () => url(jpeg())))).toHaveLength(6);
  });

  it('refuses too few or too many frames', () => {
    rejects([]);
    rejects([url(jpeg())]);
    rejects(Array.from({ length: 7 }, () => url(jpeg())));
  });

  it('refuses anything but strict base64 JPEG data URLs', () => {
    const good = url(jpeg());
    rejects([url(jpeg(), 'data:image/png;base64,'), good]);
    rejects([url(jpeg(), 'data:image/jpeg;charset=utf-8;base64,'), good]);
    rejects([url(jpeg(), 'DATA:image/jpeg;base64,'), good]);
    rejects([`${good}\n`, good]);
    rejects([good.replace(/.$/, '*'), good]);
    rejects([good.slice(0, -1), good]); // not a multiple of four
    rejects([good.replaceAll('/', '_'), good]); // base64url is not base64 (a JPEG's base64 starts /9j/)
    rejects(['data:image/jpeg;base64,', good]);
    rejects([url(Buffer.from('GIF89a not a jpeg')), good]);
  });

  it('refuses a frame over 200 KB, and the body limit fits six frames at the cap', () => {
    rejects([url(jpeg(FACE_FRAME_POLICY.maxFrameBytes + 1)), url(jpeg())]);
    expect(decodeFaceFrames([url(jpeg(FACE_FRAME_POLICY.maxFrameBytes)), url(jpeg())])[0]!.data.length).toBe(FACE_FRAME_POLICY.maxFrameBytes);
    const sixAtTheCap = JSON.stringify({ frames: Array.from({ length: 6 }, () => url(jpeg(FACE_FRAME_POLICY.maxFrameBytes))), faceConsent: true });
    expect(Buffer.byteLength(sixAtTheCap)).toBeLessThan(FACE_BODY_LIMIT_BYTES);
    expect(FACE_BODY_LIMIT_BYTES).toBeLessThan(1.7 * 1024 * 1024);
  });
});
