import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { ui } from '@uia/i18n';
import { detectIdentifierKind } from '@uia/validators';
import { ApiError, captchaFieldError, CaptchaInput, errorMessage, FieldError, FieldInput, Link, navigate, useCaptcha } from '@uia/web';
import { endpoints, LOGIN_START_PATH, startInteraction, type LoginType } from '../../api.ts';
import { checkEntityRef } from '../../entities.ts';
import { loginPath, withUid } from '../../router.ts';

type LoginField = 'entity' | 'identifier' | 'password' | 'captchaAnswer';
type LoginErrors = Partial<Record<LoginField | 'form', string>>;

/** The form's order, to focus the first field in error (`entity` only under 法人登录). */
const FIELD_ORDER: readonly LoginField[] = ['entity', 'identifier', 'password', 'captchaAnswer'];

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

/**
 * 账号登录 (个人登录) and its 法人登录 twin: the same identifier, password
 * and captcha, plus, for an entity, the 统一社会信用代码/单位账号 it acts for.
 */
export function AccountLoginForm({
  uid,
  loginType,
  onExpired,
  onRequiresQr,
  onChooseQr,
}: {
  uid: string | null;
  loginType: LoginType;
  onExpired: (message: string) => void;
  /** LOGIN_REQUIRES_QR: the relying party demands 实人认证, which only 扫码登录 gives. */
  onRequiresQr: (message: string) => void;
  /** The throttle hint's 扫码登录: switches to the QR mode. */
  onChooseQr: () => void;
}) {
  const forEntity = loginType === 'entity';
  // Element ids: `login-…` for 个人登录 (as before), `entity-login-…` for 法人登录.
  const idPrefix = forEntity ? 'entity-login' : 'login';
  const captcha = useCaptcha();
  const [entity, setEntity] = useState('');
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [captchaAnswer, setCaptchaAnswer] = useState('');
  const [errors, setErrors] = useState<LoginErrors>({});
  // LOGIN_THROTTLED / PASSWORD_LOGIN_PAUSED: 扫码登录 and 忘记密码 are the ways in without waiting.
  const [throttled, setThrottled] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const inputs: Record<LoginField, RefObject<HTMLInputElement | null>> = {
    entity: useRef<HTMLInputElement>(null),
    identifier: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    captchaAnswer: useRef<HTMLInputElement>(null),
  };
  const fields = forEntity ? FIELD_ORDER : FIELD_ORDER.filter((field) => field !== 'entity');

  const hint = kindLabel(identifier);
  const captchaError = captchaFieldError(captcha, errors.captchaAnswer);

  function clearError(field: LoginField) {
    if (errors[field] || errors.form) setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
    if (throttled && field !== 'captchaAnswer') setThrottled(false);
  }

  function focusFirst(found: LoginErrors) {
    const first = fields.find((field) => found[field]);
    if (first) inputs[first].current?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const found: LoginErrors = {};
    const entityRef = forEntity ? checkEntityRef(entity) : null;
    if (entityRef && 'error' in entityRef) found.entity = entityRef.error;
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

    const credentials = {
      identifier: identifier.trim(),
      password,
      captchaId: captcha.id ?? '',
      captchaAnswer: captchaAnswer.trim(),
    };
    try {
      const result = entityRef && 'value' in entityRef ? await endpoints.entityLogin(interaction, { entity: entityRef.value, ...credentials }) : await endpoints.login(interaction, credentials);
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
      setThrottled(error instanceof ApiError && (error.code === 'LOGIN_THROTTLED' || error.code === 'PASSWORD_LOGIN_PAUSED'));
      const field = fields.find((f) => error instanceof ApiError && error.field === f);
      const next: LoginErrors = field ? { [field]: message } : { form: message };
      setErrors(next);
      if (next.form) inputs.captchaAnswer.current?.focus();
      else focusFirst(next);
    }
  }

  return (
    <form className="login-form" noValidate onSubmit={(event) => void onSubmit(event)} aria-describedby={errors.form ? `${idPrefix}-form-error` : undefined}>
      {errors.form && (
        <div id={`${idPrefix}-form-error`} className="alert alert-error" role="alert">
          {errors.form}
        </div>
      )}

      {forEntity && (
        <>
          <p className="entity-login-hint" data-testid="entity-login-hint">
            {ui.login.entityHint}
          </p>
          <div className="form-row">
            <label htmlFor="entity-login-entity" className="visually-hidden">
              {ui.login.entityLabel}
            </label>
            <FieldInput
              inputRef={inputs.entity}
              id="entity-login-entity"
              error={errors.entity}
              name="entity"
              className="input input-icon input-icon-building"
              type="text"
              autoComplete="organization"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={64}
              placeholder={ui.login.entityPlaceholder}
              value={entity}
              onChange={(e) => {
                setEntity(e.target.value);
                clearError('entity');
              }}
            />
            <FieldError id="entity-login-entity" message={errors.entity} />
          </div>
        </>
      )}

      <div className="form-row">
        <label htmlFor={`${idPrefix}-identifier`} className="visually-hidden">
          {ui.login.identifierLabel}
        </label>
        <FieldInput
          inputRef={inputs.identifier}
          id={`${idPrefix}-identifier`}
          error={errors.identifier}
          hint={Boolean(hint)}
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
          onChange={(e) => {
            setIdentifier(e.target.value);
            clearError('identifier');
          }}
        />
        {hint && (
          <p id={`${idPrefix}-identifier-hint`} className="field-hint identifier-kind" aria-live="polite">
            {hint}
          </p>
        )}
        <FieldError id={`${idPrefix}-identifier`} message={errors.identifier} />
      </div>

      <div className="form-row">
        <label htmlFor={`${idPrefix}-password`} className="visually-hidden">
          {ui.login.passwordLabel}
        </label>
        <div className="input-with-aside">
          <FieldInput
            inputRef={inputs.password}
            id={`${idPrefix}-password`}
            error={errors.password}
            hint={throttled}
            name="password"
            className="input input-icon input-icon-lock"
            type="password"
            autoComplete="current-password"
            maxLength={64}
            placeholder={ui.login.passwordPlaceholder}
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              clearError('password');
            }}
          />
          <Link to={withUid('/forgot-password', uid)} className="aside-link">
            {ui.login.forgotPassword}
          </Link>
        </div>
        <FieldError id={`${idPrefix}-password`} message={errors.password} />
        {throttled && (
          <p id={`${idPrefix}-password-hint`} className="field-hint throttled-hint">
            {ui.login.throttledHint}
            <button type="button" className="link-button" onClick={onChooseQr}>
              {ui.login.modeQr}
            </button>
            {ui.login.throttledHintOr}
            <Link to={withUid('/forgot-password', uid)}>{ui.login.throttledHintReset}</Link>
            {ui.login.throttledHintEnd}
          </p>
        )}
      </div>

      <div className="form-row">
        <label htmlFor={`${idPrefix}-captcha`} className="visually-hidden">
          {ui.login.captchaLabel}
        </label>
        <CaptchaInput
          id={`${idPrefix}-captcha`}
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
        <FieldError id={`${idPrefix}-captcha`} message={captchaError} />
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
