import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ui } from '@uia/i18n';
import { errorMessage } from '@uia/web';
import { endpoints, type FaceAction, type FaceCaptureResult } from '../api.ts';
import { captureFrame, recordClip, recorderMimeType, useCamera, type CameraProblem } from '../camera.ts';
import { fill } from '../format.ts';
import { useSite } from '../state.tsx';
import { DemoBadge } from './Layout.tsx';

const f = ui.app.face;

/** The prompt of each action the server may ask for. */
const ACTION_TEXT: Record<FaceAction, string> = { blink: f.blink, shake: f.shakeHead, nod: f.nod };
/** 请正对屏幕 is shown at least this long (while the challenge is fetched) before the first action. */
const GET_READY_MS = 700;
/** Per action: a pause to start it, then frames taken while its prompt is on screen. */
const ACTION_LEAD_MS = 450;
const FRAMES_PER_ACTION = 2;
const FRAME_GAP_MS = 450;

const wait = (ms: number) => new Promise<void>((resolve) => window.setTimeout(resolve, ms));

export function cameraProblemText(problem: CameraProblem): string {
  return problem === 'denied' ? f.cameraDenied : problem === 'insecure' ? f.cameraInsecure : f.cameraUnavailable;
}

type Phase =
  { name: 'camera' } | { name: 'ready' } | { name: 'prompt'; actions: readonly FaceAction[]; index: number; recording: boolean } | { name: 'verifying' } | { name: 'failed'; message: string };

/**
 * 开始人脸识别: the front camera in a round preview; once it is live, a
 * server-issued liveness challenge (POST /app/api/face/challenge) names the
 * actions to prompt for, in its order (e.g. 请缓慢点头 → 请眨眨眼), with 2
 * frames taken during each; then the camera is switched off and
 * `verify({ challengeId, frames })` is called. When the challenge's
 * `capture` says video (a verifier that checks liveness on a clip), the
 * same prompts run while MediaRecorder records the preview's stream in the
 * first of the server's formats this browser supports, and `verify` gets
 * `{ challengeId, frames: [], video }` instead. The challenge is one-time, so
 * every attempt (重新识别 too) fetches a new one. The frames (or clip) exist only in
 * that call: nothing keeps them afterwards. A failed check shows the message
 * with 重新识别; `onError` may take an error over instead (e.g. back to the form).
 */
