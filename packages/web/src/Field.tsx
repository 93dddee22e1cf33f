import type { InputHTMLAttributes, ReactNode, Ref } from 'react';
import { ID_TYPES } from '@uia/validators';

/** ids of the hint / error elements that describe an input. */
export function describedBy(id: string, opts: { hint?: boolean; error?: string | null | undefined }): string | undefined {
  const ids = [opts.error ? `${id}-error` : null, opts.hint ? `${id}-hint` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The aria attributes of a control described by its error and hint: invalid while it has an error. */
export function describedAs(id: string, opts: { hint?: boolean; error?: string | null | undefined }): { 'aria-invalid': true | undefined; 'aria-describedby': string | undefined } {
  return { 'aria-invalid': opts.error ? true : undefined, 'aria-describedby': describedBy(id, opts) };
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
  return <input ref={inputRef} id={id} className="input" {...describedAs(id, { error, hint })} {...rest} />;
}

/**
 * The text inputs both UIs ask for, each with the same attributes wherever it
 * stands (keyboard, autofill, length): the input's `name` is its kind.
 */
const TEXT_INPUT_KINDS = {
  name: { type: 'text', autoComplete: 'name', maxLength: 40 },
  idNumber: { type: 'text', autoComplete: 'off', autoCapitalize: 'characters', spellCheck: false, maxLength: 32 },
  phone: { type: 'tel', inputMode: 'numeric', autoComplete: 'tel-national', maxLength: 11 },
  // The audio captcha's answer is digits and longer: `CaptchaInput` sets inputMode and maxLength by the mode.
  captchaAnswer: { type: 'text', autoComplete: 'off', autoCapitalize: 'off', spellCheck: false },
  smsCode: { type: 'text', inputMode: 'numeric', autoComplete: 'one-time-code', maxLength: 6 },
} as const satisfies Record<string, InputHTMLAttributes<HTMLInputElement>>;

export type TextInputKind = keyof typeof TEXT_INPUT_KINDS;

export type TextInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'value' | 'onChange'> & {
  kind: TextInputKind;
  id: string;
  value: string;
  onChange: (value: string) => void;
  error: string | null | undefined;
  hint?: boolean;
  inputRef?: Ref<HTMLInputElement>;
};

/**
 * What an input in a row with its own button (captcha picture, 获取验证码) is
 * given; `rowClassName` is each stylesheet's row.
 */
export interface InputRowProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error: string | null | undefined;
  placeholder: string;
  rowClassName: string;
  required?: boolean;
}

/** 姓名, 证件号码, 手机号, …: a `FieldInput` of that kind (e.g. `<TextInput kind="idNumber" …/>` inside a form row). */
export function TextInput({ kind, onChange, ...rest }: TextInputProps) {
  return <FieldInput name={kind} {...TEXT_INPUT_KINDS[kind]} onChange={(e) => onChange(e.target.value)} {...rest} />;
}

/** 证件类型: the select of the ID types the platform knows (name `idType`). */
export function IdTypeSelect({ id, value, onChange, error }: { id: string; value: string; onChange: (value: string) => void; error: string | null | undefined }) {
  return (
    <select id={id} name="idType" className="input select" value={value} onChange={(e) => onChange(e.target.value)} {...describedAs(id, { error })}>
      {ID_TYPES.map((type) => (
        <option key={type.value} value={type.value}>
          {type.label}
        </option>
      ))}
    </select>
  );
}
