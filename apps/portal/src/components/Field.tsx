import type { InputHTMLAttributes, ReactNode, Ref } from 'react';
import { captchaFieldError, CaptchaInput, FieldError, FieldHint, FieldInput } from '@uia/web';
import type { CaptchaAnswer } from '@uia/web';

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

/**
 * A labelled row of one input (立即注册, 忘记密码, 用户中心), the input
 * described by the row's hint and error; `required` marks the label and the
 * input's aria-required.
 */
export function InputRow({
  id,
  label,
  error,
  hint,
  required = true,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; error: string | undefined; hint?: ReactNode; required?: boolean; inputRef?: Ref<HTMLInputElement> }) {
  return (
    <LabeledRow id={id} label={label} error={error} hint={hint} required={required}>
      <FieldInput id={id} error={error} hint={Boolean(hint)} aria-required={required} {...input} />
    </LabeledRow>
  );
}

/** The captcha answer's labelled row: the picture (or 听语音验证码) beside the input, and a challenge that did not load shown as its error. */
export function CaptchaRow({
  id,
  label,
  placeholder,
  challenge,
  error,
  onEdit,
}: {
  id: string;
  label: string;
  placeholder: string;
  challenge: CaptchaAnswer;
  error: string | undefined;
  onEdit: () => void;
}) {
  const shown = captchaFieldError(challenge.captcha, error);
  return (
    <LabeledRow id={id} label={label} error={shown}>
      <CaptchaInput
        id={id}
        rowClassName="captcha-row"
        required
        captcha={challenge.captcha}
        placeholder={placeholder}
        value={challenge.answer}
        error={shown}
        onChange={(value) => {
          challenge.setAnswer(value);
          onEdit();
        }}
      />
    </LabeledRow>
  );
}

/** A labelled form's submit button, under the controls; disabled and busy while the form is on its way. */
export function SubmitRow({
  className = 'button button-primary button-wide button-large',
  submitting,
  label,
  busyLabel,
}: {
  className?: string;
  submitting: boolean;
  label: string;
  busyLabel: string;
}) {
  return (
    <div className="form-row form-row-offset">
      <button type="submit" className={className} disabled={submitting} aria-busy={submitting}>
        {submitting ? busyLabel : label}
      </button>
    </div>
  );
}