export function FaceCapture({
  verify,
  onError,
  onCancel,
  alternative,
}: {
  verify: (capture: FaceCaptureResult) => Promise<void>;
  /** Return true when the caller handled the error (the capture then stays quiet). */
  onError?: (error: unknown) => boolean;
  onCancel: () => void;
  /** What to offer when the camera cannot be used (e.g. the SMS login link). */
  alternative?: ReactNode;
}) {
  const site = useSite();
  const [phase, setPhase] = useState<Phase>({ name: 'camera' });
  const capturing = phase.name === 'ready' || phase.name === 'prompt';
  const running = phase.name === 'camera' || capturing;
  const camera = useCamera('user', running);
  const { videoRef, stop: stopCamera } = camera;
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const statusRef = useRef<HTMLParagraphElement | null>(null);
  const live = camera.status.state === 'live';

  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const verifyRef = useRef(verify);
  const onErrorRef = useRef(onError);
  verifyRef.current = verify;
  onErrorRef.current = onError;

  // Each time the preview goes live: a new challenge, its prompts, the frames, the check.
  useEffect(() => {
    if (!live) return;
    let cancelled = false;
    let recording: ReturnType<typeof recordClip> | null = null;
    // An effect cannot await: the run shows its own failures as the 'failed' phase.
    void (async () => {
      const frames: string[] = [];
      try {
        setPhase({ name: 'ready' });
        let challenge;
        try {
          [challenge] = await Promise.all([endpoints.faceChallenge(), wait(GET_READY_MS)]);
        } catch (error: unknown) {
          if (cancelled || !mounted.current) return;
          stopCamera();
          setPhase({ name: 'failed', message: errorMessage(error) });
          return;
        }
        const { capture } = challenge;
        if (capture.kind === 'video') {
          const stream = videoRef.current?.srcObject;
          const mimeType = recorderMimeType(capture.mimeTypes);
          if (!mimeType || !(stream instanceof MediaStream)) {
            stopCamera();
            setPhase({ name: 'failed', message: f.videoUnsupported });
            return;
          }
          recording = recordClip(stream, mimeType, capture.maxSeconds);
        }
        const size = capture.kind === 'frames' ? capture.frameSize : undefined;
        for (let index = 0; index < challenge.actions.length; index++) {
          if (cancelled) return;
          setPhase({ name: 'prompt', actions: challenge.actions, index, recording: recording !== null });
          await wait(ACTION_LEAD_MS);
          for (let n = 0; n < FRAMES_PER_ACTION; n++) {
            if (cancelled) return;
            const video = videoRef.current;
            const canvas = canvasRef.current;
            // Recording: the same pauses, so each prompt is on screen as long as in the frames path.
            const frame = !recording && video && canvas ? captureFrame(video, canvas, size?.width, size?.height) : null;
            if (frame) frames.push(frame);
            await wait(FRAME_GAP_MS);
          }
        }
        if (cancelled) return;
        const clip = recording ? await recording.stop() : undefined;
        recording = null;
        if (cancelled) return;
        // From here on the camera is off: this run no longer depends on the preview.
        stopCamera();
        setPhase({ name: 'verifying' });
        try {
          await verifyRef.current(clip === undefined ? { challengeId: challenge.challengeId, frames } : { challengeId: challenge.challengeId, frames: [], video: clip ?? '' });
        } catch (error: unknown) {
          if (!mounted.current || onErrorRef.current?.(error)) return;
          setPhase({ name: 'failed', message: errorMessage(error) });
        }
      } finally {
        // The face images live only for this one request; a recording cut short is dropped.
        frames.length = 0;
        void recording?.stop();
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [live, videoRef, stopCamera]);

  useEffect(() => {
    if (phase.name === 'failed') statusRef.current?.focus();
  }, [phase.name]);

  const problem = camera.status.state === 'error' ? camera.status.problem : null;
  const promptText =
    phase.name === 'ready'
      ? f.lookAtScreen
      : phase.name === 'prompt'
        ? ACTION_TEXT[phase.actions[phase.index]!]
        : phase.name === 'verifying'
          ? f.verifying
          : phase.name === 'failed'
            ? phase.message
            : problem
              ? cameraProblemText(problem)
              : f.preparing;

  return (
    <section className="face" aria-labelledby="face-title">
      <h2 id="face-title" className="face-title">
        {f.title}
        <DemoBadge />
      </h2>
      <div className={`face-frame${capturing ? ' is-capturing' : ''}${phase.name === 'failed' || problem ? ' is-failed' : ''}`}>
        <video ref={camera.videoRef} className="face-video" muted playsInline autoPlay aria-label={f.previewLabel} hidden={!running || !live} />
        {phase.name === 'verifying' && <span className="spinner face-spinner" aria-hidden="true" />}
        {phase.name === 'prompt' && phase.recording && <span className="face-recording">{f.recording}</span>}
      </div>
      <canvas ref={canvasRef} hidden />

      <p
        ref={statusRef}
        tabIndex={-1}
        className={phase.name === 'failed' || problem ? 'face-prompt is-error' : 'face-prompt'}
        role={phase.name === 'failed' || problem ? 'alert' : 'status'}
        aria-live="assertive"
      >
        {promptText}
      </p>
      {phase.name === 'prompt' && <p className="face-step">{fill(f.progress, { step: phase.index + 1, total: phase.actions.length })}</p>}
      {site.demo && running && !problem && <p className="face-note">{f.demoNote}</p>}
      {!problem && phase.name !== 'failed' && <p className="face-note">{f.privacyNote}</p>}

      <div className="face-actions">
        {phase.name === 'failed' && (
          <button type="button" className="button button-primary button-block button-large" onClick={() => setPhase({ name: 'camera' })}>
            {f.retry}
          </button>
        )}
        {problem && (
          <button type="button" className="button button-primary button-block button-large" onClick={camera.restart}>
            {ui.app.retry}
          </button>
        )}
        {(problem || phase.name === 'failed') && alternative}
        <button type="button" className="button button-plain button-block" onClick={onCancel} disabled={phase.name === 'verifying'}>
          {phase.name === 'failed' || problem ? f.backToForm : f.cancel}
        </button>
      </div>
    </section>
  );
}
