import { useEffect, type FormEvent } from 'react';
import { formatMessage, ui } from '@uia/i18n';
import { birthDateFromIdNumber, normalizeIdentifier, normalizeIdNumber, validatePassword, type PasswordContext } from '@uia/validators';
import { ApiError, errorMessage } from '@uia/web';
import { endpoints } from '../../api.ts';
import { InputRow } from '../../components/Field.tsx';
import { inputKinds } from '../../components/inputKinds.ts';
import { f, focusById, id, StepForm, useStepForm } from './flow.tsx';

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
  const inputIds: Record<PasswordField, string> = { password: id('password'), confirmPassword: id('confirmPassword') };
  const step = useStepForm(inputIds, { password: '', confirmPassword: '' }, onFlowError);
  const { errors, values } = step;

  useEffect(() => focusById(inputIds.password), [inputIds.password]);

  function check(field: PasswordField, v: Record<PasswordField, string>, requireFilled: boolean): string | undefined {
    if (v[field] === '') return requireFilled ? (field === 'password' ? f.passwordRequired : f.confirmPasswordRequired) : undefined;
    if (field === 'password') {
      const verdict = validatePassword(v.password, context);
      return verdict.ok ? undefined : formatMessage(verdict.reason);
    }
    return v.confirmPassword === v.password ? undefined : formatMessage('PASSWORD_MISMATCH');
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void step.submit(
      { password: check('password', values, true), confirmPassword: check('confirmPassword', values, true) },
      async () => {
        await endpoints.resetComplete({ ticket, password: values.password, confirmPassword: values.confirmPassword });
        onDone();
      },
      (error) => {
        const code = error instanceof ApiError ? error.code : '';
        const field = error instanceof ApiError ? error.field : undefined;
        const target: PasswordField | 'form' =
          field === 'password' || field === 'confirmPassword' ? field : code === 'PASSWORD_MISMATCH' ? 'confirmPassword' : code.startsWith('PASSWORD_') ? 'password' : 'form';
        step.showOnly({ [target]: errorMessage(error) });
      },
    );
  }

  const input = (field: PasswordField) => ({
    ...step.bind(field),
    ...inputKinds.newPassword,
    onBlur: () => {
      if (values[field] !== '') step.mark(field, check(field, values, false));
    },
  });

  return (
    <StepForm error={errors.form} submitting={step.submitting} onSubmit={onSubmit}>
      <InputRow
        {...input('password')}
        label={f.passwordLabel}
        placeholder={f.passwordPlaceholder}
        hint={
          <>
            {ui.passwordPolicy.hint}；{f.passwordReuseHint}
          </>
        }
      />
      <InputRow {...input('confirmPassword')} label={f.confirmPasswordLabel} placeholder={f.confirmPasswordPlaceholder} />
    </StepForm>
  );
}
