import type { ReactNode } from 'react';
import { FieldError, FieldHint } from '@uia/web';

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
