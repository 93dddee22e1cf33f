import { useState } from 'react';
import { ui } from '@uia/i18n';
import { useCaptcha, type CaptchaState } from '@uia/web';

/** A one-time captcha challenge and the answer typed to it: both go with every attempt that uses the challenge. */
export interface CaptchaAnswer {
  captcha: CaptchaState;
  answer: string;
  setAnswer: (value: string) => void;
  /** The client-side check before sending: an answer typed, and a challenge loaded for it to answer. */
  missing: (requiredMessage: string) => string | undefined;
  /** What a request carries: the challenge's id and the answer. */
  sent: () => { captchaId: string; captchaAnswer: string };
  /** The challenge was used up by an attempt, right or wrong: a new one, and a new answer to type. */
  used: () => void;
}

export function useCaptchaAnswer(): CaptchaAnswer {
  const captcha = useCaptcha();
  const [answer, setAnswer] = useState('');
  return {
    captcha,
    answer,
    setAnswer,
    missing: (requiredMessage) => (!answer.trim() ? requiredMessage : captcha.id ? undefined : ui.captcha.loadFailedMessage),
    sent: () => ({ captchaId: captcha.id ?? '', captchaAnswer: answer.trim() }),
    used: () => {
      captcha.refresh();
      setAnswer('');
    },
  };
}
