import { useCallback, useEffect, useRef, useState, type Ref } from 'react';
import { ui } from '@uia/i18n';
import { errorMessage, sharedEndpoints } from './api.ts';
import { describedBy } from './Field.tsx';

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
    sharedEndpoints.captcha().then(
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
      // eslint-disable-next-line react-hooks/exhaustive-deps -- a request counter, not a DOM ref: bumping its latest value is what drops the answer of a request still on its way
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

/** What to show under a captcha answer: the answer's own error, else that the picture did not load. */
export function captchaFieldError(captcha: CaptchaState, error: string | null | undefined): string | undefined {
  return error ?? (captcha.error ? ui.captcha.loadFailedMessage : undefined);
}

/** The captcha answer input with its picture, in one row (`rowClassName`: each stylesheet's row). */
export function CaptchaInput({
  id,
  captcha,
  value,
  onChange,
  error,
  placeholder,
  rowClassName,
  inputClassName = 'input',
  required = false,
  inputRef,
}: {
  id: string;
  captcha: CaptchaState;
  value: string;
  onChange: (value: string) => void;
  error: string | null | undefined;
  placeholder: string;
  rowClassName: string;
  inputClassName?: string;
  required?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <div className={rowClassName}>
      <input
        ref={inputRef}
        id={id}
        name="captchaAnswer"
        className={inputClassName}
        type="text"
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        maxLength={8}
        placeholder={placeholder}
        value={value}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { error })}
        onChange={(e) => onChange(e.target.value)}
      />
      <CaptchaImage captcha={captcha} />
    </div>
  );
}
