import { useCallback, useEffect, useRef, useState, type Ref } from 'react';
import { ui } from '@uia/i18n';
import { errorMessage, sharedEndpoints } from './api.ts';
import { TextInput, type InputRowProps } from './Field.tsx';

export interface CaptchaState {
  id: string | null;
  image: string | null;
  /** 'audio': the current challenge is spoken (听语音验证码), not drawn. */
  mode: 'image' | 'audio';
  loading: boolean;
  error: string | null;
  /** What a screen reader hears about the spoken challenge (playing, or failed). */
  audioStatus: string | null;
  /** Ask the server for a new one-time challenge, picture or spoken as now (a spoken one waits for 重新播放). */
  refresh: () => void;
  /** Leave the spoken challenge for a new picture. */
  showImage: () => void;
  /** Ask for a new one-time spoken challenge and play it. */
  listen: () => void;
  /** Play the spoken challenge again (the server sends each one once; the page keeps it). */
  replay: () => void;
}

type Shown = Omit<CaptchaState, 'refresh' | 'showImage' | 'listen' | 'replay'>;

const DATA_URL = /^data:audio\/wav;base64,([A-Za-z0-9+/=]+)$/;

/**
 * Plays through Web Audio: the page's CSP allows media only from the
 * platform's own URLs (no data: or blob: <audio>), and the challenge is sent
 * once, inside the JSON that created it.
 */
async function decodeWav(context: AudioContext, dataUrl: string): Promise<AudioBuffer> {
  const base64 = DATA_URL.exec(dataUrl)?.[1];
  if (!base64) throw new Error('not a WAV data URL');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return context.decodeAudioData(bytes.buffer);
}

/** One captcha challenge (POST /api/captcha, or /api/captcha/audio), refreshed on demand. */
export function useCaptcha(): CaptchaState {
  const [state, setState] = useState<Shown>({ id: null, image: null, mode: 'image', loading: true, error: null, audioStatus: null });
  const generation = useRef(0);
  const spoken = useRef(false);
  const audio = useRef<{ context: AudioContext; buffer: AudioBuffer | null; source: AudioBufferSourceNode | null } | null>(null);

  const stop = useCallback(() => {
    audio.current?.source?.stop();
    if (audio.current) audio.current.source = null;
  }, []);

  const play = useCallback(() => {
    const player = audio.current;
    if (!player?.buffer) return;
    stop();
    void player.context.resume();
    const source = player.context.createBufferSource();
    source.buffer = player.buffer;
    source.connect(player.context.destination);
    source.start();
    player.source = source;
  }, [stop]);

  const showImage = useCallback(() => {
    const mine = ++generation.current;
    spoken.current = false;
    stop();
    setState((s) => ({ ...s, mode: 'image', loading: true, error: null, audioStatus: null }));
    sharedEndpoints.captcha().then(
      (challenge) => {
        if (mine !== generation.current) return;
        setState({ id: challenge.id, image: challenge.image, mode: 'image', loading: false, error: null, audioStatus: null });
      },
      (error: unknown) => {
        if (mine !== generation.current) return;
        setState({ id: null, image: null, mode: 'image', loading: false, error: errorMessage(error), audioStatus: null });
      },
    );
  }, [stop]);

  /** `autoplay` only from a click (the browser lets a page play sound then); else 重新播放 plays it. */
  const loadAudio = useCallback(
    (autoplay: boolean) => {
      const mine = ++generation.current;
      spoken.current = true;
      stop();
      const context = audio.current?.context ?? new AudioContext();
      audio.current = { context, buffer: null, source: null };
      setState((s) => ({ ...s, id: null, image: null, mode: 'audio', loading: true, error: null, audioStatus: ui.captcha.audioLoading }));
      sharedEndpoints
        .audioCaptcha()
        .then(async (challenge) => {
          const buffer = await decodeWav(context, challenge.audio);
          if (mine !== generation.current) return;
          audio.current = { context, buffer, source: null };
          setState({ id: challenge.id, image: null, mode: 'audio', loading: false, error: null, audioStatus: autoplay ? ui.captcha.audioPlaying : ui.captcha.audioReady });
          if (autoplay) play();
        })
        .catch((error: unknown) => {
          if (mine !== generation.current) return;
          setState({ id: null, image: null, mode: 'audio', loading: false, error: errorMessage(error), audioStatus: ui.captcha.audioFailed });
        });
    },
    [play, stop],
  );

  // A used-up challenge is replaced in the form the person chose.
  const refresh = useCallback(() => (spoken.current ? loadAudio(false) : showImage()), [loadAudio, showImage]);
  const listen = useCallback(() => loadAudio(true), [loadAudio]);

  useEffect(() => {
    showImage();
    return () => {
      // eslint-disable-next-line react-hooks/exhaustive-deps -- a request counter, not a DOM ref: bumping its latest value is what drops the answer of a request still on its way
      generation.current++;
      audio.current?.source?.stop();
      void audio.current?.context.close();
      audio.current = null;
    };
  }, [showImage]);

  return { ...state, refresh, listen, showImage, replay: play };
}

