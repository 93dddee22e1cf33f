import { useState, type ReactNode } from 'react';
import { describedAs, FieldError, FieldHint, FieldInput } from '@uia/web';

/** A labelled control with its hint and error below (`<id>-hint`, `<id>-error`, as @uia/web's fields name them). */
export function FormRow({ id, label, error, hint, children }: { id: string; label: string; error?: string | null | undefined; hint?: string | undefined; children: ReactNode }) {
  return (
    <div className="form-row">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <FieldHint id={id}>{hint}</FieldHint>}
      <FieldError id={id} message={error} />
    </div>
  );
}

/** What a text field of the console's forms is given. */
interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | null | undefined;
  value: string;
  maxLength?: number;
  onChange: (value: string) => void;
}

/** One line typed exactly (an identifier, a reference): no autofill, no spelling correction. */
export function TextField({ onChange, label, hint, ...input }: FieldProps) {
  return (
    <FormRow id={input.id} label={label} hint={hint} error={input.error}>
      <FieldInput {...input} autoComplete="off" spellCheck={false} error={input.error} hint={Boolean(hint)} onChange={(e) => onChange(e.target.value)} />
    </FormRow>
  );
}

/** A few lines (URIs one per line, a written reason). */
export function TextAreaField({ onChange, ...field }: FieldProps) {
  const { id, value, maxLength, error, hint } = field;
  return (
    <FormRow {...field}>
      <textarea id={id} className="input textarea" rows={2} maxLength={maxLength} value={value} onChange={(e) => onChange(e.target.value)} {...describedAs(id, { error, hint: Boolean(hint) })} />
    </FormRow>
  );
}

/**
 * A TextField's state: its value and error, and `accept`, which gives the
 * normalized value when it passes `valid` — else shows `message` under the
 * field, focuses it and gives null.
 */
export function useTextField(id: string, normalize: (value: string) => string = (value) => value.trim()) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  function accept(valid: (value: string) => boolean, message: string): string | null {
    const normalized = normalize(value);
    if (!valid(normalized)) {
      setError(message);
      document.getElementById(id)?.focus();
      return null;
    }
    setError(null);
    return normalized;
  }
  return { props: { id, value, error, onChange: setValue }, accept, clear: () => setValue('') };
}

/** A form's one submit button (the primary style for the page's main form). */
export function SubmitRow({ label, busy, primary = false }: { label: string; busy: boolean; primary?: boolean }) {
  return (
    <div className="form-actions">
      <button type="submit" className={primary ? 'button button-primary' : 'button'} disabled={busy}>
        {label}
      </button>
    </div>
  );
}
