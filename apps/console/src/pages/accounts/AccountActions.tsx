import { useState, type FormEvent } from 'react';
import { fillTemplate, ui } from '@uia/i18n';
import { IN_PERSON_REFERENCE_PATTERN, type AdminAccountView } from '@uia/schemas';
import { FieldError, FieldHint, FieldInput } from '@uia/web';
import { consoleApi } from '../../api.ts';
import { Section } from '../../components/Section.tsx';
import { useAction } from '../../components/useAction.ts';

const text = ui.console.accounts;

/** 解锁, 停用/启用, 结束全部会话 and 线下核验: each answers with the account's new view. */
export function AccountActions({ account, onChanged }: { account: AdminAccountView; onChanged: (account: AdminAccountView) => void }) {
  const { busy, run } = useAction();
  const [reference, setReference] = useState('');
  const [referenceError, setReferenceError] = useState<string | null>(null);

  async function act(action: 'unlock' | 'disable' | 'enable' | 'endSessions', confirm: string, done: string) {
    const result = await run(() => consoleApi.accountAction(account.id, action), { confirm, done: () => done });
    if (result) onChanged(result.account);
  }

  async function recordInPerson(event: FormEvent) {
    event.preventDefault();
    const value = reference.trim().toUpperCase();
    if (!IN_PERSON_REFERENCE_PATTERN.test(value)) {
      setReferenceError(text.referenceInvalid);
      document.getElementById('in-person-reference')?.focus();
      return;
    }
    setReferenceError(null);
    const result = await run(() => consoleApi.inPersonCheck(account.id, value), { confirm: fillTemplate(text.confirmInPerson, { reference: value }), done: () => text.inPersonDone });
    if (result) {
      setReference('');
      onChanged(result.account);
    }
  }

  return (
    <Section title={text.actionsTitle}>
      <div className="row-actions">
        <button type="button" className="button" disabled={busy || !account.throttle.locked} onClick={() => void act('unlock', text.confirmUnlock, text.unlocked)}>
          {text.unlock}
        </button>
        {account.status === 'active' ? (
          <button type="button" className="button button-danger" disabled={busy} onClick={() => void act('disable', text.confirmDisable, text.disabledDone)}>
            {text.disable}
          </button>
        ) : (
          <button type="button" className="button" disabled={busy} onClick={() => void act('enable', text.confirmEnable, text.enabledDone)}>
            {text.enable}
          </button>
        )}
        <button type="button" className="button button-danger" disabled={busy} onClick={() => void act('endSessions', text.confirmEndSessions, text.sessionsEnded)}>
          {text.endSessions}
        </button>
      </div>
      <h3>{text.inPersonTitle}</h3>
      <form className="form form-inline" noValidate onSubmit={(event) => void recordInPerson(event)}>
        <div className="form-row">
          <label htmlFor="in-person-reference">{text.reference}</label>
          <FieldInput id="in-person-reference" autoComplete="off" maxLength={32} value={reference} error={referenceError} hint onChange={(e) => setReference(e.target.value)} />
          <FieldHint id="in-person-reference">{text.referenceHint}</FieldHint>
          <FieldError id="in-person-reference" message={referenceError} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {text.recordInPerson}
          </button>
        </div>
      </form>
    </Section>
  );
}
