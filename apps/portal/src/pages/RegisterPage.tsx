import { useEffect, useRef, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { formatMessage, ui, type ErrorCode } from '@uia/i18n';
import {
  birthDateFromIdNumber,
  ID_TYPES,
  maskPhone,
  validateIdNumber,
  validateName,
  PASSWORD_LENGTH,
  validatePassword,
  validatePhone,
  validateUsername,
} from '@uia/validators';
import type { PlatformFeatures } from '@uia/schemas';
import { ApiError, captchaFieldError, CaptchaImage, codeSent, describedBy, errorMessage, FieldError, Link, raiseLevelHint, sendRefused, SmsCodeButton, useCaptcha, useCountdown } from '@uia/web';
import { endpoints, type RegisterRequest } from '../api.ts';
import { FormAlert, LabeledRow } from '../components/Field.tsx';
import { loginPath } from '../router.ts';
import { fill } from '../text.ts';

const r = ui.register;

interface Values {
  name: string;
  idType: string;
  idNumber: string;
  phone: string;
  captchaAnswer: string;
  smsCode: string;
  username: string;
  password: string;
  confirmPassword: string;
}
type Field = keyof Values;
type Errors = Partial<Record<Field | 'agreeTerms' | 'form', string>>;

/** Order of the form, used to focus the first field in error. */
const FIELD_ORDER: (Field | 'agreeTerms')[] = [
  'name',
  'idType',
  'idNumber',
  'phone',
  'captchaAnswer',
  'smsCode',
  'username',
  'password',
  'confirmPassword',
  'agreeTerms',
];

/** Fields of POST /api/register the server may name in `error.field`. */
const SERVER_FIELDS = new Set<string>(['name', 'idType', 'idNumber', 'phone', 'smsCode', 'username', 'password', 'agreeTerms']);

const inputId = (field: Field | 'agreeTerms') => `reg-${field}`;

type Checked = { error?: string; value?: string };

/**
 * Client-side check of one field with the shared validators. Empty fields
 * are only an error when `requireFilled` (on submit), not on blur.
 */
function check(field: Field, v: Values, requireFilled: boolean): Checked {
  const raw = v[field];
  const empty = field === 'password' || field === 'confirmPassword' ? raw === '' : raw.trim() === '';
  if (empty) return requireFilled ? { error: requiredMessage(field) } : {};

  switch (field) {
    case 'name':
      return verdict(validateName(raw));
    case 'idType':
      // A select of ID_TYPES; its rules are checked through the number.
      return { value: raw };
    case 'idNumber':
      return verdict(validateIdNumber(v.idType, raw));
    case 'phone':
      return verdict(validatePhone(raw));
    case 'captchaAnswer':
      return { value: raw.trim() };
    case 'smsCode':
      return /^\d{6}$/.test(raw.trim()) ? { value: raw.trim() } : { error: r.smsCodeRequired };
    case 'username':
      return verdict(validateUsername(raw));
    case 'password': {
      const id = validateIdNumber(v.idType, v.idNumber);
      const birthDate = id.ok ? birthDateFromIdNumber(v.idType, id.value) : null;
      return verdict(
        validatePassword(raw, {
          username: v.username.trim(),
          phone: v.phone.trim(),
          birthDate: birthDate ?? undefined,
        }),
      );
    }
    case 'confirmPassword':
      return raw === v.password ? { value: raw } : { error: formatMessage('PASSWORD_MISMATCH') };
  }
}

function verdict(result: { ok: true; value: string } | { ok: false; reason: ErrorCode }): Checked {
  return result.ok ? { value: result.value } : { error: formatMessage(result.reason) };
}

function requiredMessage(field: Field): string {
  switch (field) {
    case 'name':
      return r.namePlaceholder;
    case 'idType':
      return formatMessage('ID_TYPE_INVALID');
    case 'idNumber':
      return r.idNumberPlaceholder;
    case 'phone':
      return r.phonePlaceholder;
    case 'captchaAnswer':
      return r.captchaRequired;
    case 'smsCode':
      return r.smsCodeRequired;
    case 'username':
      return r.usernamePlaceholder;
    case 'password':
      return r.passwordPlaceholder;
    case 'confirmPassword':
      return r.confirmPasswordPlaceholder;
  }
}

const EMPTY: Values = {
  name: '',
  idType: 'resident_id',
  idNumber: '',
  phone: '',
  captchaAnswer: '',
  smsCode: '',
  username: '',
  password: '',
  confirmPassword: '',
};

export function RegisterPage({ uid, features }: { uid: string | null; features: PlatformFeatures }) {
  const [registered, setRegistered] = useState<Registered | null>(null);

  return (
    <section className="panel register-panel" aria-labelledby="register-title">
      <div className="panel-head">
        <h1 id="register-title" className="panel-title">
          {r.heading}
        </h1>
        {!registered && (
          <p className="panel-head-aside">
            {r.haveAccount}
            <Link to={loginPath(uid)}>{r.backToLogin}</Link>
          </p>
        )}
      </div>
      {registered ? <RegisterSuccess registered={registered} uid={uid} features={features} /> : <RegisterForm onDone={setRegistered} features={features} />}
    </section>
  );
}

/** The new account: its username, and its level (L1 未实名 when the platform could not check the name). */
interface Registered {
  username: string;
  assuranceLevel: string;
}

function RegisterSuccess({ registered, uid, features }: { registered: Registered; uid: string | null; features: PlatformFeatures }) {
  const { username } = registered;
  const button = useRef<HTMLAnchorElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div className="register-success" role="status">
      <svg className="success-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <circle cx="24" cy="24" r="22" fill="#1f9d55" />
        <path d="m14 24.5 7 7 13-14" fill="none" stroke="#fff" strokeWidth="3.5" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <p className="success-title">{r.successTitle}</p>
      <p className="success-username">{fill(r.successUsername, { username })}</p>
      <p className="success-hint">{r.successHint}</p>
      {registered.assuranceLevel === 'L1' && (
        <p className="alert alert-info" data-testid="register-unverified">
          {fill(r.successLevel, { level: ui.realName.unverified })}
          {raiseLevelHint(features)}
        </p>
      )}
      <Link ref={button} to={loginPath(uid)} className="button button-primary button-wide">
        {r.goLogin}
      </Link>
    </div>
  );
}

