import { useState } from 'react';
import { ui } from '@uia/i18n';
import { useCaptcha, type CaptchaState } from './Captcha.tsx';

/** The captcha's answer as a request carries it. */
export interface CaptchaAnswered {
  captchaId: string;
  captchaAnswer: string;
}

/** A one-time captcha challenge and the answer typed to it: both go with every attempt that uses the challenge. */
export interface CaptchaAnswer {
  captcha: CaptchaState;
  answer: string;
  setAnswer: (value: string) => void;
  /** The client-side check before sending: an answer typed, and a challenge loaded for it to answer. */
  missing: (requiredMessage: string) => string | undefined;
  /** What a request carries: the challenge's id and the answer. */
  sent: () => CaptchaAnswered;
  /** The challenge was used up by an attempt, right or wrong: a new one, and a new answer to type. */
  used: () => void;
  /** Runs a request with the answer, then `used()` whatever its outcome. */
  spend: <R>(request: (answered: CaptchaAnswered) => Promise<R>) => Promise<R>;
}

export function useCaptchaAnswer(): CaptchaAnswer {
  const captcha = useCaptcha();
  const [answer, setAnswer] = useState('');
  const sent = () => ({ captchaId: captcha.id ?? '', captchaAnswer: answer.trim() });
  const used = () => {
    captcha.refresh();
    setAnswer('');
  };
  return {
    captcha,
    answer,
    setAnswer,
    missing: (requiredMessage) => (!answer.trim() ? requiredMessage : captcha.id ? undefined : ui.captcha.loadFailedMessage),
    sent,
    used,
    spend: async (request) => {
      try {
        return await request(sent());
      } finally {
        used();
      }
    },
  };
}
