import { useState, type FormEvent } from 'react';
import { formatMessage, ui } from '@uia/i18n';
import { validateUsername } from '@uia/validators';
import { describedBy } from '@uia/web';
import { endpoints, type AccountEntity } from '../../api.ts';
import { checkUscc } from '../../entities.ts';
import { FormAlert, LabeledRow } from '../Field.tsx';
import { useApiForm } from '../useApiForm.ts';

const a = ui.account;

type RegisterField = 'uscc' | 'name' | 'accountName';
const REGISTER_FIELDS: readonly RegisterField[] = ['uscc', 'name', 'accountName'];

/** 注册单位: a USCC, the name and an optional 单位账号, checked here before the server verifies them. */
export function RegisterEntityForm({ onRegistered }: { onRegistered: (entity: AccountEntity) => void }) {
  const form = useApiForm(REGISTER_FIELDS, 'entity-register-error');
  const [values, setValues] = useState<Record<RegisterField, string>>({ uscc: '', name: '', accountName: '' });
  const { errors } = form;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const uscc = checkUscc(values.uscc);
    const name = values.name.trim();
    const accountName = values.accountName.trim();
    const account = accountName ? validateUsername(accountName) : null;
    void form.submit(
      {
        uscc: 'error' in uscc ? uscc.error : undefined,
        name: name ? undefined : a.entityNameRequired,
        accountName: account && !account.ok ? formatMessage(account.reason) : undefined,
      },
      () =>
        endpoints.registerEntity({
          uscc: 'value' in uscc ? uscc.value : values.uscc.trim(),
          name,
          ...(account?.ok ? { accountName: account.value } : {}),
        }),
      ({ entity }) => {
        setValues({ uscc: '', name: '', accountName: '' });
        onRegistered(entity);
      },
    );
  }

  const input = (field: RegisterField, props: { placeholder: string; maxLength: number; hint?: boolean; required?: boolean }) => (
    <input
      ref={form.control(field)}
      id={`entity-register-${field}`}
      name={field}
      className="input"
      type="text"
      autoComplete="off"
      spellCheck={false}
      placeholder={props.placeholder}
      maxLength={props.maxLength}
      value={values[field]}
      aria-required={props.required ?? true}
      aria-invalid={errors[field] ? true : undefined}
      aria-describedby={describedBy(`entity-register-${field}`, { error: errors[field], hint: props.hint })}
      onChange={(e) => {
        const value = e.target.value;
        setValues((v) => ({ ...v, [field]: value }));
        form.clear(field);
      }}
    />
  );

  return (
    <form className="account-form" noValidate onSubmit={onSubmit} aria-label={a.registerTitle}>
      <FormAlert id="entity-register-error" message={errors.form} />
      <LabeledRow id="entity-register-uscc" label={a.usccLabel} error={errors.uscc}>
        {input('uscc', { placeholder: a.usccPlaceholder, maxLength: 32 })}
      </LabeledRow>
      <LabeledRow id="entity-register-name" label={a.entityNameLabel} error={errors.name} hint={a.entityNameHint}>
        {input('name', { placeholder: a.entityNamePlaceholder, maxLength: 100, hint: true })}
      </LabeledRow>
      <LabeledRow id="entity-register-accountName" label={a.accountNameLabel} error={errors.accountName} hint={a.accountNameHint} required={false}>
        {input('accountName', { placeholder: a.accountNamePlaceholder, maxLength: 20, hint: true, required: false })}
      </LabeledRow>
      <div className="form-row form-row-offset">
        <button type="submit" className="button button-primary button-wide" disabled={form.submitting} aria-busy={form.submitting}>
          {form.submitting ? a.registering : a.registerSubmit}
        </button>
      </div>
    </form>
  );
}
