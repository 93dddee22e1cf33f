import { useState, type FormEvent } from 'react';
import { ui } from '@uia/i18n';
import { ACCOUNT_IDENTIFIER_KINDS } from '@uia/schemas';
import { consoleApi } from '../../api.ts';
import { useAction } from '../../components/useAction.ts';

const text = ui.console.audit;
const kinds = ui.console.accounts.kinds;
type Kind = (typeof ACCOUNT_IDENTIFIER_KINDS)[number];

/**
 * 按身份查找相关账号: the account an exact 用户名 / 手机号 / 证件号码 (居民身份证)
 * belongs to, through the blind index (POST, so the identifier never goes into a
 * URL); its account id fills the search's 相关账号 filter.
 */
export function SubjectLookup({ onFound }: { onFound: (accountId: string) => void }) {
  const [kind, setKind] = useState<Kind>('id_number');
  const [value, setValue] = useState('');
  const { busy, run } = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = await run(() => consoleApi.auditSubject({ kind, value: value.trim() }), { done: () => text.subjectFound });
    if (found) onFound(found.accountId);
  }

  return (
    <form className="form filter-grid" noValidate onSubmit={(event) => void submit(event)} aria-label={text.subjectFind}>
      <div className="form-row">
        <label htmlFor="audit-subject-kind">{text.subjectKind}</label>
        <select id="audit-subject-kind" className="input select" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {ACCOUNT_IDENTIFIER_KINDS.map((option) => (
            <option key={option} value={option}>
              {kinds[option]}
            </option>
          ))}
        </select>
      </div>
      <div className="form-row">
        <label htmlFor="audit-subject-value">{text.subjectValue}</label>
        <input id="audit-subject-value" className="input" autoComplete="off" spellCheck={false} maxLength={64} value={value} onChange={(e) => setValue(e.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy || value.trim() === ''}>
          {text.subjectFind}
        </button>
      </div>
    </form>
  );
}
