import { useCallback, useState } from 'react';
import { ui } from '@uia/i18n';
import { consoleApi } from '../../api.ts';
import { LoadedView } from '../../components/LoadedView.tsx';
import { Section } from '../../components/Section.tsx';
import { useLoaded } from '../../components/useLoaded.ts';
import { pageQuery } from './audit-query.ts';
import { AuditFilters } from './AuditFilters.tsx';
import { AuditTable } from './AuditTable.tsx';
import { VerifyChain } from './VerifyChain.tsx';

const text = ui.console.audit;

/** 审计日志 (审计管理员): search the trail page by page (keyset by nextBefore), export, verify. */
export function AuditPage() {
  const [filters, setFilters] = useState(() => new URLSearchParams());
  const [before, setBefore] = useState<number | null>(null);
  const query = pageQuery(filters, before);
  const { loaded: page } = useLoaded(() => consoleApi.auditEvents(query), query.toString());

  const search = useCallback((query: URLSearchParams) => {
    setFilters(query);
    setBefore(null);
  }, []);
  // After 下一页 / 回到第一页 the keyboard goes back to the top of the results.
  const turn = (next: number | null) => {
    setBefore(next);
    document.getElementById('audit-results')?.focus();
  };

  return (
    <>
      <AuditFilters busy={page.state === 'loading'} onSearch={search} />
      <Section title={text.resultsTitle}>
        <div id="audit-results" tabIndex={-1} aria-busy={page.state === 'loading'}>
          <LoadedView loaded={page}>{({ events }) => <AuditTable events={events} />}</LoadedView>
        </div>
        <div className="form-actions">
          {before !== null && (
            <button type="button" className="button button-ghost" onClick={() => turn(null)}>
              {text.firstPage}
            </button>
          )}
          {page.state === 'loaded' && page.data.nextBefore !== null && (
            <button type="button" className="button" onClick={() => turn(page.data.nextBefore)}>
              {text.nextPage}
            </button>
          )}
        </div>
      </Section>
      <VerifyChain />
    </>
  );
}
