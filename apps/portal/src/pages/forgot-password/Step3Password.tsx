import { useEffect, useState, type FormEvent } from 'react';
import { formatMessage, ui } from '@uia/i18n';
import { birthDateFromIdNumber, normalizeIdentifier, normalizeIdNumber, PASSWORD_LENGTH, validatePassword, type PasswordContext } from '@uia/validators';
import { ApiError, errorMessage, FieldInput } from '@uia/web';
import { endpoints } from '../../api.ts';
import { LabeledRow } from '../../components/Field.tsx';
import { f, focusById, id, endsFlow, StepForm, type Errors } from './flow.tsx';

/** What the password must not contain, as far as the browser knows it (the server checks the rest). */
export function passwordContext(account: string, idNumber: string): PasswordContext {
  const typed = normalizeIdentifier(account);
  const context: PasswordContext = {};
  if (typed.kind === 'username') context.username = typed.value;
  if (typed.kind === 'phone') context.phone = typed.value;
  const birthDate = (typed.kind === 'id_number' ? birthDateFromIdNumber(typed.idType, typed.value) : null) ?? birthDateFromIdNumber('resident_id', normalizeIdNumber(idNumber));
  if (birthDate) context.birthDate = birthDate;
  return context;
}

type PasswordField = 'password' | 'confirmPassword';

/** 3 设置新密码: the new password twice → POST /api/password-reset/complete. */
export function Step3Password({ ticket, context, onDone, onFlowError }: { ticket: string; context: PasswordContext; onDone: () => void; onFlowError: (message: string) => void }) {
  const [values, setValues] = useState<Record<PasswordField, string>>({ password: '', confirmPassword: '' });
  const [errors, setErrors] = useState<Errors<PasswordField>>({});
  const [submitting, setSubmitting] = useState(false);
  const inputIds: Record<PasswordField, string> = { password: id('password'), confirmPassword: id('confirmPassword') };

  useEffect(() => focusById(inputIds.password), [inputIds.password]);

  function check(field: PasswordField, v: Record<PasswordField, string>, requireFilled: boolean): string | undefined {
    if (v[field] === '') return requireFilled ? (field === 'password' ? f.passwordRequired : f.confirmPasswordRequired) : undefined;
    if (field === 'password') {
      const verdict = validatePassword(v.password, context);
      return verdict.ok ? undefined : formatMessage(verdict.reason);
    }
    return v.confirmPassword === v.password ? undefined : formatMessage('PASSWORD_MISMATCH');
  }

  function set(field: PasswordField, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field] || errors.form) setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
  }

  function onBlur(field: PasswordField) {
    if (values[field] === '') return;
    setErrors((e) => ({ ...e, [field]: check(field, values, false) }));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const found: Errors<PasswordField> = {
      password: check('password', values, true),
      confirmPassword: check('confirmPassword', values, true),
    };
    setErrors(found);
    if (found.password || found.confirmPassword) {
      focusById(inputIds[found.password ? 'password' : 'confirmPassword']);
      return;
    }
    setSubmitting(true);
    try {
      await endpoints.resetComplete({ ticket, password: values.password, confirmPassword: values.confirmPassword });
      onDone();
    } catch (error: unknown) {
      setSubmitting(false);
      if (endsFlow(error, onFlowError)) return;
      const message = errorMessage(error);
      const code = error instanceof ApiError ? error.code : '';
      const field = error instanceof ApiError ? error.field : undefined;
      const target: PasswordField | 'form' =
        field === 'password' || field === 'confirmPassword' ? field : code === 'PASSWORD_MISMATCH' ? 'confirmPassword' : code.startsWith('PASSWORD_') ? 'password' : 'form';
      setErrors({ [target]: message });
      focusById(target === 'form' ? id('form-error') : inputIds[target]);
    }
  }

  const input = (field: PasswordField, placeholder: string, hint: boolean) => (
    <FieldInput
      id={inputIds[field]}
      error={errors[field]}
      hint={hint}
      name={field}
      type="password"
      autoComplete="new-password"
      maxLength={PASSWORD_LENGTH.max}
      placeholder={placeholder}
      value={values[field]}
      aria-required={true}
      onChange={(e) => set(field, e.target.value)}
      onBlur={() => onBlur(field)}
    />
  );

  return (
    <StepForm error={errors.form} submitting={submitting} onSubmit={(event) => void onSubmit(event)}>
      <LabeledRow
        id={inputIds.password}
        label={f.passwordLabel}
        error={errors.password}
        hint={
          <>
            {ui.passwordPolicy.hint}；{f.passwordReuseHint}
          </>
        }
      >
        {input('password', f.passwordPlaceholder, true)}
      </LabeledRow>
      <LabeledRow id={inputIds.confirmPassword} label={f.confirmPasswordLabel} error={errors.confirmPassword}>
        {input('confirmPassword', f.confirmPasswordPlaceholder, false)}
      </LabeledRow>
    </StepForm>
  );
}
