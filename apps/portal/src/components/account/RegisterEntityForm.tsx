import { useState, type FormEvent } from 'react';
import { formatMessage, ui } from '@uia/i18n';
import { validateUsername } from '@uia/validators';
import { endpoints, type AccountEntity } from '../../api.ts';
import { checkUscc } from '../../entities.ts';
import { FormAlert, SubmitRow } from '../Field.tsx';
import { TextField } from './TextField.tsx';
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

  const field = (name: RegisterField, props: { label: string; placeholder: string; maxLength: number; hint?: string; required?: boolean }) => (
    <TextField id={`entity-register-${name}`} name={name} {...form.bind(name, values[name], (value) => setValues((v) => ({ ...v, [name]: value })))} {...props} />
  );

  return (
    <form className="account-form" noValidate onSubmit={onSubmit} aria-label={a.registerTitle}>
      <FormAlert id="entity-register-error" message={errors.form} />
      {field('uscc', { label: a.usccLabel, placeholder: a.usccPlaceholder, maxLength: 32 })}
      {field('name', { label: a.entityNameLabel, placeholder: a.entityNamePlaceholder, maxLength: 100, hint: a.entityNameHint })}
      {field('accountName', { label: a.accountNameLabel, placeholder: a.accountNamePlaceholder, maxLength: 20, hint: a.accountNameHint, required: false })}
      <SubmitRow className="button button-primary button-wide" submitting={form.submitting} label={a.registerSubmit} busyLabel={a.registering} />
    </form>
  );
}
