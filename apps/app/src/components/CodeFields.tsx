// The captcha and SMS code fields of the app's forms (短信验证码登录, 换绑手机号), and their state.
import { useState } from 'react';
import { fillTemplate, ui } from '@uia/i18n';
import { CaptchaInput, codeSent, SmsCodeInput, sendRefused, useCountdown, type CaptchaAnswer, type Countdown } from '@uia/web';
import { focusLater } from '../focus-later.ts';
import { Field } from './Field.tsx';

/** The wording of the two fields (each form's catalogue has the same keys). */
export type CodeTexts = Pick<typeof ui.app.smsLogin, 'captchaLabel' | 'captchaPlaceholder' | 'captchaRequired' | 'smsCodeLabel' | 'smsCodePlaceholder' | 'smsCodeRequired' | 'sendFirst'>;

/** Where a code went and for how long it is good (验证码已发送至…). */
export interface CodeSentTo {
  maskedPhone: string;
  minutes: number;
}

export interface SmsCode<S extends CodeSentTo> {
  id: string;
  code: string;
  setCode: (code: string) => void;
  countdown: Countdown;
  sending: boolean;
  sentTo: S | null;
  setSentTo: (sentTo: S | null) => void;
  /** Why the code may not be submitted yet (none sent, or not six digits); null when it may. */
  problem: () => string | null;
  /**
   * Sends a code unless one is on its way or the resend countdown runs; then
   * the countdown follows the answer (or a refusal as too soon), and the code's input has focus.
   */
  send: <R extends { resendAfter?: unknown; expiresIn?: unknown }>(request: () => Promise<R>, sent: (result: R) => Omit<S, 'minutes'>, failed: (error: unknown) => void) => Promise<void>;
}

/** 短信验证码: the code typed into the input `id`, and the sending of it. */
export function useSmsCode<S extends CodeSentTo = CodeSentTo>(id: string, texts: Pick<CodeTexts, 'sendFirst' | 'smsCodeRequired'>): SmsCode<S> {
  const countdown = useCountdown();
  const [code, setCode] = useState('');
  const [sending, setSending] = useState(false);
  const [sentTo, setSentTo] = useState<S | null>(null);
  return {
    id,
    code,
    setCode,
    countdown,
    sending,
    sentTo,
    setSentTo,
    problem: () => (!sentTo ? texts.sendFirst : !/^\d{6}$/.test(code.trim()) ? texts.smsCodeRequired : null),
    send: async (request, sent, failed) => {
      if (sending || countdown.seconds > 0) return;
      setSending(true);
      try {
        const result = await request();
        setSentTo({ ...sent(result), minutes: codeSent(countdown, result) } as S);
        focusLater(id);
      } catch (error: unknown) {
        sendRefused(countdown, error);
        failed(error);
      } finally {
        setSending(false);
      }
    },
  };
}

/** What a field's input does with a value typed: keeps it, then `onEdit` (e.g. clearing the field's error). */
const edited = (set: (value: string) => void, onEdit: () => void) => (value: string) => {
  set(value);
  onEdit();
};

/** 图形验证码: the answer input next to the picture (typing calls `onEdit`, e.g. to clear the field's error). */
export function CaptchaField({
  id,
  texts,
  answer,
  error,
  onEdit,
}: {
  id: string;
  texts: Pick<CodeTexts, 'captchaLabel' | 'captchaPlaceholder'>;
  answer: CaptchaAnswer;
  error: string | undefined;
  onEdit: () => void;
}) {
  return (
    <Field id={id} label={texts.captchaLabel} error={error}>
      <CaptchaInput id={id} rowClassName="input-row" captcha={answer.captcha} placeholder={texts.captchaPlaceholder} value={answer.answer} error={error} onChange={edited(answer.setAnswer, onEdit)} />
    </Field>
  );
}

/** 短信验证码: the code input next to 获取验证码, and once sent, where it went. */
export function SmsCodeField<S extends CodeSentTo>({
  texts,
  sms,
  error,
  onEdit,
  onSend,
}: {
  texts: Pick<CodeTexts, 'smsCodeLabel' | 'smsCodePlaceholder'>;
  sms: SmsCode<S>;
  error: string | null | undefined;
  onEdit: () => void;
  onSend: () => void;
}) {
  const { id, sentTo } = sms;
  return (
    <Field id={id} label={texts.smsCodeLabel} error={error} hint={sentTo ? fillTemplate(ui.smsCode.sent, { phone: sentTo.maskedPhone, minutes: sentTo.minutes }) : undefined}>
      <SmsCodeInput
        id={id}
        rowClassName="input-row"
        placeholder={texts.smsCodePlaceholder}
        value={sms.code}
        error={error}
        hint={Boolean(sentTo)}
        countdown={sms.countdown}
        sending={sms.sending}
        onSend={onSend}
        onChange={edited(sms.setCode, onEdit)}
      />
    </Field>
  );
}
