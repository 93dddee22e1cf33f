import { describe, expect, it } from 'vitest';
import type { FaceCapture } from '../../ports/face-verifier.ts';
import { decodeFaceCapture, decodeFaceFrames, decodeFaceVideo, FACE_BODY_LIMIT_BYTES, FACE_FRAME_POLICY, FACE_VIDEO_POLICY, videoContainer } from './face-frames.ts';

const jpeg = (size = 64) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 7)]);
const url = (bytes: Buffer, prefix = 'data:image/jpeg;base64,') => prefix + bytes.toString('base64');
const rejects = (urls: string[]) => expect(() => decodeFaceFrames(urls)).toThrow(expect.objectContaining({ code: 'FACE_FRAMES_INVALID', status: 422 }));

describe('decodeFaceFrames', () => {
  it('decodes 2–6 JPEG data URLs to their bytes', () => {
    const frames = decodeFaceFrames([url(jpeg(10)), url(jpeg(11)), url(jpeg(12))]);
    expect(frames.map((frame) => [frame.mediaType, frame.data.length])).toEqual([
      ['image/jpeg', 10],
      ['image/jpeg', 11],
      ['image/jpeg', 12],
    ]);
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
  });
});

const mp4 = (size = 64) => Buffer.concat([Buffer.from('00000020667479706973366d', 'hex'), Buffer.alloc(size - 12, 5)]);
const webm = (size = 64) => Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(size - 4, 5)]);
const videoUrl = (bytes: Buffer, type = 'video/mp4') => `data:${type};base64,${bytes.toString('base64')}`;
const videoRejected = (run: () => unknown) => expect(run).toThrow(expect.objectContaining({ code: 'FACE_VIDEO_INVALID', status: 422, field: 'video' }));

describe('decodeFaceVideo', () => {
  it('decodes an MP4 or WebM data URL the verifier takes', () => {
    expect(decodeFaceVideo(videoUrl(mp4(100)), ['video/mp4'])).toEqual({ mediaType: 'video/mp4', data: mp4(100) });
    expect(decodeFaceVideo(videoUrl(webm(), 'video/webm'), ['video/mp4', 'video/webm']).mediaType).toBe('video/webm');
  });

  it('refuses a missing clip, another container, a codecs parameter, bytes of another format, or what the verifier does not take', () => {
    videoRejected(() => decodeFaceVideo(undefined, ['video/mp4']));
    videoRejected(() => decodeFaceVideo(videoUrl(webm(), 'video/webm'), ['video/mp4']));
    videoRejected(() => decodeFaceVideo(videoUrl(mp4(), 'video/mp4;codecs=avc1'), ['video/mp4']));
    videoRejected(() => decodeFaceVideo(videoUrl(mp4(), 'video/quicktime'), ['video/mp4']));
    videoRejected(() => decodeFaceVideo(videoUrl(webm(), 'video/mp4'), ['video/mp4']));
    videoRejected(() => decodeFaceVideo(videoUrl(mp4(), 'video/webm'), ['video/webm']));
    videoRejected(() => decodeFaceVideo(`${videoUrl(mp4())}\n`, ['video/mp4']));
    videoRejected(() => decodeFaceVideo('data:video/mp4;base64,', ['video/mp4']));
  });

  it('refuses a clip over 2 MB, and the body limit fits a clip at the cap', () => {
    videoRejected(() => decodeFaceVideo(videoUrl(mp4(FACE_VIDEO_POLICY.maxVideoBytes + 1)), ['video/mp4']));
    expect(decodeFaceVideo(videoUrl(mp4(FACE_VIDEO_POLICY.maxVideoBytes)), ['video/mp4']).data.length).toBe(FACE_VIDEO_POLICY.maxVideoBytes);
    const clipAtTheCap = JSON.stringify({ frames: [], video: videoUrl(webm(FACE_VIDEO_POLICY.maxVideoBytes), 'video/webm'), faceConsent: true, challengeId: 'fc_AAAAAAAAAAAAAAAAAAAAAA' });
    expect(Buffer.byteLength(clipAtTheCap)).toBeLessThan(FACE_BODY_LIMIT_BYTES);
    // Raised only as far as the clip needs: 2 MB of video is 2.7 MB of base64.
    expect(FACE_BODY_LIMIT_BYTES).toBeLessThan(2.8 * 1024 * 1024);
  });

  it('reads the container of a MediaRecorder mimeType', () => {
    expect(['video/mp4;codecs=avc1', 'video/webm; codecs="vp8"', 'video/x-matroska', 'image/jpeg'].map(videoContainer)).toEqual(['video/mp4', 'video/webm', null, null]);
  });
});

describe('decodeFaceCapture', () => {
  const frames: FaceCapture = { kind: 'frames' };
  const video: FaceCapture = { kind: 'video', mimeTypes: ['video/mp4;codecs=avc1'], maxSeconds: 5 };
  const twoFrames = [url(jpeg()), url(jpeg())];

  it('takes frames for a frames verifier, a clip (and no frames) for a video one', () => {
    expect(decodeFaceCapture(frames, { frames: twoFrames })).toEqual({ frames: decodeFaceFrames(twoFrames) });
    expect(decodeFaceCapture(video, { frames: [], video: videoUrl(mp4()) })).toEqual({ frames: [], video: { mediaType: 'video/mp4', data: mp4() } });
  });

  it('refuses the other kind of capture', () => {
    videoRejected(() => decodeFaceCapture(frames, { frames: twoFrames, video: videoUrl(mp4()) }));
    videoRejected(() => decodeFaceCapture(video, { frames: [] }));
    videoRejected(() => decodeFaceCapture(video, { frames: [], video: videoUrl(webm(), 'video/webm') }));
    expect(() => decodeFaceCapture(video, { frames: twoFrames, video: videoUrl(mp4()) })).toThrow(expect.objectContaining({ code: 'FACE_FRAMES_INVALID' }));
  });
});
