import { useRef, useState, type FormEvent } from 'react';
import { ui } from '@uia/i18n';
import { ApiError, endpoints, errorMessage, type ValidityDays } from '../api.ts';
import { CaptchaImage, useCaptcha } from '../components/Captcha.tsx';
import { describedBy, Field } from '../components/Field.tsx';
import { Screen } from '../components/Layout.tsx';
import { Link } from '../components/Link.tsx';
import { SmsCodeButton, useCountdown } from '../components/SmsCodeButton.tsx';
import { fill } from '../format.ts';
import {
  checkIdentity,
  checkIdentityField,
  EMPTY_IDENTITY,
  IdentityFields,
  identityFieldOf,
  identityInputId,
  ValidityChoice,
  type IdentityErrors,
  type IdentityField,
  type IdentityValues,
} from '../identity-form.tsx';
import { loginPath, navigate, paths } from '../router.ts';
import { useAuth } from '../state.tsx';

const s = ui.app.smsLogin;
const PREFIX = 'sms';

type Field = IdentityField | 'captchaAnswer' | 'smsCode';
type Errors = IdentityErrors & { captchaAnswer?: string; smsCode?: string; form?: string };
const ORDER: Field[] = ['idType', 'name', 'idNumber', 'captchaAnswer', 'smsCode'];
const inputId = (field: Field) => (field === 'captchaAnswer' || field === 'smsCode' ? `${PREFIX}-${field}` : identityInputId(PREFIX, field));

