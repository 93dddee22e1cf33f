import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { formatMessage, ui } from '@uia/i18n';
import { ID_TYPES, maskPhone } from '@uia/validators';
import type { PlatformFeatures } from '@uia/schemas';
import { ApiError, describedBy, errorMessage, FieldError, FieldInput, raiseLevelHint, SmsCodeButton, useCaptchaAnswer } from '@uia/web';
import { endpoints, type RegisterRequest } from '../../api.ts';
import { CaptchaRow, FormAlert, InputRow, LabeledRow, SubmitRow } from '../../components/Field.tsx';
import { inputKinds } from '../../components/inputKinds.ts';
import { useSmsSend } from '../../components/useSmsSend.ts';
import { check, EMPTY, FIELD_ORDER, inputId, SERVER_FIELDS, type Control, type Errors, type Field, type Values } from './fields.ts';

const r = ui.register;

/** The new account: its username, and its level (L1 未实名 when the platform could not check the name). */
export interface Registered {
  username: string;
  assuranceLevel: string;
}

/** 立即注册's form: identity, phone (captcha → SMS code), username and password, terms → POST /api/register. */
export function RegisterForm({ onDone, features }: { onDone: (registered: Registered) => void; features: PlatformFeatures }) {
  const challenge = useCaptchaAnswer();
  const [values, setValues] = useState<Values>(EMPTY);
  const [agree, setAgree] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [submitting, setSubmitting] = useState(false);
  const sms = useSmsSend(challenge);
  const formRef = useRef<HTMLFormElement>(null);

  function focusField(field: Control) {
    const el = formRef.current?.querySelector<HTMLElement>(`#${inputId(field)}`);
    el?.focus();
  }

  function focusFirst(found: Errors) {
    const first = FIELD_ORDER.find((field) => found[field]);
    if (first) focusField(first);
  }

  function clear(field: Control) {
    if (errors[field] || errors.form) setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
  }

  function set(field: Field, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    clear(field);
  }

  function onBlur(field: Field) {
    const raw = values[field];
    if (raw === '') return;
    const { error } = check(field, values, false);
    setErrors((e) => ({ ...e, [field]: error }));
  }

  function sendSms() {
    const phone = check('phone', values, true);
    const phoneValue = phone.value ?? values.phone.trim();
    void sms.send({
      ready: () => {
        const found: Errors = { phone: phone.error, captchaAnswer: challenge.missing(r.captchaRequired) };
        setErrors((e) => ({ ...e, ...found, smsCode: undefined }));
        focusFirst(found);
        return !found.phone && !found.captchaAnswer;
      },
      call: () => endpoints.sendSms({ phone: phoneValue, purpose: 'register', ...challenge.sent() }),
      maskedPhone: () => maskPhone(phoneValue),
      onSent: () => focusField('smsCode'),
      onRefused: (error) => {
        const field = error instanceof ApiError ? error.field : undefined;
        const target: Control = field === 'phone' || field === 'captchaAnswer' ? field : 'smsCode';
        setErrors((e) => ({ ...e, [target]: errorMessage(error) }));
        focusField(target);
        return undefined;
      },
    });
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

  /** What every text input of the form is wired to. */
  const bind = (field: Field) => ({
    id: inputId(field),
    name: field,
    error: errors[field],
    value: values[field],
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(field, e.target.value),
    onBlur: () => onBlur(field),
  });

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

      <InputRow {...bind('name')} label={r.nameLabel} type="text" autoComplete="name" maxLength={40} placeholder={r.namePlaceholder} />

      <LabeledRow id={inputId('idType')} label={r.idTypeLabel} error={errors.idType}>
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
      </LabeledRow>

      <InputRow {...bind('idNumber')} label={r.idNumberLabel} {...inputKinds.idNumber} placeholder={r.idNumberPlaceholder} />
      <InputRow {...bind('phone')} label={r.phoneLabel} type="tel" inputMode="numeric" autoComplete="tel-national" maxLength={11} placeholder={r.phonePlaceholder} />

      <CaptchaRow id={inputId('captchaAnswer')} label={r.captchaLabel} placeholder={r.captchaPlaceholder} challenge={challenge} error={errors.captchaAnswer} onEdit={() => clear('captchaAnswer')} />

      <LabeledRow id={inputId('smsCode')} label={r.smsCodeLabel} error={errors.smsCode} hint={sms.notice ?? undefined}>
        <div className="sms-row">
          <FieldInput
            {...bind('smsCode')}
            hint={Boolean(sms.notice)}
            aria-required={true}
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            placeholder={r.smsCodePlaceholder}
          />
          <SmsCodeButton countdown={sms.countdown} sending={sms.sending} onClick={sendSms} />
        </div>
      </LabeledRow>

      <InputRow {...bind('username')} label={r.usernameLabel} hint={r.usernameHint} {...inputKinds.accountName} maxLength={20} placeholder={r.usernamePlaceholder} />
      <InputRow {...bind('password')} label={r.passwordLabel} hint={ui.passwordPolicy.hint} {...inputKinds.newPassword} placeholder={r.passwordPlaceholder} />
      <InputRow {...bind('confirmPassword')} label={r.confirmPasswordLabel} {...inputKinds.newPassword} placeholder={r.confirmPasswordPlaceholder} />

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

      <SubmitRow submitting={submitting} label={r.submit} busyLabel={r.submitting} />
    </form>
  );
}
