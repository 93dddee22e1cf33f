import { afterEach, describe, expect, it, vi } from 'vitest';
import { recorderMimeType } from './camera.ts';

describe('recorderMimeType', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("picks the first of the server's types the browser can record, in the server's order", () => {
    vi.stubGlobal('MediaRecorder', { isTypeSupported: (type: string) => type !== 'video/mp4;codecs=avc1' });
    expect(recorderMimeType(['video/mp4;codecs=avc1', 'video/webm;codecs=vp8', 'video/mp4'])).toBe('video/webm;codecs=vp8');
    vi.stubGlobal('MediaRecorder', { isTypeSupported: () => true });
    expect(recorderMimeType(['video/mp4;codecs=avc1', 'video/webm;codecs=vp8'])).toBe('video/mp4;codecs=avc1');
  });

  it('is null when none of them can be recorded, or the browser has no MediaRecorder', () => {
    vi.stubGlobal('MediaRecorder', { isTypeSupported: () => false });
    expect(recorderMimeType(['video/mp4;codecs=avc1'])).toBeNull();
    vi.stubGlobal('MediaRecorder', undefined);
    expect(recorderMimeType(['video/mp4;codecs=avc1'])).toBeNull();
  });
});