/** 短信验证码登录: the lower-assurance alternative (code to the ID's bound phone). */
export function SmsLoginPage({ next }: { next: string | null }) {
  const auth = useAuth();
  const captcha = useCaptcha();
  const countdown = useCountdown();
  const [values, setValues] = useState<IdentityValues>(EMPTY_IDENTITY);
  const [captchaAnswer, setCaptchaAnswer] = useState('');
  const [smsCode, setSmsCode] = useState('');
  const [validity, setValidity] = useState<ValidityDays>(1);
  const [errors, setErrors] = useState<Errors>({});
  const [sending, setSending] = useState(false);
  const [sentTo, setSentTo] = useState<{ maskedPhone: string; minutes: number } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  function focusFirst(found: Errors) {
    const first = ORDER.find((field) => found[field]);
    if (first) window.setTimeout(() => document.getElementById(inputId(first))?.focus(), 0);
    else if (found.form) window.setTimeout(() => document.getElementById('sms-form-error')?.focus(), 0);
  }

  function serverError(error: unknown, fallback: Field): Errors {
    if (!(error instanceof ApiError)) return { form: errorMessage(error) };
    const identityField = identityFieldOf(error.code, error.field);
    if (identityField) return { [identityField]: error.message };
    if (error.field === 'captchaAnswer' || error.code.startsWith('CAPTCHA_')) return { captchaAnswer: error.message };
    if (error.field === 'smsCode' || error.code.startsWith('SMS_')) return { smsCode: error.message };
    if (error.code === 'APP_NO_BOUND_PHONE') return { form: error.message };
    return fallback === 'smsCode' ? { smsCode: error.message } : { form: error.message };
  }

  async function send() {
    if (sending || countdown.seconds > 0) return;
    const checked = checkIdentity(values);
    const found: Errors = { ...checked.errors };
    if (!captchaAnswer.trim()) found.captchaAnswer = s.captchaRequired;
    else if (!captcha.id) found.captchaAnswer = ui.captcha.loadFailedMessage;
    setErrors(found);
    if (!checked.identity || Object.values(found).some(Boolean)) {
      focusFirst(found);
      return;
    }
    setSending(true);
    try {
      const result = await endpoints.loginSmsSend({ ...checked.identity, captchaId: captcha.id ?? '', captchaAnswer: captchaAnswer.trim() });
      countdown.start(typeof result.resendAfter === 'number' && result.resendAfter > 0 ? result.resendAfter : 60);
      setSentTo({ maskedPhone: result.maskedPhone, minutes: Math.max(1, Math.round((result.expiresIn || 300) / 60)) });
      window.setTimeout(() => document.getElementById(inputId('smsCode'))?.focus(), 0);
    } catch (error: unknown) {
      if (error instanceof ApiError && error.code === 'SMS_RESEND_TOO_SOON' && error.retryAfter) countdown.start(error.retryAfter);
      const next = serverError(error, 'captchaAnswer');
      setErrors(next);
      focusFirst(next);
    } finally {
      setSending(false);
      // The challenge was used up by this attempt, right or wrong.
      captcha.refresh();
      setCaptchaAnswer('');
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const checked = checkIdentity(values);
    const found: Errors = { ...checked.errors };
    if (!sentTo) found.smsCode = s.sendFirst;
    else if (!/^\d{6}$/.test(smsCode.trim())) found.smsCode = s.smsCodeRequired;
    setErrors(found);
    if (!checked.identity || Object.values(found).some(Boolean)) {
      focusFirst(found);
      return;
    }
    setSubmitting(true);
    try {
      const result = await endpoints.loginSms({ ...checked.identity, smsCode: smsCode.trim(), validityDays: validity });
      auth.loggedIn(result);
      navigate(next ?? paths.home, { replace: true });
    } catch (error: unknown) {
      setSubmitting(false);
      const next = serverError(error, 'smsCode');
      setErrors(next);
      focusFirst(next);
    }
  }

  const captchaError = errors.captchaAnswer ?? (captcha.error ? ui.captcha.loadFailedMessage : undefined);

  return (
    <Screen title={s.pageTitle} back={paths.home}>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <div className="form-head">
          <h2 id="sms-heading" className="form-heading">
            {s.heading}
          </h2>
          <p className="form-intro">{s.intro}</p>
        </div>
        {next?.startsWith(`${paths.home}qr/`) && <p className="notice">{ui.app.login.continueQr}</p>}
        <p className="notice">{s.assuranceNote}</p>
        {errors.form && (
          <div id="sms-form-error" className="alert alert-error" role="alert" tabIndex={-1}>
            {errors.form}
          </div>
        )}

        <IdentityFields
          prefix={PREFIX}
          values={values}
          errors={errors}
          onChange={(next, changed) => {
            setValues(next);
            if (errors[changed] || errors.form) setErrors((e) => ({ ...e, [changed]: undefined, form: undefined }));
          }}
          onBlurField={(field) => {
            if (!values[field].trim()) return;
            const { error } = checkIdentityField(field, values, false);
            setErrors((e) => ({ ...e, [field]: error }));
          }}
        />

        <Field id={inputId('captchaAnswer')} label={s.captchaLabel} error={captchaError}>
          <div className="input-row">
            <input
              id={inputId('captchaAnswer')}
              name="captchaAnswer"
              className="input"
              type="text"
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              maxLength={8}
              placeholder={s.captchaPlaceholder}
              value={captchaAnswer}
              onChange={(e) => {
                setCaptchaAnswer(e.target.value);
                if (errors.captchaAnswer) setErrors((er) => ({ ...er, captchaAnswer: undefined }));
              }}
              aria-invalid={captchaError ? true : undefined}
              aria-describedby={describedBy(inputId('captchaAnswer'), { error: captchaError })}
            />
            <CaptchaImage captcha={captcha} />
          </div>
        </Field>

        <Field
          id={inputId('smsCode')}
          label={s.smsCodeLabel}
          error={errors.smsCode}
          hint={sentTo ? fill(ui.smsCode.sent, { phone: sentTo.maskedPhone, minutes: sentTo.minutes }) : undefined}
        >
          <div className="input-row">
            <input
              id={inputId('smsCode')}
              name="smsCode"
              className="input"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              placeholder={s.smsCodePlaceholder}
              value={smsCode}
              onChange={(e) => {
                setSmsCode(e.target.value);
                if (errors.smsCode) setErrors((er) => ({ ...er, smsCode: undefined }));
              }}
              aria-invalid={errors.smsCode ? true : undefined}
              aria-describedby={describedBy(inputId('smsCode'), { error: errors.smsCode, hint: Boolean(sentTo) })}
            />
            <SmsCodeButton countdown={countdown} sending={sending} onClick={send} />
          </div>
        </Field>

        <ValidityChoice prefix={PREFIX} value={validity} onChange={setValidity} />

        <button type="submit" className="button button-primary button-block button-large" disabled={submitting} aria-busy={submitting}>
          {submitting ? s.submitting : s.submit}
        </button>
        <p className="form-alt">
          <Link to={loginPath(next)} replace>
            {s.faceAlternative}
          </Link>
        </p>
      </form>
    </Screen>
  );
}
