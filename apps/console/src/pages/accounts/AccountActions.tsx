import type { FormEvent } from 'react';
import { fillTemplate, ui } from '@uia/i18n';
import { IN_PERSON_REFERENCE_PATTERN, type AdminAccountView } from '@uia/schemas';
import { consoleApi } from '../../api.ts';
import { SubmitRow, TextField, useTextField } from '../../components/FormRow.tsx';
import { Section } from '../../components/Section.tsx';
import { useAction } from '../../components/useAction.ts';

const text = ui.console.accounts;

/** 解锁, 停用/启用, 结束全部会话 and 线下核验: each answers with the account's new view. */
export function AccountActions({ account, onChanged }: { account: AdminAccountView; onChanged: (account: AdminAccountView) => void }) {
  const { busy, run } = useAction();
  // Halls print the number in capitals; typed in lower case it is the same number.
  const reference = useTextField('in-person-reference', (value) => value.trim().toUpperCase());

  async function act(action: 'unlock' | 'disable' | 'enable' | 'endSessions', confirm: string, done: string) {
    const result = await run(() => consoleApi.accountAction(account.id, action), { confirm, done: () => done });
    if (result) onChanged(result.account);
  }

  async function recordInPerson(event: FormEvent) {
    event.preventDefault();
    const value = reference.accept((typed) => IN_PERSON_REFERENCE_PATTERN.test(typed), text.referenceInvalid);
    if (value === null) return;
    const result = await run(() => consoleApi.inPersonCheck(account.id, value), { confirm: fillTemplate(text.confirmInPerson, { reference: value }), done: () => text.inPersonDone });
    if (result) {
      reference.clear();
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
        <TextField {...reference.props} label={text.reference} hint={text.referenceHint} maxLength={32} />
        <SubmitRow label={text.recordInPerson} busy={busy} />
      </form>
    </Section>
  );
}
