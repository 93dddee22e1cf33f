// What the steps of 忘记密码 share: element ids, the errors that end the
// flow, a step form's errors and submit, and the pieces each form ends with.
import { useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { ui } from '@uia/i18n';
import { normalizeIdentifier, type IdentifierKind } from '@uia/validators';
import { ApiError, errorMessage } from '@uia/web';
import { FormAlert, SubmitRow } from '../../components/Field.tsx';
import { fill } from '../../text.ts';

export const f = ui.forgot;

/**
 * Step 1's answer: whether a phone is bound, and its mask only when the
 * account name typed was that phone (for a username or ID number the mask
 * comes with the SMS code, once the ID number matched: docs/api.md).
 */
export interface StartAnswer {
  phoneBound: boolean;
  maskedPhone: string | null;
}

/** Answers that end the whole flow: only 重新开始 helps. */
const FLOW_ERRORS = new Set(['RESET_TICKET_INVALID', 'RESET_TICKET_OTHER_BROWSER', 'RESET_STEP_SKIPPED', 'RESET_ATTEMPTS_EXCEEDED']);

/** Hands an answer that ends the flow to the wizard; true when it did. */
export function endsFlow(error: unknown, onFlowError: (message: string) => void): boolean {
  if (!(error instanceof ApiError && FLOW_ERRORS.has(error.code))) return false;
  onFlowError(error.message);
  return true;
}

export const id = (name: string) => `forgot-${name}`;

const ACCOUNT_NAME_KINDS: readonly IdentifierKind[] = ['username', 'phone', 'id_number'];

/**
 * The message of a failed call; RATE_LIMITED on the budget of the account
 * name as typed (`scope: account_name`) adds that the account's other names
 * (e.g. its phone number or ID number instead of the username) still work.
 */
export function messageFor(error: unknown, account: string): string {
  const message = errorMessage(error);
  if (!(error instanceof ApiError && error.code === 'RATE_LIMITED' && error.scope === 'account_name')) return message;
  const typed = normalizeIdentifier(account).kind;
  const others = ACCOUNT_NAME_KINDS.filter((kind) => kind !== typed).map((kind) => f.accountNameKinds[kind]);
  return fill(f.rateLimitedByName, { message, others: others.join(f.accountNameKindsJoin) });
}

export type Errors<K extends string> = Partial<Record<K | 'form', string>>;

/** Focus a control (or the form-level alert) by id. */
export function focusById(elementId: string) {
  document.getElementById(elementId)?.focus();
}

/**
 * A step's fields, errors and submit (`inputIds` in the form's order; the
 * captcha's answer, if any, is its challenge's): client-side errors first,
 * then one call; an answer that ends the flow goes to the wizard, any other
 * to the step's `onFailed`.
 */
export function useStepForm<K extends string, V extends K>(inputIds: Record<K, string>, initial: Record<V, string>, onFlowError: (message: string) => void) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Errors<K>>({});
  const [submitting, setSubmitting] = useState(false);
  const focus = (field: K | 'form') => focusById(field === 'form' ? id('form-error') : inputIds[field]);

  /** The person changed a field: its error and the form's go. */
  function clear(field: K) {
    if (errors[field] || errors.form) setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
  }

  /** The person changed a field: its new value; its error and the form's go. */
  function set(field: V, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    clear(field);
  }

  /** Shows these errors and no others, focusing the first; true when there is one. */
  function showOnly(found: Errors<K>): boolean {
    setErrors(found);
    const first = (Object.keys(inputIds) as K[]).find((field) => found[field]) ?? (found.form ? 'form' : undefined);
    if (first) focus(first);
    return first !== undefined;
  }

  return {
    values,
    errors,
    submitting,
    clear,
    set,
    showOnly,
    /** What an input of `field` is wired to: its id, name, value, error and change. */
    bind: (field: V) => ({
      id: inputIds[field],
      name: field,
      value: values[field],
      error: errors[field],
      onChange: (e: ChangeEvent<HTMLInputElement>) => set(field, e.target.value),
    }),
    /** A field's error as checked on leaving it (none when fine); focus stays where the person moved it. */
    mark(field: K, message: string | undefined) {
      setErrors((e) => ({ ...e, [field]: message }));
    },
    /** One more error, focused; the others stay. */
    show(field: K | 'form', message: string) {
      setErrors((e) => ({ ...e, [field]: message }));
      focus(field);
    },
    /** `found`: the client-side errors, shown instead of any before (null: the step checked its fields itself). */
    async submit(found: Errors<K> | null, call: () => Promise<void>, onFailed: (error: unknown) => void) {
      if (submitting || (found && showOnly(found))) return;
      setSubmitting(true);
      try {
        await call();
      } catch (error: unknown) {
        setSubmitting(false);
        if (!endsFlow(error, onFlowError)) onFailed(error);
      }
    },
  };
}

/** A step's form: its alert (`forgot-form-error`) on top, its rows, then 下一步. */
export function StepForm({
  className = 'forgot-form',
  error,
  submitting,
  onSubmit,
  children,
}: {
  className?: string;
  error: string | undefined;
  submitting: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  return (
    <form className={className} noValidate onSubmit={onSubmit} aria-describedby={error ? id('form-error') : undefined}>
      <FormAlert id={id('form-error')} message={error} />
      {children}
      <SubmitRow submitting={submitting} label={f.next} busyLabel={f.submitting} />
    </form>
  );
}
