import { useRef, useState, type FormEvent } from 'react';
import { formatMessage, ui } from '@uia/i18n';
import { ApiError, endpoints, errorMessage, type Identity, type ValidityDays } from '../api.ts';
import { FaceCapture } from '../components/FaceCapture.tsx';
import { describedBy, FieldError } from '../components/Field.tsx';
import { DemoBadge, Screen } from '../components/Layout.tsx';
import { Link } from '../components/Link.tsx';
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
import { useAuth, useSite } from '../state.tsx';

const l = ui.app.login;
const PREFIX = 'login';

type Errors = IdentityErrors & { faceConsent?: string; validity?: string; form?: string };

/** 登录 (manual 一.2): 证件类型, 姓名, 证件号码, 登录有效期, 人脸识别授权, then 开始人脸识别. */
export function LoginPage({ next }: { next: string | null }) {
  const auth = useAuth();
  const site = useSite();
  const [values, setValues] = useState<IdentityValues>(EMPTY_IDENTITY);
  const [validity, setValidity] = useState<ValidityDays>(1);
  const [consent, setConsent] = useState(false);
  const [consentOpen, setConsentOpen] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [identity, setIdentity] = useState<Identity | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  function focus(field: IdentityField | 'faceConsent' | 'form') {
    const id = field === 'faceConsent' ? 'login-faceConsent' : field === 'form' ? 'login-form-error' : identityInputId(PREFIX, field);
    window.setTimeout(() => document.getElementById(id)?.focus(), 0);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = checkIdentity(values);
    const found: Errors = { ...checked.errors };
    if (!consent) found.faceConsent = formatMessage('FACE_CONSENT_REQUIRED');
    setErrors(found);
    const first = (['idType', 'name', 'idNumber', 'faceConsent'] as const).find((field) => found[field]);
    if (first || !checked.identity) {
      if (first) focus(first);
      return;
    }
    setIdentity(checked.identity);
  }

  async function verify(frames: string[]) {
    if (!identity) return;
    const result = await endpoints.loginFace({ ...identity, validityDays: validity, faceConsent: true, frames });
    auth.loggedIn(result);
    navigate(next ?? paths.home, { replace: true });
  }

  /** Errors about what was typed go back to the form; face errors stay on the camera step. */
  function onFaceError(error: unknown): boolean {
    if (!(error instanceof ApiError)) return false;
    const field = identityFieldOf(error.code, error.field);
    if (field) {
      setIdentity(null);
      setErrors({ [field]: error.message });
      focus(field);
      return true;
    }
    if (error.code === 'FACE_CONSENT_REQUIRED' || error.code === 'APP_VALIDITY_INVALID' || error.status === 400) {
      setIdentity(null);
      setErrors(error.code === 'FACE_CONSENT_REQUIRED' ? { faceConsent: error.message } : { form: errorMessage(error) });
      focus(error.code === 'FACE_CONSENT_REQUIRED' ? 'faceConsent' : 'form');
      return true;
    }
    return false;
  }

  const smsLink = (
    <Link to={loginPath(next, true)} className="button button-outline button-block" replace>
      {l.smsAlternativeLink}
    </Link>
  );

  if (identity) {
    return (
      <Screen title={l.pageTitle}>
        <FaceCapture verify={verify} onError={onFaceError} onCancel={() => setIdentity(null)} alternative={smsLink} />
      </Screen>
    );
  }

  return (
    <Screen title={l.pageTitle} back={paths.home}>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <div className="form-head">
          <h2 id="login-heading" className="form-heading">
            {l.heading}
          </h2>
          <p className="form-intro">{l.intro}</p>
        </div>
        {next?.startsWith(`${paths.home}qr/`) && <p className="notice">{l.continueQr}</p>}
        {errors.form && (
          <div id="login-form-error" className="alert alert-error" role="alert" tabIndex={-1}>
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

        <ValidityChoice prefix={PREFIX} value={validity} onChange={setValidity} error={errors.validity} />

        <div className="consent">
          <div className="agree">
            <input
              id="login-faceConsent"
              name="faceConsent"
              type="checkbox"
              checked={consent}
              onChange={(e) => {
                setConsent(e.target.checked);
                if (e.target.checked) setErrors((er) => ({ ...er, faceConsent: undefined }));
              }}
              aria-invalid={errors.faceConsent ? true : undefined}
              aria-describedby={describedBy('login-faceConsent', { error: errors.faceConsent })}
            />
            <label htmlFor="login-faceConsent">
              {l.faceConsentBefore}
              <strong>{l.faceConsentLink}</strong>
            </label>
          </div>
          <button
            type="button"
            className="link-button consent-toggle"
            aria-expanded={consentOpen}
            aria-controls="login-consent-text"
            onClick={() => setConsentOpen((open) => !open)}
          >
            {consentOpen ? l.faceConsentHide : l.faceConsentShow}
          </button>
          <div id="login-consent-text" className="consent-text" hidden={!consentOpen}>
            <h3 className="consent-title">{l.faceConsentTitle}</h3>
            {l.faceConsentText.map((paragraph) => (
              <p key={paragraph}>{paragraph}</p>
            ))}
          </div>
          <FieldError id="login-faceConsent" message={errors.faceConsent} />
        </div>

        {site.demo && (
          <p className="demo-note">
            <DemoBadge />
            {l.demoNotice}
          </p>
        )}

        <button type="submit" className="button button-primary button-block button-large">
          {l.startFace}
        </button>

        <p className="form-alt">
          {l.smsAlternative}
          <Link to={loginPath(next, true)} replace>
            {l.smsAlternativeLink}
          </Link>
        </p>
      </form>
    </Screen>
  );
}
