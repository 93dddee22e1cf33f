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

export function FieldHint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={`${id}-hint`} className="field-hint">
      {children}
    </p>
  );
}

/**
 * A form row with its label in a column on the left (立即注册, 忘记密码):
 * a required mark, the control, then its hint and its error below it.
 */
export function LabeledRow({
  id,
  label,
  error,
  hint,
  required = true,
  children,
}: {
  /** The id of the control; the hint and error get `<id>-hint` / `<id>-error`. */
  id: string;
  label: string;
  error: string | null | undefined;
  hint?: ReactNode;
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="form-row labeled-row">
      <label htmlFor={id} className="row-label">
        {required && (
          <span className="required-mark" aria-hidden="true">
            *
          </span>
        )}
        {label}
      </label>
      <div className="row-control">
        {children}
        {hint ? <FieldHint id={id}>{hint}</FieldHint> : null}
        <FieldError id={id} message={error} />
      </div>
    </div>
  );
}
