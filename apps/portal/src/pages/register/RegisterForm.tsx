import { useRef, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { formatMessage, ui } from '@uia/i18n';
import { ID_TYPES, maskPhone, PASSWORD_LENGTH } from '@uia/validators';
import type { PlatformFeatures } from '@uia/schemas';
import { ApiError, captchaFieldError, CaptchaImage, codeSent, describedBy, errorMessage, FieldError, FieldInput, raiseLevelHint, sendRefused, SmsCodeButton, useCaptcha, useCountdown } from '@uia/web';
import { endpoints, type RegisterRequest } from '../../api.ts';
import { FormAlert, LabeledRow } from '../../components/Field.tsx';
import { fill } from '../../text.ts';
import { check, EMPTY, FIELD_ORDER, inputId, SERVER_FIELDS, type Errors, type Field, type Values } from './fields.ts';

const r = ui.register;

/** The new account: its username, and its level (L1 未实名 when the platform could not check the name). */
export interface Registered {
  username: string;
  assuranceLevel: string;
}

/** 立即注册's form: identity, phone (captcha → SMS code), username and password, terms → POST /api/register. */
export function RegisterForm({ onDone, features }: { onDone: (registered: Registered) => void; features: PlatformFeatures }) {
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
      <FieldInput
        id={inputId(field)}
        error={errors[field]}
        hint={hint}
        name={field}
        value={values[field]}
        onChange={(e) => set(field, e.target.value)}
        onBlur={() => onBlur(field)}
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

function Row({ field, label, error, hint, children }: { field: Field; label: string; error: string | undefined; hint?: string | undefined; children: ReactNode }) {
  return (
    <LabeledRow id={inputId(field)} label={label} error={error} hint={hint}>
      {children}
    </LabeledRow>
  );
}
