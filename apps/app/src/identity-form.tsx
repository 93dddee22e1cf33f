// The identity fields both logins share: 证件类型, 姓名, 证件号码 — and 登录有效期.
import { useState, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import { formatMessage, ui, type ErrorCode } from '@uia/i18n';
import { ID_TYPES, validateIdNumber, validateName } from '@uia/validators';
import { describedAs, describedBy, FieldError, IdTypeSelect } from '@uia/web';
import { VALIDITY_DAYS, type Identity, type ValidityDays } from './api.ts';
import { Field, TextField } from './components/Field.tsx';
import { fill } from './format.ts';

const l = ui.app.login;

export interface IdentityValues {
  idType: string;
  name: string;
  idNumber: string;
}

export type IdentityField = keyof IdentityValues;
export type IdentityErrors = Partial<Record<IdentityField, string>>;

export const EMPTY_IDENTITY: IdentityValues = { idType: 'resident_id', name: '', idNumber: '' };

function verdict(result: { ok: true; value: string } | { ok: false; reason: ErrorCode }): { error?: string; value?: string } {
  return result.ok ? { value: result.value } : { error: formatMessage(result.reason) };
}

/** One field checked with the shared validators; empty only counts when `requireFilled`. */
export function checkIdentityField(field: IdentityField, v: IdentityValues, requireFilled: boolean): { error?: string; value?: string } {
  const raw = v[field];
  if (raw.trim() === '') {
    if (!requireFilled) return {};
    return { error: field === 'name' ? l.nameRequired : field === 'idNumber' ? l.idNumberRequired : formatMessage('ID_TYPE_INVALID') };
  }
  if (field === 'name') return verdict(validateName(raw));
  if (field === 'idNumber') return verdict(validateIdNumber(v.idType, raw));
  return ID_TYPES.some((t) => t.value === raw) ? { value: raw } : { error: formatMessage('ID_TYPE_INVALID') };
}

/** All three fields: the clean identity, or the errors. */
export function checkIdentity(v: IdentityValues): { identity: Identity | null; errors: IdentityErrors } {
  const errors: IdentityErrors = {};
  // Each field checked above (idType against ID_TYPES): the cast below only narrows what was verified.
  const clean: Partial<Record<keyof Identity, string>> = {};
  for (const field of ['idType', 'name', 'idNumber'] as const) {
    const result = checkIdentityField(field, v, true);
    if (result.error) errors[field] = result.error;
    else clean[field] = result.value ?? v[field].trim();
  }
  return Object.keys(errors).length ? { identity: null, errors } : { identity: clean as Identity, errors };
}

/** Which identity field a server error belongs to (by `field`, else by code). */
export function identityFieldOf(code: string, field: string | undefined): IdentityField | null {
  if (field === 'idType' || field === 'name' || field === 'idNumber') return field;
  if (code === 'NAME_INVALID') return 'name';
  if (code === 'ID_TYPE_INVALID') return 'idType';
  if (code.startsWith('ID_') || code === 'REALNAME_MISMATCH') return 'idNumber';
  return null;
}

/** What a login form with the identity fields may show: a message per field, and one for the form. */
export type IdentityFormErrors = IdentityErrors & { form?: string | undefined };

/**
 * The identity values and the form's errors, and the fields' handlers: typing
 * clears that field's error (and the form's), leaving a filled field checks it.
 */
export function useIdentityForm<E extends IdentityFormErrors>(): {
  values: IdentityValues;
  errors: E;
  setErrors: Dispatch<SetStateAction<E>>;
  fieldProps: Pick<Parameters<typeof IdentityFields>[0], 'values' | 'errors' | 'onChange' | 'onBlurField'>;
} {
  const [values, setValues] = useState<IdentityValues>(EMPTY_IDENTITY);
  const [errors, setErrors] = useState<E>({} as E);
  return {
    values,
    errors,
    setErrors,
    fieldProps: {
      values,
      errors,
      onChange: (next, changed) => {
        setValues(next);
        if (errors[changed] || errors.form) setErrors((e) => ({ ...e, [changed]: undefined, form: undefined }));
      },
      onBlurField: (field) => {
        if (!values[field].trim()) return;
        const { error } = checkIdentityField(field, values, false);
        setErrors((e) => ({ ...e, [field]: error }));
      },
    },
  };
}

/** A login form's head: heading and intro, the notes above the fields, and the form's error (`<prefix>-form-error`). */
export function LoginFormHead({ prefix, heading, intro, notes, error }: { prefix: string; heading: string; intro: string; notes: ReactNode; error: string | undefined }) {
  return (
    <>
      <div className="form-head">
        <h2 id={`${prefix}-heading`} className="form-heading">
          {heading}
        </h2>
        <p className="form-intro">{intro}</p>
      </div>
      {notes}
      {error && (
        <div id={`${prefix}-form-error`} className="alert alert-error" role="alert" tabIndex={-1}>
          {error}
        </div>
      )}
    </>
  );
}

/** 我已阅读并同意《人脸识别授权书》: the consent checkbox and its label. */
function FaceConsentCheck({ id, checked, onChange, error }: { id: string; checked: boolean; onChange: (checked: boolean) => void; error: string | null | undefined }) {
  return (
    <div className="agree">
      <input id={id} name="faceConsent" type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} {...describedAs(id, { error })} />
      <label htmlFor={id}>
        {l.faceConsentBefore}
        <strong>{l.faceConsentLink}</strong>
      </label>
    </div>
  );
}

