import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { ApiError, errorMessage } from '@uia/web';
import { leaveIfLoggedOut } from '../api.ts';

export type FormErrors<F extends string> = Partial<Record<F | 'form', string>>;

/**
 * The error and submit handling of the user center's forms: client-side
 * errors first, then one API call; the server's error lands next to the
 * field it names (`error.field`) or in the form's alert (`alertId`, focused),
 * a lost user-center session goes back to the login.
 */
export function useApiForm<F extends string>(fields: readonly F[], alertId: string) {
  const [errors, setErrors] = useState<FormErrors<F>>({});
  const [submitting, setSubmitting] = useState(false);
  const controls = useRef(new Map<F, HTMLElement | null>());

  useEffect(() => {
    if (errors.form) document.getElementById(alertId)?.focus();
  }, [errors.form, alertId]);

  function focusFirst(found: FormErrors<F>) {
    const first = fields.find((field) => found[field]);
    if (first) controls.current.get(first)?.focus();
  }

  /** `ref` of the control to focus when its field is in error. */
  const control = (field: F) => (element: HTMLElement | null) => {
    controls.current.set(field, element);
  };

  /** The person changed a field: its error and the form's go. */
  function clear(field: F) {
    if (errors[field] || errors.form) setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
  }

  return {
    errors,
    submitting,
    control,
    clear,
    /** An input's wiring to `field`: its value, its change (which clears the field's error), its ref and its error. */
    bind: (field: F, value: string, setValue: (value: string) => void) => ({
      value,
      onChange: (e: ChangeEvent<HTMLInputElement>) => {
        setValue(e.target.value);
        clear(field);
      },
      inputRef: control(field),
      error: errors[field],
    }),
    async submit<T>(found: FormErrors<F>, call: () => Promise<T>, onDone: (result: T) => void): Promise<void> {
      if (submitting) return;
      setErrors(found);
      if (Object.values(found).some(Boolean)) {
        focusFirst(found);
        return;
      }
      setSubmitting(true);
      try {
        const result = await call();
        setSubmitting(false);
        onDone(result);
      } catch (error: unknown) {
        setSubmitting(false);
        if (leaveIfLoggedOut(error)) return;
        const field = fields.find((f) => error instanceof ApiError && error.field === f);
        const next: FormErrors<F> = {};
        next[field ?? 'form'] = errorMessage(error);
        setErrors(next);
        focusFirst(next);
      }
    },
  };
}
