import { useState } from 'react';
import { fillTemplate, ui } from '@uia/i18n';
import type { AdminAccountView, FindAccountRequest } from '@uia/schemas';
import { consoleApi } from '../../api.ts';
import { useAction } from '../../components/useAction.ts';
import { AccountActions } from './AccountActions.tsx';
import { AccountDetails } from './AccountDetails.tsx';
import { FindAccountForm } from './FindAccountForm.tsx';

/** 账号管理 (安全管理员): find one account, see it masked, act on it. */
export function AccountsPage() {
  const { busy, run } = useAction();
  const [account, setAccount] = useState<AdminAccountView | null>(null);

  async function find(request: FindAccountRequest) {
    const found = await run(() => consoleApi.findAccount(request), { done: ({ account: view }) => fillTemplate(ui.console.accounts.found, { name: view.name }) });
    setAccount(found?.account ?? null);
  }

  return (
    <>
      <FindAccountForm busy={busy} onFind={(request) => void find(request)} />
      {account && (
        <>
          <AccountDetails account={account} />
          <AccountActions account={account} onChanged={setAccount} />
        </>
      )}
    </>
  );
}
