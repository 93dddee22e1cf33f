import { useState, type FormEvent } from 'react';
import { ui } from '@uia/i18n';
import type { FindAccountRequest } from '@uia/schemas';
import { IdTypeSelect } from '@uia/web';
import { SubmitRow, TextField, useTextField } from '../../components/FormRow.tsx';
import { Section } from '../../components/Section.tsx';

const text = ui.console.accounts;
// The kinds in the catalogue's order (ACCOUNT_IDENTIFIER_KINDS sits with the zod schemas, kept out of the bundle).
const KINDS = Object.keys(text.kinds) as FindAccountRequest['kind'][];

/** 查找账号: one exact 用户名, 手机号 or 证件号码 (no fuzzy search of personal data). */
export function FindAccountForm({ busy, onFind }: { busy: boolean; onFind: (request: FindAccountRequest) => void }) {
  const [kind, setKind] = useState<FindAccountRequest['kind']>('id_number');
  const [idType, setIdType] = useState('resident_id');
  const field = useTextField('find-value');

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = field.accept(Boolean, text.valueRequired);
    if (value === null) return;
    onFind({ kind, value, ...(kind === 'id_number' ? { idType: idType as NonNullable<FindAccountRequest['idType']> } : {}) });
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
        <TextField {...field.props} label={text.kinds[kind]} hint={text.findHint} maxLength={64} />
        <SubmitRow label={text.find} busy={busy} primary />
      </form>
    </Section>
  );
}
