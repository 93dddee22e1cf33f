import { useState, type FormEvent } from 'react';
import { ui } from '@uia/i18n';
import { ApiError, captchaFieldError, codeSent, errorMessage, Link, navigate, sendRefused, useCaptcha, useCountdown } from '@uia/web';
import { endpoints, type ValidityDays } from '../api.ts';
import { CaptchaField, SmsCodeField, type CodeSentTo } from '../components/CodeFields.tsx';
import { Screen } from '../components/Layout.tsx';
import { checkIdentity, IdentityFields, identityFieldOf, identityInputId, LoginFormHead, useIdentityForm, ValidityChoice, type IdentityFormErrors, type IdentityField } from '../identity-form.tsx';
import { loginPath, paths } from '../router.ts';
import { useAuth, useSite } from '../state.tsx';

const s = ui.app.smsLogin;
const PREFIX = 'sms';

type Field = IdentityField | 'captchaAnswer' | 'smsCode';
type Errors = IdentityFormErrors & { captchaAnswer?: string; smsCode?: string };
const ORDER: Field[] = ['idType', 'name', 'idNumber', 'captchaAnswer', 'smsCode'];
const inputId = (field: Field) => (field === 'captchaAnswer' || field === 'smsCode' ? `${PREFIX}-${field}` : identityInputId(PREFIX, field));

/** 短信验证码登录: the lower-assurance alternative (code to the ID's bound phone). */
export function SmsLoginPage({ next }: { next: string | null }) {
  const auth = useAuth();
  const site = useSite();
  const captcha = useCaptcha();
  const countdown = useCountdown();
  const { values, errors, setErrors, fieldProps } = useIdentityForm<Errors>();
  const [captchaAnswer, setCaptchaAnswer] = useState('');
  const [smsCode, setSmsCode] = useState('');
  const [validity, setValidity] = useState<ValidityDays>(1);
  const [sending, setSending] = useState(false);
  const [sentTo, setSentTo] = useState<CodeSentTo | null>(null);
  const [submitting, setSubmitting] = useState(false);

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
      setSentTo({ maskedPhone: result.maskedPhone, minutes: codeSent(countdown, result) });
      window.setTimeout(() => document.getElementById(inputId('smsCode'))?.focus(), 0);
    } catch (error: unknown) {
      sendRefused(countdown, error);
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

  const captchaError = captchaFieldError(captcha, errors.captchaAnswer);

  return (
    <Screen title={s.pageTitle} back={paths.home}>
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <LoginFormHead
          prefix={PREFIX}
          heading={s.heading}
          intro={s.intro}
          notes={
            <>
              {next?.startsWith(`${paths.home}qr/`) && <p className="notice">{ui.app.login.continueQr}</p>}
              <p className="notice">{site.features.faceCheck ? s.assuranceNote : s.assuranceNoteSmsOnly}</p>
            </>
          }
          error={errors.form}
        />

        <IdentityFields prefix={PREFIX} {...fieldProps} />

        <CaptchaField
          id={inputId('captchaAnswer')}
          label={s.captchaLabel}
          placeholder={s.captchaPlaceholder}
          captcha={captcha}
          value={captchaAnswer}
          onChange={(value) => {
            setCaptchaAnswer(value);
            if (errors.captchaAnswer) setErrors((er) => ({ ...er, captchaAnswer: undefined }));
          }}
          error={captchaError}
        />

        <SmsCodeField
          id={inputId('smsCode')}
          label={s.smsCodeLabel}
          placeholder={s.smsCodePlaceholder}
          value={smsCode}
          onChange={(value) => {
            setSmsCode(value);
            if (errors.smsCode) setErrors((er) => ({ ...er, smsCode: undefined }));
          }}
          error={errors.smsCode}
          sentTo={sentTo}
          countdown={countdown}
          sending={sending}
          onSend={() => void send()}
        />

        <ValidityChoice prefix={PREFIX} value={validity} onChange={setValidity} />

        <button type="submit" className="button button-primary button-block button-large" disabled={submitting} aria-busy={submitting}>
          {submitting ? s.submitting : s.submit}
        </button>
        {site.features.faceCheck && (
          <p className="form-alt">
            <Link to={loginPath(next)} replace>
              {s.faceAlternative}
            </Link>
          </p>
        )}
      </form>
    </Screen>
  );
}
