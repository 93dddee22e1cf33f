import { useEffect, useRef, useState, type FormEvent } from 'react';
import { formatMessage, ui } from '@uia/i18n';
import { detectIdentifierKind } from '@uia/validators';
import { ApiError, captchaFieldError, CaptchaInput, describedBy, errorMessage, FieldError, Link, navigate, useCaptcha } from '@uia/web';
import { endpoints, LOGIN_START_PATH, PORTAL_CLIENT_ID, startInteraction } from '../api.ts';
import { QrLogin } from '../components/QrLogin.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { loginPath, withUid } from '../router.ts';
import { fill } from '../text.ts';

type Tab = 'personal' | 'entity';
type Mode = 'qr' | 'account';

/**
 * The mode the person picked last in this browser tab, so that 返回登录 from
 * 忘记密码 or 立即注册 comes back to 账号登录 instead of the default 扫码登录.
 */
const MODE_KEY = 'uia.loginMode';

function rememberedMode(): Mode {
  try {
    return window.sessionStorage.getItem(MODE_KEY) === 'account' ? 'account' : 'qr';
  } catch {
    return 'qr';
  }
}

function rememberMode(mode: Mode): void {
  try {
    window.sessionStorage.setItem(MODE_KEY, mode);
  } catch {
    /* storage disabled: the default is fine */
  }
}

export function LoginPage({ uid }: { uid: string | null }) {
  const [tab, setTab] = useState<Tab>('personal');
  // 扫码登录 is the manual's default (推荐); 账号登录 is one click away.
  const [mode, setMode] = useState<Mode>(rememberedMode);
  const [clientName, setClientName] = useState<string | null>(null);
  const [expired, setExpired] = useState<string | null>(null);
  // The relying party demands a level only 扫码登录 reaches (requiredAcr, or
  // a password login answered LOGIN_REQUIRES_QR): the note shown, else null.
  const [qrOnly, setQrOnly] = useState<string | null>(null);

  useEffect(() => {
    setClientName(null);
    setExpired(null);
    setQrOnly(null);
    if (!uid) return;
    let live = true;
    endpoints.interactionDetails(uid).then(
      (details) => {
        if (!live) return;
        // The portal's own login (opened at `/`) is for the platform itself: no 正在登录 line.
        if (details.client && typeof details.client.name === 'string' && details.client.id !== PORTAL_CLIENT_ID) {
          setClientName(details.client.name);
        }
        if (typeof details.requiredAcr === 'string' && details.requiredAcr) setQrOnly(ui.qrLogin.requiresQr);
      },
      (error: unknown) => {
        if (!live || !(error instanceof ApiError)) return;
        if (error.code === 'LOGIN_REQUEST_EXPIRED') setExpired(error.message);
        else if (error.code === 'NOT_FOUND') setExpired(formatMessage('LOGIN_REQUEST_EXPIRED'));
      },
    );
    return () => {
      live = false;
    };
  }, [uid]);

  function chooseMode(next: Mode) {
    setMode(next);
    rememberMode(next);
  }

  function backToPersonal() {
    setTab('personal');
    chooseMode(qrOnly ? 'qr' : 'account');
  }

  const shownMode: Mode = qrOnly ? 'qr' : mode;

  const modes = [
    {
      key: 'qr' as const,
      label: (
        <>
          {ui.login.modeQr}
          <span className="badge" aria-hidden="true">
            {ui.login.recommended}
          </span>
        </>
      ),
      ariaLabel: `${ui.login.modeQr}（${ui.login.recommended}）`,
    },
    ...(qrOnly ? [] : [{ key: 'account' as const, label: ui.login.modeAccount }]),
  ];

  return (
    <div className="container login-layout">
      <section className="intro" aria-labelledby="intro-heading">
        <h1 id="intro-heading" className="intro-heading">
          {ui.intro.heading}
        </h1>
        <p className="intro-text">{ui.intro.text}</p>
        <ul className="intro-points">
          {ui.intro.points.map((point) => (
            <li key={point}>{point}</li>
          ))}
        </ul>
      </section>

      <section className="login-card" aria-label={ui.login.pageTitle}>
        {clientName && (
          <p className="login-client" data-testid="login-client">
            {fill(ui.login.loggingInto, { client: clientName })}
          </p>
        )}
        <Tabs
          idPrefix="login"
          label={ui.login.tabsLabel}
          className="login-tabs"
          items={[
            { key: 'personal', label: ui.login.tabPersonal },
            { key: 'entity', label: ui.login.tabEntity },
          ]}
          selected={tab}
          onSelect={setTab}
        />
        <div id="login-panel" role="tabpanel" aria-labelledby={`login-tab-${tab}`} className="login-panel">
          {tab === 'personal' ? (
            <>
              <Tabs
                idPrefix="mode"
                label={ui.login.modesLabel}
                className="mode-tabs"
                items={modes}
                selected={shownMode}
                onSelect={chooseMode}
              />
              <div id="mode-panel" role="tabpanel" aria-labelledby={`mode-tab-${shownMode}`}>
                {expired ? (
                  <ExpiredNotice message={expired} />
                ) : shownMode === 'qr' ? (
                  <QrLogin uid={uid} note={qrOnly} onExpired={setExpired} />
                ) : (
                  <AccountLoginForm uid={uid} onExpired={setExpired} onRequiresQr={setQrOnly} />
                )}
              </div>
            </>
          ) : (
            <UnavailableNotice
              text={ui.login.entityUnavailable}
              hint={ui.login.entityUnavailableHint}
              action={qrOnly ? ui.qrLogin.switchToPersonalQr : ui.login.switchToPersonalAccount}
              onAction={backToPersonal}
            />
          )}
        </div>
      </section>
    </div>
  );
}

