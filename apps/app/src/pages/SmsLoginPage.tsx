import { useState, type FormEvent } from 'react';
import { ui } from '@uia/i18n';
import { ApiError, captchaFieldError, errorMessage, Link, navigate, useCaptchaAnswer } from '@uia/web';
import { endpoints, type ValidityDays } from '../api.ts';
import { CaptchaField, SmsCodeField, useSmsCode } from '../components/CodeFields.tsx';
import { SubmitButton } from '../components/Field.tsx';
import { Screen } from '../components/Layout.tsx';
import { focusLater } from '../focus-later.ts';
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
  const answer = useCaptchaAnswer();
  const sms = useSmsCode(inputId('smsCode'), s);
  const { values, errors, setErrors, fieldProps } = useIdentityForm<Errors>();
  const [validity, setValidity] = useState<ValidityDays>(1);
  const [submitting, setSubmitting] = useState(false);

  /** Shows the errors found, focusing the first; answers whether there were any. */
  function show(found: Errors): boolean {
    setErrors(found);
    const first = ORDER.find((field) => found[field]);
    if (first) focusLater(inputId(first));
    else if (found.form) focusLater(`${PREFIX}-form-error`);
    return Boolean(first ?? found.form);
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
    const { identity, errors: found } = checkIdentity(values);
    const captchaAnswer = answer.missing(s.captchaRequired);
    if (show({ ...found, captchaAnswer }) || !identity) return;
    await sms.send(
      () => answer.spend((answered) => endpoints.loginSmsSend({ ...identity, ...answered })),
      (result) => ({ maskedPhone: result.maskedPhone }),
      (error) => show(serverError(error, 'captchaAnswer')),
    );
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const { identity, errors: found } = checkIdentity(values);
    const smsCode = sms.problem() ?? undefined;
    if (show({ ...found, smsCode }) || !identity) return;
    setSubmitting(true);
    try {
      const result = await endpoints.loginSms({ ...identity, smsCode: sms.code.trim(), validityDays: validity });
      auth.loggedIn(result);
      navigate(next ?? paths.home, { replace: true });
    } catch (error: unknown) {
      setSubmitting(false);
      show(serverError(error, 'smsCode'));
    }
  }

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
          texts={s}
          answer={answer}
          error={captchaFieldError(answer.captcha, errors.captchaAnswer)}
          onEdit={() => errors.captchaAnswer && setErrors((er) => ({ ...er, captchaAnswer: undefined }))}
        />
        <SmsCodeField texts={s} sms={sms} error={errors.smsCode} onEdit={() => errors.smsCode && setErrors((er) => ({ ...er, smsCode: undefined }))} onSend={() => void send()} />

        <ValidityChoice prefix={PREFIX} value={validity} onChange={setValidity} />

        <SubmitButton busy={submitting} busyLabel={s.submitting}>
          {s.submit}
        </SubmitButton>
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
