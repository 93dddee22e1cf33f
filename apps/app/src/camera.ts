import { useCallback, useEffect, useRef, useState } from 'react';

export type CameraProblem = 'denied' | 'unavailable' | 'insecure';

export type CameraStatus = { state: 'idle' } | { state: 'starting' } | { state: 'live' } | { state: 'error'; problem: CameraProblem };

function problemOf(error: unknown): CameraProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  return 'unavailable';
}

export function stopStream(stream: MediaStream | null): void {
  stream?.getTracks().forEach((track) => track.stop());
}

/**
 * The camera in a <video> preview while `active`: getUserMedia with the
 * given facing mode; every track is stopped when `stop()` is called, when
 * `active` turns false and on unmount.
 */
export function useCamera(facingMode: 'user' | 'environment', active: boolean) {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const [status, setStatus] = useState<CameraStatus>({ state: 'idle' });
  const [attempt, setAttempt] = useState(0);

  const stop = useCallback(() => {
    stopStream(streamRef.current);
    streamRef.current = null;
    const video = videoRef.current;
    if (video) video.srcObject = null;
  }, []);

  useEffect(() => {
    if (!active) {
      setStatus({ state: 'idle' });
      return;
    }
    let cancelled = false;
    const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    if (!media || typeof media.getUserMedia !== 'function') {
      setStatus({ state: 'error', problem: window.isSecureContext ? 'unavailable' : 'insecure' });
      return;
    }
    setStatus({ state: 'starting' });
    media
      .getUserMedia({
        audio: false,
        video: facingMode === 'user' ? { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } } : { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
      })
      .then(async (stream) => {
        if (cancelled) {
          stopStream(stream);
          return;
        }
        streamRef.current = stream;
        const video = videoRef.current;
        if (!video) return;
        video.muted = true;
        video.playsInline = true;
        video.srcObject = stream;
        try {
          await video.play();
        } catch {
          /* autoplay of a muted inline video is allowed; a paused preview still has frames */
        }
        if (!cancelled) setStatus({ state: 'live' });
      })
      .catch((error: unknown) => {
        if (!cancelled) setStatus({ state: 'error', problem: problemOf(error) });
      });
    return () => {
      cancelled = true;
      stop();
    };
  }, [active, facingMode, attempt, stop]);

  const restart = useCallback(() => setAttempt((n) => n + 1), []);

  return { videoRef, status, stop, restart };
}

/**
 * One frame of the preview as a JPEG data URL: the centre of the picture
 * cropped to 4:3, at 320×240.
 */
export function captureFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement, width = 320, height = 240, quality = 0.7): string | null {
  const vw = video.videoWidth;
  const vh = video.videoHeight;
  if (!vw || !vh) return null;
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  const target = width / height;
  let sw = vw;
  let sh = vh;
  if (vw / vh > target) sw = Math.round(vh * target);
  else sh = Math.round(vw / target);
  context.drawImage(video, Math.round((vw - sw) / 2), Math.round((vh - sh) / 2), sw, sh, 0, 0, width, height);
  const url = canvas.toDataURL('image/jpeg', quality);
  context.clearRect(0, 0, width, height);
  return url.startsWith('data:image/jpeg') ? url : null;
}

/** The first of the server's MediaRecorder mimeTypes this browser can record, or null. */
export function recorderMimeType(mimeTypes: readonly string[]): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  return mimeTypes.find((type) => MediaRecorder.isTypeSupported(type)) ?? null;
}

/**
 * Records the preview's stream (a low bitrate: a 3 s clip is ~100 KB) until
 * `stop()` or `maxSeconds`, whichever comes first; `stop()` resolves to the
 * clip as a `data:<container>;base64,…` URL (the codecs parameter dropped:
 * the server wants the container only), or null when nothing was recorded.
 */
export function recordClip(stream: MediaStream, mimeType: string, maxSeconds: number): { stop: () => Promise<string | null> } {
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 300_000 });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => {
    if (event.data.size > 0) chunks.push(event.data);
  };
  const stopped = new Promise<void>((resolve) => {
    recorder.onstop = () => resolve();
  });
  const end = () => {
    if (recorder.state !== 'inactive') recorder.stop();
  };
  const limit = window.setTimeout(end, maxSeconds * 1000);
  recorder.start();
  return {
    async stop() {
      window.clearTimeout(limit);
      end();
      await stopped;
      const container = mimeType.split(';')[0]!.trim();
      const clip = new Blob(chunks, { type: container });
      chunks.length = 0;
      if (clip.size === 0) return null;
      return new Promise<string | null>((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : null);
        reader.onerror = () => resolve(null);
        reader.readAsDataURL(clip);
      });
    },
  };
}
