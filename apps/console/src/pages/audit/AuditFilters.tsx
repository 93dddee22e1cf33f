import { useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { ui } from '@uia/i18n';
import { CONSOLE_AUDIT_PATHS } from '@uia/schemas';
import { Section } from '../../components/Section.tsx';
import { SubjectLookup } from './SubjectLookup.tsx';
import { auditQuery, EMPTY_AUDIT_FILTERS, type AuditFilterValues } from './audit-query.ts';

const text = ui.console.audit;

/** 筛选: time range, type, outcome, actor, account, client, IP; 查询 and 导出CSV with the same filters. */
export function AuditFilters({ busy, onSearch }: { busy: boolean; onSearch: (query: URLSearchParams) => void }) {
  const [values, setValues] = useState(EMPTY_AUDIT_FILTERS);
  const [applied, setApplied] = useState(() => new URLSearchParams());
  const set = (key: keyof AuditFilterValues) => (value: string) => setValues((previous) => ({ ...previous, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const query = auditQuery(values);
    setApplied(query);
    onSearch(query);
  }

  function reset() {
    setValues(EMPTY_AUDIT_FILTERS);
    setApplied(new URLSearchParams());
    onSearch(new URLSearchParams());
  }

  const csv = `${CONSOLE_AUDIT_PATHS.csv}${applied.size ? `?${applied.toString()}` : ''}`;
  return (
    <Section
      title={text.filtersTitle}
      actions={
        <a className="button button-ghost" href={csv} download>
          {text.exportCsv}
        </a>
      }
    >
      <SubjectLookup onFound={set('account')} />
      <form className="form filter-grid" noValidate onSubmit={submit}>
        <Filter id="audit-from" label={text.from} type="datetime-local" value={values.from} onValue={set('from')} />
        <Filter id="audit-to" label={text.to} type="datetime-local" value={values.to} onValue={set('to')} />
        <Filter id="audit-type" label={text.type} value={values.type} onValue={set('type')} placeholder={text.typePlaceholder} />
        <div className="form-row">
          <label htmlFor="audit-outcome">{text.outcome}</label>
          <select id="audit-outcome" className="input select" value={values.outcome} onChange={(e) => set('outcome')(e.target.value)}>
            <option value="">{text.outcomeAny}</option>
            <option value="success">{text.outcomes.success}</option>
            <option value="failure">{text.outcomes.failure}</option>
          </select>
        </div>
        <Filter id="audit-actor" label={text.actor} value={values.actor} onValue={set('actor')} />
        <Filter id="audit-account" label={text.account} value={values.account} onValue={set('account')} />
        <Filter id="audit-client" label={text.client} value={values.client} onValue={set('client')} />
        <Filter id="audit-ip" label={text.ip} value={values.ip} onValue={set('ip')} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {text.search}
          </button>
          <button type="button" className="button button-ghost" onClick={reset}>
            {text.reset}
          </button>
        </div>
      </form>
    </Section>
  );
}

function Filter({ id, label, value, onValue, ...rest }: { id: string; label: string; value: string; onValue: (value: string) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value'>) {
  return (
    <div className="form-row">
      <label htmlFor={id}>{label}</label>
      <input id={id} className="input" autoComplete="off" spellCheck={false} maxLength={64} value={value} onChange={(e) => onValue(e.target.value)} {...rest} />
    </div>
  );
}
