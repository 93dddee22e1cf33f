import { useState, type FormEvent } from 'react';
import type { SecondFactorResponse } from '@uia/schemas';
import { fillTemplate, ui } from '@uia/i18n';
import { codeSent, errorMessage, FieldError, SmsCodeInput, sendRefused, useCountdown } from '@uia/web';
import { endpoints } from '../../api.ts';

const t = ui.login.secondFactor;
const focusCode = () => document.getElementById('second-factor-smsCode')?.focus();

/**
 * 短信验证: the relying party requires two factors, so after the right
 * password the login asks for the code sent to the account's bound phone.
 */
export function SecondFactorForm({ uid, sent }: { uid: string; sent: SecondFactorResponse }) {
  const countdown = useCountdown();
  const [minutes, setMinutes] = useState(() => codeSent(countdown, sent));
  const [smsCode, setSmsCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  async function resend() {
    setSending(true);
    try {
      setMinutes(codeSent(countdown, await endpoints.resendSecondFactor(uid)));
      setError(undefined);
    } catch (failure: unknown) {
      sendRefused(countdown, failure);
      setError(errorMessage(failure));
    } finally {
      setSending(false);
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    if (!/^\d{6}$/.test(smsCode.trim())) {
      setError(t.smsCodeRequired);
      focusCode();
      return;
    }
    setSubmitting(true);
    try {
      window.location.assign((await endpoints.secondFactor(uid, { smsCode: smsCode.trim() })).redirectTo);
    } catch (failure: unknown) {
      setSubmitting(false);
      setError(errorMessage(failure));
      focusCode();
    }
  }

  return (
    <form className="login-form" noValidate onSubmit={(event) => void onSubmit(event)} aria-labelledby="second-factor-title">
      <h2 id="second-factor-title" className="second-factor-title">
        {t.title}
      </h2>
      <p id="second-factor-smsCode-hint" className="field-hint">
        {fillTemplate(t.intro, { phone: sent.phone, minutes })}
      </p>
      <div className="form-row">
        <label htmlFor="second-factor-smsCode" className="visually-hidden">
          {t.smsCodeLabel}
        </label>
        <SmsCodeInput
          id="second-factor-smsCode"
          rowClassName="sms-row"
          placeholder={t.smsCodePlaceholder}
          value={smsCode}
          error={error}
          hint
          required
          onChange={(value) => {
            setSmsCode(value);
            setError(undefined);
          }}
          countdown={countdown}
          sending={sending}
          onSend={() => void resend()}
        />
        <FieldError id="second-factor-smsCode" message={error} />
      </div>
      <button type="submit" className="button button-primary button-block button-large" disabled={submitting} aria-busy={submitting}>
        {submitting ? t.submitting : t.submit}
      </button>
    </form>
  );
}
