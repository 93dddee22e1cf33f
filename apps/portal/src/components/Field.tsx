import type { ReactNode } from 'react';
import { FieldError, FieldHint } from '@uia/web';

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

/** The form-level error above a labelled form (立即注册, 忘记密码); focusable so a failed submit can move focus to it. */
export function FormAlert({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <div id={id} className="alert alert-error" role="alert" tabIndex={-1}>
      {message}
    </div>
  );
}
