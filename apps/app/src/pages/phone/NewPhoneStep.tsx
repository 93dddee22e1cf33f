import { useState, type FormEvent } from 'react';
import { formatMessage, ui } from '@uia/i18n';
import { maskPhone, validatePhone } from '@uia/validators';
import { ApiError, captchaFieldError, errorMessage, useCaptchaAnswer } from '@uia/web';
import { endpoints } from '../../api.ts';
import { CaptchaField, SmsCodeField, useSmsCode, type CodeSentTo } from '../../components/CodeFields.tsx';
import { SubmitButton, TextField } from '../../components/Field.tsx';
import { focusLater } from '../../focus-later.ts';

const p = ui.app.phone;

type NewField = 'phone' | 'captchaAnswer' | 'smsCode';

/** 2 绑定新手机号: the new number, captcha → its SMS code (/app/api/phone/new/send, /new/verify). */
export function NewPhoneStep({ ticket, onDone, onFlowError }: { ticket: string; onDone: (maskedPhone: string) => void; onFlowError: (error: unknown) => boolean }) {
  const id = (field: NewField) => `new-${field}`;
  const answer = useCaptchaAnswer();
  const sms = useSmsCode<CodeSentTo & { phone: string }>(id('smsCode'), p);
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<Partial<Record<NewField, string>>>({});
  const [submitting, setSubmitting] = useState(false);

  /** Shows `message` at `field` (the only error, unless `keepOthers`: a check before sending) and focuses it. */
  function show(field: NewField, message: string, keepOthers = false) {
    setErrors((e) => ({ ...(keepOthers ? e : {}), [field]: message }));
    focusLater(id(field));
  }

  function checkPhone(): string | null {
    const result = phone.trim() ? validatePhone(phone) : null;
    if (result?.ok) return result.value;
    show('phone', result ? formatMessage(result.reason) : p.newPhoneRequired, true);
    return null;
  }

  function placeServerError(error: unknown, fallback: NewField) {
    if (onFlowError(error)) return;
    const code = error instanceof ApiError ? error.code : '';
    const field: NewField =
      error instanceof ApiError && (error.field === 'phone' || error.field === 'captchaAnswer' || error.field === 'smsCode')
        ? error.field
        : code.startsWith('PHONE_')
          ? 'phone'
          : code.startsWith('CAPTCHA_')
            ? 'captchaAnswer'
            : fallback;
    show(field, errorMessage(error));
  }

  async function send() {
    const value = checkPhone();
    if (!value) return;
    const problem = answer.missing(p.captchaRequired);
    if (problem) return show('captchaAnswer', problem, true);
    setErrors({});
    await sms.send(
      () => answer.spend((answered) => endpoints.phoneNewSend({ ticket, phone: value, ...answered })),
      () => ({ phone: value, maskedPhone: maskPhone(value) }),
      (error) => placeServerError(error, 'captchaAnswer'),
    );
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const value = checkPhone();
    if (!value) return;
    // A code sent to another number than the one now typed does not count.
    const problem = sms.sentTo && sms.sentTo.phone !== value ? p.sendFirst : sms.problem();
    if (problem) return show('smsCode', problem);
    setSubmitting(true);
    try {
      const result = await endpoints.phoneNewVerify({ ticket, phone: value, smsCode: sms.code.trim() });
      onDone(result.maskedPhone);
    } catch (error: unknown) {
      setSubmitting(false);
      placeServerError(error, 'smsCode');
    }
  }

  const clear = (field: NewField) => () => errors[field] && setErrors((e) => ({ ...e, [field]: undefined }));

  return (
    <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <h2 id="new-title" className="form-heading-small">
        {p.steps[1]}
      </h2>
      <TextField
        kind="phone"
        id={id('phone')}
        label={p.newPhoneLabel}
        placeholder={p.newPhonePlaceholder}
        value={phone}
        onChange={(value) => {
          setPhone(value);
          clear('phone')();
        }}
        error={errors.phone}
      />
      <CaptchaField id={id('captchaAnswer')} texts={p} answer={answer} error={captchaFieldError(answer.captcha, errors.captchaAnswer)} onEdit={clear('captchaAnswer')} />
      <SmsCodeField texts={p} sms={sms} error={errors.smsCode} onEdit={clear('smsCode')} onSend={() => void send()} />
      <SubmitButton busy={submitting} busyLabel={p.submitting}>
        {p.submit}
      </SubmitButton>
    </form>
  );
}
