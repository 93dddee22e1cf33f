import { useRef, useState, type ChangeEvent, type FormEvent, type ReactNode, type RefObject } from 'react';
import type { SecondFactorResponse } from '@uia/schemas';
import { ui } from '@uia/i18n';
import { detectIdentifierKind } from '@uia/validators';
import { ApiError, captchaFieldError, CaptchaInput, errorMessage, FieldError, FieldInput, Link, navigate, useCaptchaAnswer } from '@uia/web';
import { inputKinds } from '../../components/inputKinds.ts';
import { endpoints, LOGIN_START_PATH, startInteraction, type LoginType } from '../../api.ts';
import { checkEntityRef } from '../../entities.ts';
import { SecondFactorForm } from './SecondFactorForm.tsx';
import { loginPath, withUid } from '../../router.ts';

type LoginField = 'entity' | 'identifier' | 'password' | 'captchaAnswer';
/** The fields typed into the form's own inputs (the captcha's answer is kept with its challenge). */
type TypedField = Exclude<LoginField, 'captchaAnswer'>;
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
  const challenge = useCaptchaAnswer();
  const [values, setValues] = useState<Record<TypedField, string>>({ entity: '', identifier: '', password: '' });
  const { entity, identifier, password } = values;
  const [errors, setErrors] = useState<LoginErrors>({});
  // LOGIN_THROTTLED / PASSWORD_LOGIN_PAUSED: 扫码登录 and 忘记密码 are the ways in without waiting.
  const [throttled, setThrottled] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  // The relying party requires two factors: after the right password, the SMS code.
  const [secondFactor, setSecondFactor] = useState<{ uid: string; sent: SecondFactorResponse } | null>(null);
  const inputs: Record<LoginField, RefObject<HTMLInputElement | null>> = {
    entity: useRef<HTMLInputElement>(null),
    identifier: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    captchaAnswer: useRef<HTMLInputElement>(null),
  };
  const fields = forEntity ? FIELD_ORDER : FIELD_ORDER.filter((field) => field !== 'entity');

  const hint = kindLabel(identifier);
  const captchaError = captchaFieldError(challenge.captcha, errors.captchaAnswer);

  function clear(field: LoginField) {
    if (errors[field] || errors.form) setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
    if (throttled && field !== 'captchaAnswer') setThrottled(false);
  }

  /** What the typed fields' inputs are wired to. */
  const bind = (field: TypedField) => ({
    inputRef: inputs[field],
    id: `${idPrefix}-${field}`,
    name: field,
    error: errors[field],
    value: values[field],
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      const value = e.target.value;
      setValues((v) => ({ ...v, [field]: value }));
      clear(field);
    },
  });

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
    found.captchaAnswer = challenge.missing(ui.login.captchaRequired);
    setErrors(found);
    if (Object.values(found).some(Boolean)) {
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
      ...challenge.sent(),
    };
    try {
      const result = entityRef && 'value' in entityRef ? await endpoints.entityLogin(interaction, { entity: entityRef.value, ...credentials }) : await endpoints.login(interaction, credentials);
      if ('secondFactor' in result) {
        setSecondFactor({ uid: interaction, sent: result });
        return;
      }
      window.location.assign(result.redirectTo);
      // Stay in the submitting state while the browser leaves the page.
    } catch (error: unknown) {
      setSubmitting(false);
      // Challenges are one-time: any failed submit needs a fresh captcha.
      challenge.used();
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

  if (secondFactor) return <SecondFactorForm uid={secondFactor.uid} sent={secondFactor.sent} />;

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
          <LoginRow id="entity-login-entity" label={ui.login.entityLabel} error={errors.entity}>
            <FieldInput
              {...bind('entity')}
              className="input input-icon input-icon-building"
              type="text"
              autoComplete="organization"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={64}
              placeholder={ui.login.entityPlaceholder}
            />
          </LoginRow>
        </>
      )}

      <LoginRow id={`${idPrefix}-identifier`} label={ui.login.identifierLabel} error={errors.identifier} hint={hint ? { className: 'identifier-kind', live: true, content: hint } : null}>
        <FieldInput
          {...bind('identifier')}
          hint={Boolean(hint)}
          className="input input-icon input-icon-user"
          {...inputKinds.accountName}
          inputMode="text"
          placeholder={ui.login.identifierPlaceholder}
        />
      </LoginRow>

      <LoginRow
        id={`${idPrefix}-password`}
        label={ui.login.passwordLabel}
        error={errors.password}
        hint={
          throttled && {
            className: 'throttled-hint',
            content: (
              <>
                {ui.login.throttledHint}
                <button type="button" className="link-button" onClick={onChooseQr}>
                  {ui.login.modeQr}
                </button>
                {ui.login.throttledHintOr}
                <Link to={withUid('/forgot-password', uid)}>{ui.login.throttledHintReset}</Link>
                {ui.login.throttledHintEnd}
              </>
            ),
          }
        }
      >
        <div className="input-with-aside">
          <FieldInput
            {...bind('password')}
            hint={throttled}
            className="input input-icon input-icon-lock"
            type="password"
            autoComplete="current-password"
            maxLength={64}
            placeholder={ui.login.passwordPlaceholder}
          />
          <Link to={withUid('/forgot-password', uid)} className="aside-link">
            {ui.login.forgotPassword}
          </Link>
        </div>
      </LoginRow>

      <LoginRow id={`${idPrefix}-captcha`} label={ui.login.captchaLabel} error={captchaError}>
        <CaptchaInput
          id={`${idPrefix}-captcha`}
          inputRef={inputs.captchaAnswer}
          rowClassName="captcha-row"
          inputClassName="input input-icon input-icon-shield"
          captcha={challenge.captcha}
          placeholder={ui.login.captchaPlaceholder}
          value={challenge.answer}
          error={captchaError}
          onChange={(value) => {
            challenge.setAnswer(value);
            clear('captchaAnswer');
          }}
        />
      </LoginRow>

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

/**
 * A row of the login form: its label for screen readers only (the placeholder
 * and icon show it), the control, its hint (`<id>-hint`, which the control's
 * aria-describedby names), its error.
 */
function LoginRow({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  hint?: { className: string; live?: boolean; content: ReactNode } | false | null;
  children: ReactNode;
}) {
  return (
    <div className="form-row">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className={`field-hint ${hint.className}`} aria-live={hint.live ? 'polite' : undefined}>
          {hint.content}
        </p>
      )}
      <FieldError id={id} message={error} />
    </div>
  );
}
