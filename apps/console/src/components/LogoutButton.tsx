import { useState } from 'react';
import { ui } from '@uia/i18n';
import { errorMessage } from '@uia/web';
import { consoleApi } from '../api.ts';

/** 退出: ends the console session and the platform's, then follows the platform's logout page back to the console. */
export function LogoutButton() {
  const [busy, setBusy] = useState(false);
  async function logout() {
    setBusy(true);
    try {
      const { redirectTo } = await consoleApi.logout();
      window.location.assign(redirectTo);
    } catch (error) {
      setBusy(false);
      window.alert(errorMessage(error));
    }
  }
  return (
    <button type="button" className="button button-ghost" disabled={busy} onClick={() => void logout()}>
      {ui.console.logout}
    </button>
  );
}
