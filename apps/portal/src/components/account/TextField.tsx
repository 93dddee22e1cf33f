import type { ReactNode } from 'react';
import { describedBy } from '@uia/web';
import { LabeledRow } from '../Field.tsx';

/** One labelled text input of the user center's forms, wired to its hint and error for assistive technology. */
export function TextField({
  id,
  name,
  label,
  value,
  onChange,
  inputRef,
  error,
  hint,
  placeholder,
  maxLength,
  required = true,
  autoCapitalize,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  inputRef: (element: HTMLElement | null) => void;
  error: string | undefined;
  hint?: ReactNode;
  placeholder: string;
  maxLength: number;
  required?: boolean;
  autoCapitalize?: string;
}) {
  return (
    <LabeledRow id={id} label={label} error={error} hint={hint} required={required}>
      <input
        ref={inputRef}
        id={id}
        name={name}
        className="input"
        type="text"
        autoComplete="off"
        autoCapitalize={autoCapitalize}
        spellCheck={false}
        maxLength={maxLength}
        placeholder={placeholder}
        value={value}
        aria-required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { error, hint: Boolean(hint) })}
        onChange={(e) => onChange(e.target.value)}
      />
    </LabeledRow>
  );
}
