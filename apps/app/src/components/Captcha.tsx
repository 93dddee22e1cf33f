import { useCallback, useEffect, useRef, useState } from 'react';
import { ui } from '@uia/i18n';
import { endpoints, errorMessage } from '../api.ts';

export interface CaptchaState {
  id: string | null;
  image: string | null;
  loading: boolean;
  error: string | null;
  /** Ask the server for a new one-time challenge. */
  refresh: () => void;
}

/** One graphic captcha challenge (POST /api/captcha), refreshed on demand. */
export function useCaptcha(): CaptchaState {
  const [state, setState] = useState<Omit<CaptchaState, 'refresh'>>({ id: null, image: null, loading: true, error: null });
  const generation = useRef(0);

  const refresh = useCallback(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    endpoints.captcha().then(
      (challenge) => {
        if (mine !== generation.current) return;
        setState({ id: challenge.id, image: challenge.image, loading: false, error: null });
      },
      (error: unknown) => {
        if (mine !== generation.current) return;
        setState({ id: null, image: null, loading: false, error: errorMessage(error) });
      },
    );
  }, []);

  useEffect(() => {
    refresh();
    return () => {
      generation.current++;
    };
  }, [refresh]);

  return { ...state, refresh };
}

/** The captcha picture (the <img> carries data-captcha-id); a button, so that it can be refreshed by keyboard too. */
export function CaptchaImage({ captcha }: { captcha: CaptchaState }) {
  return (
    <button
      type="button"
      className="captcha-button"
      onClick={captcha.refresh}
      title={ui.captcha.refreshTitle}
      aria-label={`${ui.captcha.alt}，${ui.captcha.refreshTitle}`}
    >
      {captcha.image && captcha.id ? (
        <img
          className={captcha.loading ? 'captcha-image is-loading' : 'captcha-image'}
          src={captcha.image}
          data-captcha-id={captcha.id}
          alt={ui.captcha.alt}
          width={110}
          height={40}
        />
      ) : (
        <span className="captcha-placeholder">{captcha.loading ? ui.captcha.loading : ui.captcha.loadFailed}</span>
      )}
    </button>
  );
}