function UnavailableNotice({
  text,
  hint,
  action,
  onAction,
}: {
  text: string;
  hint?: string;
  action: string;
  onAction: () => void;
}) {
  return (
    <div className="unavailable" role="status">
      <svg className="unavailable-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <path d="M12 7v6M12 16.5v.5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
      <p className="unavailable-text">{text}</p>
      {hint && <p className="unavailable-hint">{hint}</p>}
      <button type="button" className="button button-primary button-block" onClick={onAction}>
        {action}
      </button>
    </div>
  );
}

function ExpiredNotice({ message }: { message: string }) {
  return (
    <div className="alert alert-error expired" role="alert">
      <p>{message}</p>
      <button type="button" className="link-button" onClick={() => window.history.back()}>
        {ui.login.expiredBack}
      </button>
    </div>
  );
}

type LoginField = 'identifier' | 'password' | 'captchaAnswer';
type LoginErrors = Partial<Record<LoginField | 'form', string>>;

const kindLabel = (raw: string): string | null => {
  const value = raw.trim();
  if (!value) return null;
  switch (detectIdentifierKind(value)) {
    case 'id_number':
      return ui.login.identifierKind.idNumber;
    case 'phone':
      return ui.login.identifierKind.phone;
    default:
      return ui.login.identifierKind.username;
  }
};

