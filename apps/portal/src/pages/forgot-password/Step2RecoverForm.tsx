import { useEffect, useState, type FormEvent } from 'react';
import { ui } from '@uia/i18n';
import type { SentCodeState } from '@uia/schemas';
import { ApiError, captchaFieldError, CaptchaInput, codeSent, codeWaiting, errorMessage, FieldInput, sendRefused, SmsCodeInput, useCaptcha, useCountdown } from '@uia/web';
import { endpoints } from '../../api.ts';
import { LabeledRow } from '../../components/Field.tsx';
import { fill } from '../../text.ts';
import { f, focusById, id, endsFlow, messageFor, StepForm, type Errors } from './flow.tsx';

type RecoverField = 'idNumber' | 'captchaAnswer' | 'smsCode';

/**
 * 2 验证身份 → 前往找回: 证件号码 + 图形验证码 → 获取验证码
 * (POST /api/password-reset/send-code) → 短信验证码 → 下一步 (/verify-code).
 */
export function Step2RecoverForm({
  ticket,
  account,
  waiting,
  onVerified,
  onNoPhone,
  onFlowError,
}: {
  ticket: string;
  /** The account name typed at step 1 (for the hint when its own limit ran out). */
  account: string;
  /** A code sent before a reload, still valid: its countdown, and the code field ready for it. */
  waiting: SentCodeState | undefined;
  onVerified: (ticket: string, idNumber: string) => void;
  onNoPhone: () => void;
  onFlowError: (message: string) => void;
}) {
  const captcha = useCaptcha();
  const countdown = useCountdown();
  const [values, setValues] = useState<Record<RecoverField, string>>({ idNumber: '', captchaAnswer: '', smsCode: '' });
  const [errors, setErrors] = useState<Errors<RecoverField>>({});
  const [sending, setSending] = useState(false);
  const [smsNotice, setSmsNotice] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const inputIds: Record<RecoverField, string> = { idNumber: id('idNumber'), captchaAnswer: id('captcha'), smsCode: id('smsCode') };

  const { start: startCountdown } = countdown;
  useEffect(() => {
    if (!waiting) return focusById(inputIds.idNumber);
    setSmsNotice(fill(ui.smsCode.sent, { phone: waiting.maskedPhone, minutes: codeWaiting({ start: startCountdown }, waiting) }));
    focusById(inputIds.smsCode);
  }, [waiting, startCountdown, inputIds.idNumber, inputIds.smsCode]);

  const captchaError = captchaFieldError(captcha, errors.captchaAnswer);

  function set(field: RecoverField, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field] || errors.form) setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
  }

  function show(field: RecoverField | 'form', message: string) {
    setErrors((e) => ({ ...e, [field]: message }));
    focusById(field === 'form' ? id('form-error') : inputIds[field]);
  }

  async function sendCode() {
    if (sending || countdown.seconds > 0) return;
    const found: Errors<RecoverField> = {};
    if (!values.idNumber.trim()) found.idNumber = f.idNumberRequired;
    if (!values.captchaAnswer.trim()) found.captchaAnswer = f.captchaRequired;
    else if (!captcha.id) found.captchaAnswer = ui.captcha.loadFailedMessage;
    setErrors((e) => ({ ...e, idNumber: found.idNumber, captchaAnswer: found.captchaAnswer, smsCode: undefined, form: undefined }));
    if (found.idNumber || found.captchaAnswer) {
      focusById(inputIds[found.idNumber ? 'idNumber' : 'captchaAnswer']);
      return;
    }

    setSending(true);
    setSmsNotice(null);
    let ended = false;
    try {
      const result = await endpoints.resetSendCode({
        ticket,
        idNumber: values.idNumber.trim(),
        captchaId: captcha.id ?? '',
        captchaAnswer: values.captchaAnswer.trim(),
      });
      const minutes = codeSent(countdown, result);
      setSmsNotice(fill(ui.smsCode.sent, { phone: result.maskedPhone, minutes }));
      focusById(inputIds.smsCode);
    } catch (error: unknown) {
      if (endsFlow(error, onFlowError)) {
        ended = true;
        return;
      }
      const message = messageFor(error, account);
      const code = error instanceof ApiError ? error.code : '';
      if (code === 'RESET_NO_BOUND_PHONE') {
        ended = true;
        onNoPhone();
        return;
      }
      sendRefused(countdown, error);
      const field = error instanceof ApiError ? error.field : undefined;
      if (field === 'idNumber' || code === 'RESET_IDENTITY_MISMATCH') show('idNumber', message);
      else if (field === 'captchaAnswer' || code.startsWith('CAPTCHA_')) show('captchaAnswer', message);
      else show('smsCode', message);
    } finally {
      if (!ended) {
        setSending(false);
        // One-time challenge: whatever happened, the next attempt needs a new one.
        captcha.refresh();
        setValues((v) => ({ ...v, captchaAnswer: '' }));
      }
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const code = values.smsCode.trim();
    if (!/^\d{6}$/.test(code)) {
      show('smsCode', f.smsCodeRequired);
      return;
    }
    setSubmitting(true);
    try {
      const result = await endpoints.resetVerifyCode({ ticket, smsCode: code });
      onVerified(result.ticket, values.idNumber.trim());
    } catch (error: unknown) {
      setSubmitting(false);
      if (endsFlow(error, onFlowError)) return;
      const message = errorMessage(error);
      const field = error instanceof ApiError ? error.field : undefined;
      if (field === 'smsCode' || (error instanceof ApiError && (error.code.startsWith('SMS_') || error.code === 'RESET_CODE_NOT_SENT'))) {
        show('smsCode', message);
      } else show('form', message);
    }
  }

  return (
    <StepForm className="forgot-form recover-form" error={errors.form} submitting={submitting} onSubmit={(event) => void onSubmit(event)}>
      <LabeledRow id={inputIds.idNumber} label={f.idNumberLabel} error={errors.idNumber}>
        <FieldInput
          id={inputIds.idNumber}
          error={errors.idNumber}
          name="idNumber"
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={32}
          placeholder={f.idNumberPlaceholder}
          value={values.idNumber}
          aria-required={true}
          onChange={(e) => set('idNumber', e.target.value)}
        />
      </LabeledRow>

      <LabeledRow id={inputIds.captchaAnswer} label={f.smsCaptchaLabel} error={captchaError}>
        <CaptchaInput
          id={inputIds.captchaAnswer}
          rowClassName="captcha-row"
          required
          captcha={captcha}
          placeholder={f.captchaPlaceholder}
          value={values.captchaAnswer}
          error={captchaError}
          onChange={(value) => set('captchaAnswer', value)}
        />
      </LabeledRow>

      <LabeledRow id={inputIds.smsCode} label={f.smsCodeLabel} error={errors.smsCode} hint={smsNotice ?? undefined}>
        <SmsCodeInput
          id={inputIds.smsCode}
          rowClassName="sms-row"
          required
          placeholder={f.smsCodePlaceholder}
          value={values.smsCode}
          error={errors.smsCode}
          hint={Boolean(smsNotice)}
          countdown={countdown}
          sending={sending}
          onSend={() => void sendCode()}
          onChange={(value) => set('smsCode', value)}
        />
      </LabeledRow>
    </StepForm>
  );
}