function RegisterForm({ onDone, features }: { onDone: (registered: Registered) => void; features: PlatformFeatures }) {
  const captcha = useCaptcha();
  const [values, setValues] = useState<Values>(EMPTY);
  const [agree, setAgree] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [submitting, setSubmitting] = useState(false);
  const [sending, setSending] = useState(false);
  const countdown = useCountdown();
  const [smsNotice, setSmsNotice] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  function focusField(field: Field | 'agreeTerms') {
    const el = formRef.current?.querySelector<HTMLElement>(`#${inputId(field)}`);
    el?.focus();
  }

  function focusFirst(found: Errors) {
    const first = FIELD_ORDER.find((field) => found[field]);
    if (first) focusField(first);
  }

  function set(field: Field, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field] || errors.form) setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
  }

  function onBlur(field: Field) {
    const raw = values[field];
    if (raw === '' || field === 'captchaAnswer') return;
    const { error } = check(field, values, false);
    setErrors((e) => ({ ...e, [field]: error }));
  }

  async function sendSms() {
    if (sending || countdown.seconds > 0) return;
    const phone = check('phone', values, true);
    const found: Errors = {};
    if (phone.error) found.phone = phone.error;
    if (!values.captchaAnswer.trim()) found.captchaAnswer = r.captchaRequired;
    else if (!captcha.id) found.captchaAnswer = ui.captcha.loadFailedMessage;
    setErrors((e) => ({ ...e, phone: found.phone, captchaAnswer: found.captchaAnswer, smsCode: undefined }));
    if (found.phone || found.captchaAnswer) {
      focusFirst(found);
      return;
    }

    setSending(true);
    setSmsNotice(null);
    const phoneValue = phone.value ?? values.phone.trim();
    try {
      const result = await endpoints.sendSms({
        phone: phoneValue,
        purpose: 'register',
        captchaId: captcha.id ?? '',
        captchaAnswer: values.captchaAnswer.trim(),
      });
      const minutes = codeSent(countdown, result);
      setSmsNotice(fill(ui.smsCode.sent, { phone: maskPhone(phoneValue), minutes }));
      focusField('smsCode');
    } catch (error: unknown) {
      const message = errorMessage(error);
      sendRefused(countdown, error);
      const field = error instanceof ApiError ? error.field : undefined;
      const target: Field = field === 'phone' || field === 'captchaAnswer' ? field : 'smsCode';
      setErrors((e) => ({ ...e, [target]: message }));
      focusField(target === 'smsCode' ? 'smsCode' : target);
    } finally {
      setSending(false);
      // The challenge was used up by this attempt, right or wrong.
      captcha.refresh();
      setValues((v) => ({ ...v, captchaAnswer: '' }));
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const found: Errors = {};
    const clean: Partial<Values> = {};
    for (const field of ['name', 'idNumber', 'phone', 'smsCode', 'username', 'password', 'confirmPassword'] as const) {
      const result = check(field, values, true);
      if (result.error) found[field] = result.error;
      else clean[field] = result.value ?? values[field];
    }
    if (!agree) found.agreeTerms = formatMessage('CONSENT_REQUIRED');
    setErrors(found);
    if (Object.values(found).some(Boolean)) {
      focusFirst(found);
      return;
    }

    const body: RegisterRequest = {
      name: clean.name ?? values.name.trim(),
      idType: values.idType,
      idNumber: clean.idNumber ?? values.idNumber.trim(),
      phone: clean.phone ?? values.phone.trim(),
      smsCode: clean.smsCode ?? values.smsCode.trim(),
      username: clean.username ?? values.username.trim(),
      password: values.password,
      agreeTerms: true,
    };
    setSubmitting(true);
    try {
      const result = await endpoints.register(body);
      onDone({ username: typeof result.username === 'string' ? result.username : body.username, assuranceLevel: result.assuranceLevel });
    } catch (error: unknown) {
      setSubmitting(false);
      const message = errorMessage(error);
      const field = error instanceof ApiError ? error.field : undefined;
      const next: Errors = field && SERVER_FIELDS.has(field) ? { [field]: message } : { form: message };
      setErrors(next);
      if (next.form) formRef.current?.querySelector<HTMLElement>('#register-form-error')?.focus();
      else focusFirst(next);
    }
  }

  const input = (field: Field, props: InputHTMLAttributes<HTMLInputElement> & { hint?: boolean }) => {
    const { hint, ...rest } = props;
    return (
      <input
        id={inputId(field)}
        name={field}
        className="input"
        value={values[field]}
        onChange={(e) => set(field, e.target.value)}
        onBlur={() => onBlur(field)}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={describedBy(inputId(field), { error: errors[field], hint })}
        aria-required={true}
        {...rest}
      />
    );
  };

  const captchaError = captchaFieldError(captcha, errors.captchaAnswer);

  return (
    <form ref={formRef} className="register-form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <p className="form-intro">{r.subheading}</p>
      {!features.realName && (
        <p className="alert alert-info" data-testid="register-realname-off">
          {ui.realName.registerNote}
          {raiseLevelHint(features)}
        </p>
      )}
      <FormAlert id="register-form-error" message={errors.form} />

      <Row field="name" label={r.nameLabel} error={errors.name}>
        {input('name', { type: 'text', autoComplete: 'name', maxLength: 40, placeholder: r.namePlaceholder })}
      </Row>

      <Row field="idType" label={r.idTypeLabel} error={errors.idType}>
        <select
          id={inputId('idType')}
          name="idType"
          className="input select"
          value={values.idType}
          onChange={(e) => {
            const idType = e.target.value;
            setValues((v) => ({ ...v, idType }));
            // The number's rules depend on the type: re-check a typed number.
            if (values.idNumber.trim()) {
              const { error } = check('idNumber', { ...values, idType }, false);
              setErrors((er) => ({ ...er, idType: undefined, idNumber: error }));
            }
          }}
          aria-invalid={errors.idType ? true : undefined}
          aria-describedby={describedBy(inputId('idType'), { error: errors.idType })}
        >
          {ID_TYPES.map((type) => (
            <option key={type.value} value={type.value}>
              {type.label}
            </option>
          ))}
        </select>
      </Row>

      <Row field="idNumber" label={r.idNumberLabel} error={errors.idNumber}>
        {input('idNumber', {
          type: 'text',
          autoComplete: 'off',
          autoCapitalize: 'characters',
          spellCheck: false,
          maxLength: 32,
          placeholder: r.idNumberPlaceholder,
        })}
      </Row>

      <Row field="phone" label={r.phoneLabel} error={errors.phone}>
        {input('phone', {
          type: 'tel',
          inputMode: 'numeric',
          autoComplete: 'tel-national',
          maxLength: 11,
          placeholder: r.phonePlaceholder,
        })}
      </Row>

      <Row field="captchaAnswer" label={r.captchaLabel} error={captchaError}>
        <div className="captcha-row">
          {input('captchaAnswer', {
            type: 'text',
            autoComplete: 'off',
            autoCapitalize: 'off',
            spellCheck: false,
            maxLength: 8,
            placeholder: r.captchaPlaceholder,
            'aria-invalid': captchaError ? true : undefined,
            'aria-describedby': describedBy(inputId('captchaAnswer'), { error: captchaError }),
          })}
          <CaptchaImage captcha={captcha} />
        </div>
      </Row>

      <Row field="smsCode" label={r.smsCodeLabel} error={errors.smsCode} hint={smsNotice ?? undefined}>
        <div className="sms-row">
          {input('smsCode', {
            type: 'text',
            inputMode: 'numeric',
            autoComplete: 'one-time-code',
            maxLength: 6,
            placeholder: r.smsCodePlaceholder,
            hint: Boolean(smsNotice),
          })}
          <SmsCodeButton countdown={countdown} sending={sending} onClick={() => void sendSms()} />
        </div>
      </Row>

      <Row field="username" label={r.usernameLabel} error={errors.username} hint={r.usernameHint}>
        {input('username', {
          type: 'text',
          autoComplete: 'username',
          autoCapitalize: 'off',
          spellCheck: false,
          maxLength: 20,
          placeholder: r.usernamePlaceholder,
          hint: true,
        })}
      </Row>

      <Row field="password" label={r.passwordLabel} error={errors.password} hint={ui.passwordPolicy.hint}>
        {input('password', {
          type: 'password',
          autoComplete: 'new-password',
          maxLength: PASSWORD_LENGTH.max,
          placeholder: r.passwordPlaceholder,
          hint: true,
        })}
      </Row>

      <Row field="confirmPassword" label={r.confirmPasswordLabel} error={errors.confirmPassword}>
        {input('confirmPassword', {
          type: 'password',
          autoComplete: 'new-password',
          maxLength: PASSWORD_LENGTH.max,
          placeholder: r.confirmPasswordPlaceholder,
        })}
      </Row>

      <div className="form-row form-row-offset">
        <div className="agree">
          <input
            id={inputId('agreeTerms')}
            name="agreeTerms"
            type="checkbox"
            checked={agree}
            onChange={(e) => {
              setAgree(e.target.checked);
              if (e.target.checked) setErrors((er) => ({ ...er, agreeTerms: undefined }));
            }}
            aria-invalid={errors.agreeTerms ? true : undefined}
            aria-describedby={describedBy(inputId('agreeTerms'), { error: errors.agreeTerms })}
          />
          <label htmlFor={inputId('agreeTerms')}>
            {r.agreePrefix}
            <a href="/terms" target="_blank" rel="noopener">
              {r.agreeTerms}
            </a>
            {r.agreeAnd}
            <a href="/privacy" target="_blank" rel="noopener">
              {r.agreePrivacy}
            </a>
          </label>
        </div>
        <FieldError id={inputId('agreeTerms')} message={errors.agreeTerms} />
      </div>

      <div className="form-row form-row-offset">
        <button type="submit" className="button button-primary button-wide button-large" disabled={submitting} aria-busy={submitting}>
          {submitting ? r.submitting : r.submit}
        </button>
      </div>
    </form>
  );
}

function Row({
  field,
  label,
  error,
  hint,
  children,
}: {
  field: Field;
  label: string;
  error: string | undefined;
  hint?: string | undefined;
  children: ReactNode;
}) {
  return (
    <LabeledRow id={inputId(field)} label={label} error={error} hint={hint}>
      {children}
    </LabeledRow>
  );
}
