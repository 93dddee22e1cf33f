import { useState } from 'react';
import { fillTemplate, ui } from '@uia/i18n';
import type { AuditVerifyResponse } from '@uia/schemas';
import { consoleApi } from '../../api.ts';
import { Section } from '../../components/Section.tsx';
import { useAction } from '../../components/useAction.ts';

const text = ui.console.audit;

/** The verification's answer in Chinese: ok with counts, or the first broken seq and why. */
export function verifyMessage(result: AuditVerifyResponse): string {
  if (result.ok) return fillTemplate(text.verifyOk, { checked: result.checked, checkpoints: result.checkpoints ?? 0, lastSeq: result.lastSeq ?? 0 });
  return fillTemplate(text.verifyBroken, { seq: result.firstBrokenSeq ?? '?', reason: result.reason ? text.reasons[result.reason] : '' });
}

/** 完整性校验: the hash chain and signed checkpoints, checked by the server. */
export function VerifyChain() {
  const { busy, run } = useAction();
  const [result, setResult] = useState<AuditVerifyResponse | null>(null);
  return (
    <Section title={text.verifyTitle}>
      <p>{text.verifyText}</p>
      <button type="button" className="button" disabled={busy} onClick={() => void run(consoleApi.verifyAudit, { done: verifyMessage }).then((verified) => verified && setResult(verified))}>
        {busy ? ui.console.working : text.verify}
      </button>
      {result && <p className={result.ok ? 'status-good verify-result' : 'status-bad verify-result'}>{verifyMessage(result)}</p>}
    </Section>
  );
}
