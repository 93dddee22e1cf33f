import { useState, type FormEvent } from 'react';
import { formatMessage, ui } from '@uia/i18n';
import { maskPhone, validatePhone } from '@uia/validators';
import { ApiError, captchaFieldError, codeSent, errorMessage, FieldInput, sendRefused, useCaptcha, useCountdown } from '@uia/web';
import { endpoints } from '../../api.ts';
import { CaptchaField, SmsCodeField, type CodeSentTo } from '../../components/CodeFields.tsx';
import { Field } from '../../components/Field.tsx';
import { focusLater } from '../../focus-later.ts';

const p = ui.app.phone;

type NewField = 'phone' | 'captchaAnswer' | 'smsCode';

/** 2 绑定新手机号: the new number, captcha → its SMS code (/app/api/phone/new/send, /new/verify). */
export function NewPhoneStep({ ticket, onDone, onFlowError }: { ticket: string; onDone: (maskedPhone: string) => void; onFlowError: (error: unknown) => boolean }) {
  const captcha = useCaptcha();
  const countdown = useCountdown();
  const [phone, setPhone] = useState('');
  const [captchaAnswer, setCaptchaAnswer] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Partial<Record<NewField, string>>>({});
  const [sending, setSending] = useState(false);
  const [sentTo, setSentTo] = useState<(CodeSentTo & { phone: string }) | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const id = (field: NewField) => `new-${field}`;

  function checkPhone(): string | null {
    if (!phone.trim()) {
      setErrors((e) => ({ ...e, phone: p.newPhoneRequired }));
      focusLater(id('phone'));
      return null;
    }
    const result = validatePhone(phone);
    if (!result.ok) {
      setErrors((e) => ({ ...e, phone: formatMessage(result.reason) }));
      focusLater(id('phone'));
      return null;
    }
    return result.value;
  }

  function placeServerError(error: unknown, fallback: NewField) {
    if (onFlowError(error)) return;
    const message = errorMessage(error);
    const code = error instanceof ApiError ? error.code : '';
    const field: NewField =
      error instanceof ApiError && (error.field === 'phone' || error.field === 'captchaAnswer' || error.field === 'smsCode')
        ? error.field
        : code.startsWith('PHONE_')
          ? 'phone'
          : code.startsWith('CAPTCHA_')
            ? 'captchaAnswer'
            : fallback;
    setErrors({ [field]: message });
    focusLater(id(field));
  }

  async function send() {
    if (sending || countdown.seconds > 0) return;
    const value = checkPhone();
    if (!value) return;
    if (!captchaAnswer.trim() || !captcha.id) {
      setErrors((e) => ({ ...e, captchaAnswer: captcha.id ? p.captchaRequired : ui.captcha.loadFailedMessage }));
      focusLater(id('captchaAnswer'));
      return;
    }
    setSending(true);
    setErrors({});
    try {
      const result = await endpoints.phoneNewSend({ ticket, phone: value, captchaId: captcha.id, captchaAnswer: captchaAnswer.trim() });
      setSentTo({ phone: value, maskedPhone: maskPhone(value), minutes: codeSent(countdown, result) });
      focusLater(id('smsCode'));
    } catch (error: unknown) {
      sendRefused(countdown, error);
      placeServerError(error, 'captchaAnswer');
    } finally {
      setSending(false);
      captcha.refresh();
      setCaptchaAnswer('');
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const value = checkPhone();
    if (!value) return;
    if (!sentTo || sentTo.phone !== value) {
      setErrors({ smsCode: p.sendFirst });
      focusLater(id('smsCode'));
      return;
    }
    if (!/^\d{6}$/.test(code.trim())) {
      setErrors({ smsCode: p.smsCodeRequired });
      focusLater(id('smsCode'));
      return;
    }
    setSubmitting(true);
    try {
      const result = await endpoints.phoneNewVerify({ ticket, phone: value, smsCode: code.trim() });
      onDone(result.maskedPhone);
    } catch (error: unknown) {
      setSubmitting(false);
      placeServerError(error, 'smsCode');
    }
  }

  const captchaError = captchaFieldError(captcha, errors.captchaAnswer);
  const clear = (field: NewField) => errors[field] && setErrors((e) => ({ ...e, [field]: undefined }));

  return (
    <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <h2 id="new-title" className="form-heading-small">
        {p.steps[1]}
      </h2>
      <Field id={id('phone')} label={p.newPhoneLabel} error={errors.phone}>
        <FieldInput
          id={id('phone')}
          error={errors.phone}
          name="phone"
          type="tel"
          inputMode="numeric"
          autoComplete="tel-national"
          maxLength={11}
          placeholder={p.newPhonePlaceholder}
          value={phone}
          onChange={(e) => {
            setPhone(e.target.value);
            clear('phone');
          }}
        />
      </Field>
      <CaptchaField
        id={id('captchaAnswer')}
        label={p.captchaLabel}
        placeholder={p.captchaPlaceholder}
        captcha={captcha}
        value={captchaAnswer}
        onChange={(value) => {
          setCaptchaAnswer(value);
          clear('captchaAnswer');
        }}
        error={captchaError}
      />
      <SmsCodeField
        id={id('smsCode')}
        label={p.smsCodeLabel}
        placeholder={p.smsCodePlaceholder}
        value={code}
        onChange={(value) => {
          setCode(value);
          clear('smsCode');
        }}
        error={errors.smsCode}
        sentTo={sentTo}
        countdown={countdown}
        sending={sending}
        onSend={() => void send()}
      />
      <button type="submit" className="button button-primary button-block button-large" disabled={submitting} aria-busy={submitting}>
        {submitting ? p.submitting : p.submit}
      </button>
    </form>
  );
}
