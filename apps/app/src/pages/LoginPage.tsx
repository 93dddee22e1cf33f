import { useState, type FormEvent } from 'react';
import { formatMessage, ui } from '@uia/i18n';
import { ApiError, errorMessage, Link, navigate } from '@uia/web';
import { endpoints, type FaceCaptureResult, type Identity, type ValidityDays } from '../api.ts';
import { FaceCapture } from '../components/FaceCapture.tsx';
import { DemoBadge, Screen } from '../components/Layout.tsx';
import {
  checkIdentity,
  FaceConsent,
  IdentityFields,
  identityFieldOf,
  identityInputId,
  LoginFormHead,
  useIdentityForm,
  ValidityChoice,
  type IdentityFormErrors,
  type IdentityField,
} from '../identity-form.tsx';
import { loginPath, paths } from '../router.ts';
import { useAuth, useSite } from '../state.tsx';

const l = ui.app.login;
const PREFIX = 'login';

type Errors = IdentityFormErrors & { faceConsent?: string; validity?: string };

/** 登录 (manual 一.2): 证件类型, 姓名, 证件号码, 登录有效期, 人脸识别授权, then 开始人脸识别. */
export function LoginPage({ next }: { next: string | null }) {
  const auth = useAuth();
  const site = useSite();
  const { values, errors, setErrors, fieldProps } = useIdentityForm<Errors>();
  const [validity, setValidity] = useState<ValidityDays>(1);
  const [consent, setConsent] = useState(false);
  const [consentOpen, setConsentOpen] = useState(false);
  const [identity, setIdentity] = useState<Identity | null>(null);

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

  async function verify(capture: FaceCaptureResult) {
    if (!identity) return;
    const result = await endpoints.loginFace({ ...identity, validityDays: validity, faceConsent: true, ...capture });
    auth.loggedIn(result);
    navigate(next ?? paths.home, { replace: true });
  }

  /** Errors about what was typed go back to the form; face errors (a spent or late challenge too) stay on the camera step. */
  function onFaceError(error: unknown): boolean {
    if (!(error instanceof ApiError) || error.code === 'FACE_CHALLENGE_INVALID') return false;
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
      <form className="form" noValidate onSubmit={onSubmit}>
        <LoginFormHead prefix={PREFIX} heading={l.heading} intro={l.intro} notes={next?.startsWith(`${paths.home}qr/`) && <p className="notice">{l.continueQr}</p>} error={errors.form} />

        <IdentityFields prefix={PREFIX} {...fieldProps} />

        <ValidityChoice prefix={PREFIX} value={validity} onChange={setValidity} error={errors.validity} />

        <FaceConsent
          id="login-faceConsent"
          checked={consent}
          onChange={(checked) => {
            setConsent(checked);
            if (checked) setErrors((er) => ({ ...er, faceConsent: undefined }));
          }}
          error={errors.faceConsent}
        >
          <button type="button" className="link-button consent-toggle" aria-expanded={consentOpen} aria-controls="login-consent-text" onClick={() => setConsentOpen((open) => !open)}>
            {consentOpen ? l.faceConsentHide : l.faceConsentShow}
          </button>
          <div id="login-consent-text" className="consent-text" hidden={!consentOpen}>
            <h3 className="consent-title">{l.faceConsentTitle}</h3>
            {l.faceConsentText.map((paragraph) => (
              <p key={paragraph}>{paragraph}</p>
            ))}
          </div>
        </FaceConsent>

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
