import type { ReactNode } from 'react';
import { FieldError, FieldHint, TextInput, type TextInputProps } from '@uia/web';

/** A stacked form field: label above the control, then its hint and error. */
export function Field({
  id,
  label,
  error,
  hint,
  children,
  as = 'label',
}: {
  id: string;
  label: ReactNode;
  error: string | null | undefined;
  hint?: ReactNode;
  children: ReactNode;
  /** `legend` for a group of radios (then wrap in a fieldset). */
  as?: 'label' | 'legend';
}) {
  const head =
    as === 'legend' ? (
      <legend className="field-label">{label}</legend>
    ) : (
      <label htmlFor={id} className="field-label">
        {label}
      </label>
    );
  const body = (
    <>
      {head}
      {children}
      {hint ? <FieldHint id={id}>{hint}</FieldHint> : null}
      <FieldError id={id} message={error} />
    </>
  );
  return as === 'legend' ? <fieldset className="field">{body}</fieldset> : <div className="field">{body}</div>;
}

/** A stacked field around one `TextInput` (姓名, 证件号码, 手机号). */
export function TextField({ label, ...input }: TextInputProps & { label: string }) {
  return (
    <Field id={input.id} label={label} error={input.error}>
      <TextInput {...input} />
    </Field>
  );
}

/** The form's main button: disabled and marked busy, with its busy label, while the form is submitted. */
export function SubmitButton({ busy, busyLabel, children }: { busy: boolean; busyLabel: string; children: ReactNode }) {
  return (
    <button type="submit" className="button button-primary button-block button-large" disabled={busy} aria-busy={busy}>
      {busy ? busyLabel : children}
    </button>
  );
}