/**
 * The face-check consent block: the checkbox, what the page shows with it
 * (`children`), then the consent's error; checking it calls `onChange(true)`, which should clear the error.
 */
export function FaceConsent({
  id,
  checked,
  onChange,
  error,
  children,
}: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error: string | null | undefined;
  children?: ReactNode;
}) {
  return (
    <div className="consent">
      <FaceConsentCheck id={id} checked={checked} onChange={onChange} error={error} />
      {children}
      <FieldError id={id} message={error} />
    </div>
  );
}

export const identityInputId = (prefix: string, field: IdentityField) => `${prefix}-${field}`;

export function IdentityFields({
  prefix,
  values,
  errors,
  onChange,
  onBlurField,
}: {
  prefix: string;
  values: IdentityValues;
  errors: IdentityErrors;
  onChange: (next: IdentityValues, changed: IdentityField) => void;
  onBlurField: (field: IdentityField) => void;
}) {
  const id = (field: IdentityField) => identityInputId(prefix, field);
  const text = (field: 'name' | 'idNumber') => ({
    kind: field,
    id: id(field),
    value: values[field],
    onChange: (value: string) => onChange({ ...values, [field]: value }, field),
    onBlur: () => onBlurField(field),
    error: errors[field],
    'aria-required': true,
  });
  return (
    <>
      <Field id={id('idType')} label={l.idTypeLabel} error={errors.idType}>
        <IdTypeSelect id={id('idType')} value={values.idType} onChange={(idType) => onChange({ ...values, idType }, 'idType')} error={errors.idType} />
      </Field>
      <TextField {...text('name')} label={l.nameLabel} placeholder={l.namePlaceholder} />
      <TextField {...text('idNumber')} label={l.idNumberLabel} placeholder={l.idNumberPlaceholder} />
    </>
  );
}

/** 登录有效期: 1天 / 7天 / 30天 as a radio group. */
export function ValidityChoice({ prefix, value, onChange, error }: { prefix: string; value: ValidityDays; onChange: (days: ValidityDays) => void; error?: string | undefined }) {
  const id = `${prefix}-validity`;
  return (
    <Field id={id} as="legend" label={l.validityLabel} error={error} hint={l.validityHint}>
      <div className="segmented">
        {VALIDITY_DAYS.map((days) => (
          <label key={days} className={value === days ? 'segment is-selected' : 'segment'}>
            <input type="radio" name="validityDays" value={days} checked={value === days} onChange={() => onChange(days)} aria-describedby={describedBy(id, { error, hint: true })} />
            <span>{fill(l.validityOption, { days })}</span>
          </label>
        ))}
      </div>
    </Field>
  );
}
