import { useState, type FormEvent } from 'react';
import { ui } from '@uia/i18n';
import type { FindAccountRequest } from '@uia/schemas';
import { FieldError, FieldHint, FieldInput, IdTypeSelect } from '@uia/web';
import { Section } from '../../components/Section.tsx';

const text = ui.console.accounts;
// The kinds in the catalogue's order (ACCOUNT_IDENTIFIER_KINDS sits with the zod schemas, kept out of the bundle).
const KINDS = Object.keys(text.kinds) as FindAccountRequest['kind'][];

/** 查找账号: one exact 用户名, 手机号 or 证件号码 (no fuzzy search of personal data). */
export function FindAccountForm({ busy, onFind }: { busy: boolean; onFind: (request: FindAccountRequest) => void }) {
  const [kind, setKind] = useState<FindAccountRequest['kind']>('id_number');
  const [idType, setIdType] = useState('resident_id');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!value.trim()) {
      setError(text.valueRequired);
      document.getElementById('find-value')?.focus();
      return;
    }
    setError(null);
    onFind({ kind, value: value.trim(), ...(kind === 'id_number' ? { idType: idType as NonNullable<FindAccountRequest['idType']> } : {}) });
  }

  return (
    <Section title={text.findTitle}>
      <form className="form form-inline" noValidate onSubmit={submit} role="search">
        <div className="form-row">
          <label htmlFor="find-kind">{text.kind}</label>
          <select id="find-kind" className="input select" value={kind} onChange={(e) => setKind(e.target.value as FindAccountRequest['kind'])}>
            {KINDS.map((option) => (
              <option key={option} value={option}>
                {text.kinds[option]}
              </option>
            ))}
          </select>
        </div>
        {kind === 'id_number' && (
          <div className="form-row">
            <label htmlFor="find-idType">{text.idType}</label>
            <IdTypeSelect id="find-idType" value={idType} onChange={setIdType} error={null} />
          </div>
        )}
        <div className="form-row">
          <label htmlFor="find-value">{text.kinds[kind]}</label>
          <FieldInput id="find-value" autoComplete="off" spellCheck={false} maxLength={64} value={value} error={error} hint onChange={(e) => setValue(e.target.value)} />
          <FieldHint id="find-value">{text.findHint}</FieldHint>
          <FieldError id="find-value" message={error} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {text.find}
          </button>
        </div>
      </form>
    </Section>
  );
}
