// What the steps of 忘记密码 share: element ids, the errors that end the
// flow, and the pieces each step's form ends with.
import type { FormEvent, ReactNode } from 'react';
import { ui } from '@uia/i18n';
import { normalizeIdentifier, type IdentifierKind } from '@uia/validators';
import { ApiError, errorMessage } from '@uia/web';
import { FormAlert } from '../../components/Field.tsx';
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
      <div className="form-row form-row-offset">
        <button type="submit" className="button button-primary button-wide button-large" disabled={submitting} aria-busy={submitting}>
          {submitting ? f.submitting : f.next}
        </button>
      </div>
    </form>
  );
}
