import type { InputHTMLAttributes, ReactNode, Ref } from 'react';

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
 * A form's text input, described by its error and hint elements
 * (`<id>-error`, `<id>-hint`) and marked invalid while it has an error.
 */
export function FieldInput({
  id,
  error,
  hint = false,
  inputRef,
  ...rest
}: InputHTMLAttributes<HTMLInputElement> & { id: string; error: string | null | undefined; hint?: boolean; inputRef?: Ref<HTMLInputElement> }) {
  return <input ref={inputRef} id={id} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, { error, hint })} {...rest} />;
}
