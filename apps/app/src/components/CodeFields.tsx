// The captcha and SMS code fields of the app's forms (短信验证码登录, 换绑手机号).
import { fillTemplate, ui } from '@uia/i18n';
import { CaptchaInput, SmsCodeInput, type CaptchaState, type Countdown } from '@uia/web';
import { Field } from './Field.tsx';

/** 图形验证码: the answer input next to the picture. */
export function CaptchaField({
  id,
  label,
  placeholder,
  captcha,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  placeholder: string;
  captcha: CaptchaState;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  return (
    <Field id={id} label={label} error={error}>
      <CaptchaInput id={id} rowClassName="input-row" captcha={captcha} placeholder={placeholder} value={value} error={error} onChange={onChange} />
    </Field>
  );
}

/** Where a code went and for how long it is good (验证码已发送至…). */
export interface CodeSentTo {
  maskedPhone: string;
  minutes: number;
}

/** 短信验证码: the code input next to 获取验证码, and once sent, where it went. */
export function SmsCodeField({
  id,
  label,
  placeholder,
  value,
  onChange,
  error,
  sentTo,
  countdown,
  sending,
  onSend,
}: {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  error: string | null | undefined;
  sentTo: CodeSentTo | null;
  countdown: Countdown;
  sending: boolean;
  onSend: () => void;
}) {
  return (
    <Field id={id} label={label} error={error} hint={sentTo ? fillTemplate(ui.smsCode.sent, { phone: sentTo.maskedPhone, minutes: sentTo.minutes }) : undefined}>
      <SmsCodeInput
        id={id}
        rowClassName="input-row"
        placeholder={placeholder}
        value={value}
        error={error}
        hint={Boolean(sentTo)}
        countdown={countdown}
        sending={sending}
        onSend={onSend}
        onChange={onChange}
      />
    </Field>
  );
}