/**
 * The captcha picture (the <img> carries data-captcha-id), a button so that
 * it can be refreshed by keyboard too, and next to it 听语音验证码 — or, once
 * the challenge is spoken, 重新播放 (carrying data-captcha-id) and 换回图形验证码.
 */
export function CaptchaImage({ captcha }: { captcha: CaptchaState }) {
  const spoken = captcha.mode === 'audio';
  return (
    <>
      {spoken ? (
        <button type="button" className="captcha-button captcha-replay" onClick={captcha.replay} disabled={!captcha.id} data-captcha-id={captcha.id ?? undefined} aria-label={ui.captcha.replayLabel}>
          <span className="captcha-placeholder">{captcha.loading ? ui.captcha.loading : captcha.id ? ui.captcha.replay : ui.captcha.loadFailed}</span>
        </button>
      ) : (
        <button type="button" className="captcha-button" onClick={captcha.refresh} title={ui.captcha.refreshTitle} aria-label={`${ui.captcha.alt}，${ui.captcha.refreshTitle}`}>
          {captcha.image && captcha.id ? (
            <img className={captcha.loading ? 'captcha-image is-loading' : 'captcha-image'} src={captcha.image} data-captcha-id={captcha.id} alt={ui.captcha.alt} width={110} height={40} />
          ) : (
            <span className="captcha-placeholder">{captcha.loading ? ui.captcha.loading : ui.captcha.loadFailed}</span>
          )}
        </button>
      )}
      <button
        type="button"
        className="captcha-audio-button"
        onClick={spoken ? captcha.showImage : captcha.listen}
        title={spoken ? ui.captcha.backToImage : ui.captcha.listenTitle}
        aria-label={spoken ? ui.captcha.backToImage : ui.captcha.listen}
      >
        {spoken ? <PictureIcon /> : <SpeakerIcon />}
      </button>
      <span className="visually-hidden" role="status">
        {captcha.audioStatus ?? ''}
      </span>
    </>
  );
}

function SpeakerIcon() {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
      <path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

function PictureIcon() {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <rect x="3.5" y="5" width="17" height="14" rx="2" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <path d="m5 17 5-5 3.5 3.5L16 13l3.5 4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
    </svg>
  );
}

/** What to show under a captcha answer: the answer's own error, else that the challenge did not load. */
export function captchaFieldError(captcha: CaptchaState, error: string | null | undefined): string | undefined {
  return error ?? (captcha.error ? (captcha.mode === 'audio' ? ui.captcha.audioFailed : ui.captcha.loadFailedMessage) : undefined);
}

/** The captcha answer input with its picture, in one row. */
export function CaptchaInput({
  captcha,
  rowClassName,
  inputClassName = 'input',
  required = false,
  ...input
}: InputRowProps & { captcha: CaptchaState; inputClassName?: string; inputRef?: Ref<HTMLInputElement> }) {
  return (
    <div className={rowClassName}>
      <TextInput
        kind="captchaAnswer"
        {...input}
        className={inputClassName}
        inputMode={captcha.mode === 'audio' ? 'numeric' : undefined}
        maxLength={captcha.mode === 'audio' ? 12 : 8}
        aria-required={required || undefined}
      />
      <CaptchaImage captcha={captcha} />
    </div>
  );
}
