import type { ReactNode } from 'react';

/** ids of the hint / error elements that describe an input. */
export function describedBy(id: string, opts: { hint?: boolean; error?: string | null | undefined }): string | undefined {
  const ids = [opts.error ? `${id}-error` : null, opts.hint ? `${id}-hint` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function FieldError({ id, message }: { id: string; message: string | null | undefined }) {
  // Always rendered so that screen readers announce a message when it appears.
  return (
    <p id={`${id}-error`} className="field-error" role="alert" hidden={!message}>
      {message}
    </p>
  );
}

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
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={id} message={error} />
    </>
  );
  return as === 'legend' ? <fieldset className="field">{body}</fieldset> : <div className="field">{body}</div>;
}