function AccountLoginForm({
  uid,
  onExpired,
  onRequiresQr,
}: {
  uid: string | null;
  onExpired: (message: string) => void;
  /** LOGIN_REQUIRES_QR: the relying party demands 实人认证, which only 扫码登录 gives. */
  onRequiresQr: (message: string) => void;
}) {
  const captcha = useCaptcha();
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [captchaAnswer, setCaptchaAnswer] = useState('');
  const [errors, setErrors] = useState<LoginErrors>({});
  // ACCOUNT_LOCKED: 忘记密码 is the way in without waiting.
  const [locked, setLocked] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const inputs = {
    identifier: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    captchaAnswer: useRef<HTMLInputElement>(null),
  };

  const hint = kindLabel(identifier);
  const captchaError = captchaFieldError(captcha, errors.captchaAnswer);

  function clearError(field: LoginField) {
    if (errors[field] || errors.form) setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
    if (locked && field !== 'captchaAnswer') setLocked(false);
  }

  function focusFirst(found: LoginErrors) {
    const order: LoginField[] = ['identifier', 'password', 'captchaAnswer'];
    const first = order.find((field) => found[field]);
    if (first) inputs[first].current?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const found: LoginErrors = {};
    if (!identifier.trim()) found.identifier = ui.login.identifierRequired;
    if (!password) found.password = ui.login.passwordRequired;
    if (!captchaAnswer.trim()) found.captchaAnswer = ui.login.captchaRequired;
    else if (!captcha.id) found.captchaAnswer = ui.captcha.loadFailedMessage;
    setErrors(found);
    if (Object.keys(found).length) {
      focusFirst(found);
      return;
    }

    setSubmitting(true);
    let interaction = uid;
    if (!interaction) {
      interaction = await startInteraction();
      if (!interaction) {
        window.location.assign(LOGIN_START_PATH);
        return;
      }
      navigate(loginPath(interaction), { replace: true });
    }

    try {
      const result = await endpoints.login(interaction, {
        identifier: identifier.trim(),
        password,
        captchaId: captcha.id ?? '',
        captchaAnswer: captchaAnswer.trim(),
      });
      window.location.assign(result.redirectTo);
      // Stay in the submitting state while the browser leaves the page.
    } catch (error: unknown) {
      setSubmitting(false);
      // Challenges are one-time: any failed submit needs a fresh captcha.
      captcha.refresh();
      setCaptchaAnswer('');
      const message = errorMessage(error);
      if (error instanceof ApiError && error.code === 'LOGIN_REQUEST_EXPIRED') {
        onExpired(message);
        return;
      }
      if (error instanceof ApiError && error.code === 'LOGIN_REQUIRES_QR') {
        onRequiresQr(message);
        return;
      }
      setLocked(error instanceof ApiError && error.code === 'ACCOUNT_LOCKED');
      const field = error instanceof ApiError ? error.field : undefined;
      const next: LoginErrors =
        field === 'identifier' || field === 'password' || field === 'captchaAnswer'
          ? { [field]: message }
          : { form: message };
      setErrors(next);
      if (next.form) inputs.captchaAnswer.current?.focus();
      else focusFirst(next);
    }
  }

  return (
    <form className="login-form" noValidate onSubmit={onSubmit} aria-describedby={errors.form ? 'login-form-error' : undefined}>
      {errors.form && (
        <div id="login-form-error" className="alert alert-error" role="alert">
          {errors.form}
        </div>
      )}

      <div className="form-row">
        <label htmlFor="login-identifier" className="visually-hidden">
          {ui.login.identifierLabel}
        </label>
        <input
          ref={inputs.identifier}
          id="login-identifier"
          name="identifier"
          className="input input-icon input-icon-user"
          type="text"
          inputMode="text"
          autoComplete="username"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={64}
          placeholder={ui.login.identifierPlaceholder}
          value={identifier}
          aria-invalid={errors.identifier ? true : undefined}
          aria-describedby={describedBy('login-identifier', { error: errors.identifier, hint: Boolean(hint) })}
          onChange={(e) => {
            setIdentifier(e.target.value);
            clearError('identifier');
          }}
        />
        {hint && (
          <p id="login-identifier-hint" className="field-hint identifier-kind" aria-live="polite">
            {hint}
          </p>
        )}
        <FieldError id="login-identifier" message={errors.identifier} />
      </div>

      <div className="form-row">
        <label htmlFor="login-password" className="visually-hidden">
          {ui.login.passwordLabel}
        </label>
        <div className="input-with-aside">
          <input
            ref={inputs.password}
            id="login-password"
            name="password"
            className="input input-icon input-icon-lock"
            type="password"
            autoComplete="current-password"
            maxLength={64}
            placeholder={ui.login.passwordPlaceholder}
            value={password}
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={describedBy('login-password', { error: errors.password, hint: locked })}
            onChange={(e) => {
              setPassword(e.target.value);
              clearError('password');
            }}
          />
          <Link to={withUid('/forgot-password', uid)} className="aside-link">
            {ui.login.forgotPassword}
          </Link>
        </div>
        <FieldError id="login-password" message={errors.password} />
        {locked && (
          <p id="login-password-hint" className="field-hint locked-hint">
            {ui.login.lockedHint}
            <Link to={withUid('/forgot-password', uid)}>{ui.login.forgotPassword}</Link>
          </p>
        )}
      </div>

      <div className="form-row">
        <label htmlFor="login-captcha" className="visually-hidden">
          {ui.login.captchaLabel}
        </label>
        <CaptchaInput
          id="login-captcha"
          inputRef={inputs.captchaAnswer}
          rowClassName="captcha-row"
          inputClassName="input input-icon input-icon-shield"
          captcha={captcha}
          placeholder={ui.login.captchaPlaceholder}
          value={captchaAnswer}
          error={captchaError}
          onChange={(value) => {
            setCaptchaAnswer(value);
            clearError('captchaAnswer');
          }}
        />
        <FieldError id="login-captcha" message={captchaError} />
      </div>

      <p className="register-line">
        <span>{ui.login.noAccount}</span>
        <Link to={withUid('/register', uid)} className="register-link">
          {ui.login.register}
        </Link>
      </p>

      <button type="submit" className="button button-primary button-block button-large" disabled={submitting} aria-busy={submitting}>
        {submitting ? ui.login.submitting : ui.login.submit}
      </button>
    </form>
  );
}
