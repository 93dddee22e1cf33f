import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ui } from '@uia/i18n';
import { ID_TOKEN_SIGNING_ALGS, LOGIN_TYPES, OIDC_SCOPES, RELYING_PARTY_AUTH_METHODS } from '@uia/schemas';
import { describedAs, FieldError } from '@uia/web';
import { FormRow, TextAreaField } from '../../components/FormRow.tsx';
import { Section } from '../../components/Section.tsx';
import { needsJustification, type ClientFormValues } from './client-form-values.ts';

const text = ui.console.clientForm;
const LEVELS = ui.account.levels;
const LOGIN_TYPE_NAMES: Record<(typeof LOGIN_TYPES)[number], string> = { personal: text.loginTypePersonal, entity: text.loginTypeEntity };

type Errors = Partial<Record<'name' | 'redirectUris' | 'justification' | 'loginTypes', string>>;

/** What the browser can tell before asking the server (which checks URIs, methods and scopes itself). */
function check(values: ClientFormValues): Errors {
  const errors: Errors = {};
  if (!values.name.trim()) errors.name = text.nameRequired;
  if (!values.redirectUris.trim()) errors.redirectUris = text.redirectRequired;
  if (needsJustification(values.scopes) && !values.justification.trim()) errors.justification = text.justificationRequired;
  if (values.loginTypes.length === 0) errors.loginTypes = text.loginTypeRequired;
  return errors;
}

const toggled = (list: string[], item: string, on: boolean) => (on ? [...list, item] : list.filter((entry) => entry !== item));

/** 注册依赖方 / 修改: RFC 7591 metadata and the platform's uia_ fields. */
export function ClientForm({
  title,
  initial,
  submitLabel,
  busy,
  onSubmit,
  onCancel,
}: {
  title: string;
  initial: ClientFormValues;
  submitLabel: string;
  busy: boolean;
  onSubmit: (values: ClientFormValues) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState(initial);
  // After the first 注册/保存 the errors follow the fields as they change (an error goes once it is fixed).
  const [tried, setTried] = useState(false);
  const errors = tried ? check(values) : {};
  const form = useRef<HTMLFormElement>(null);
  const set = <K extends keyof ClientFormValues>(key: K, value: ClientFormValues[K]) => setValues((previous) => ({ ...previous, [key]: value }));

  // The form opens below the list: the keyboard goes to its first field.
  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    const found = check(values);
    const first = Object.keys(found)[0];
    if (first) {
      form.current?.querySelector<HTMLElement>(`#client-${first}`)?.focus();
      return;
    }
    onSubmit(values);
  }

  return (
    <Section title={title}>
      <form ref={form} className="form" noValidate onSubmit={submit}>
        <FormRow id="client-name" label={text.name} error={errors.name}>
          <input id="client-name" className="input" value={values.name} maxLength={100} onChange={(e) => set('name', e.target.value)} {...describedAs('client-name', { error: errors.name })} />
        </FormRow>
        <TextAreaField
          id="client-redirectUris"
          label={text.redirectUris}
          hint={text.redirectUrisHint}
          error={errors.redirectUris}
          value={values.redirectUris}
          onChange={(value) => set('redirectUris', value)}
        />
        <TextAreaField id="client-postLogoutUris" label={text.postLogoutUris} value={values.postLogoutUris} onChange={(value) => set('postLogoutUris', value)} />
        <FormRow id="client-backchannel" label={text.backchannelLogoutUri}>
          <input id="client-backchannel" className="input" value={values.backchannelLogoutUri} onChange={(e) => set('backchannelLogoutUri', e.target.value)} />
        </FormRow>
        <FormRow id="client-authMethod" label={text.authMethod}>
          <select id="client-authMethod" className="input select" value={values.authMethod} onChange={(e) => set('authMethod', e.target.value as ClientFormValues['authMethod'])}>
            {RELYING_PARTY_AUTH_METHODS.map((method) => (
              <option key={method} value={method}>
                {method === 'none' ? text.authMethodNone : method}
              </option>
            ))}
          </select>
        </FormRow>
        {values.authMethod === 'private_key_jwt' && (
          <FormRow id="client-jwksUri" label={text.jwksUri}>
            <input id="client-jwksUri" className="input" value={values.jwksUri} onChange={(e) => set('jwksUri', e.target.value)} />
          </FormRow>
        )}
        <fieldset className="choices">
          <legend>{text.scopes}</legend>
          {OIDC_SCOPES.map((scope) => (
            <label key={scope} className="choice">
              <input type="checkbox" checked={values.scopes.includes(scope)} disabled={scope === 'openid'} onChange={(e) => set('scopes', toggled(values.scopes, scope, e.target.checked))} />
              {scope}
            </label>
          ))}
        </fieldset>
        <TextAreaField
          id="client-justification"
          label={text.justification}
          hint={text.justificationHint}
          error={errors.justification}
          value={values.justification}
          maxLength={1000}
          onChange={(value) => set('justification', value)}
        />
        <fieldset className="choices" id="client-loginTypes" tabIndex={-1} {...describedAs('client-loginTypes', { error: errors.loginTypes })}>
          <legend>{text.loginTypes}</legend>
          {LOGIN_TYPES.map((type) => (
            <label key={type} className="choice">
              <input type="checkbox" checked={values.loginTypes.includes(type)} onChange={(e) => set('loginTypes', toggled(values.loginTypes, type, e.target.checked))} />
              {LOGIN_TYPE_NAMES[type]}
            </label>
          ))}
          <FieldError id="client-loginTypes" message={errors.loginTypes} />
        </fieldset>
        <FormRow id="client-minAcr" label={text.minAcr}>
          <select id="client-minAcr" className="input select" value={values.minAcr} onChange={(e) => set('minAcr', e.target.value)}>
            <option value="">{text.minAcrAny}</option>
            {Object.entries(LEVELS).map(([level, name]) => (
              <option key={level} value={level}>
                {`${level} ${name}`}
              </option>
            ))}
          </select>
        </FormRow>
        <FormRow id="client-idTokenAlg" label={text.idTokenAlg}>
          <select id="client-idTokenAlg" className="input select" value={values.idTokenAlg} onChange={(e) => set('idTokenAlg', e.target.value)}>
            {ID_TOKEN_SIGNING_ALGS.map((alg) => (
              <option key={alg} value={alg}>
                {alg}
              </option>
            ))}
          </select>
        </FormRow>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? ui.console.working : submitLabel}
          </button>
          <button type="button" className="button button-ghost" onClick={onCancel}>
            {text.cancel}
          </button>
        </div>
      </form>
    </Section>
  );
}
