import { useState } from 'react';
import { fillTemplate, ui } from '@uia/i18n';
import type { ConsoleMeResponse } from '@uia/schemas';
import { errorMessage } from '@uia/web';
import { consoleApi } from '../api.ts';

const c = ui.console;

/** Who is logged in (masked name, role) and 退出: the console session, then the platform session. */
export function AccountMenu({ me }: { me: ConsoleMeResponse }) {
  const [leaving, setLeaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function logout() {
    setLeaving(true);
    setError(null);
    try {
      window.location.assign((await consoleApi.logout()).redirectTo);
    } catch (e: unknown) {
      setLeaving(false);
      setError(errorMessage(e));
    }
  }

  return (
    <div className="console-account">
      <span className="console-who">{fillTemplate(c.who, { name: me.name, roleName: me.roleName })}</span>
      <button type="button" className="button button-outline" onClick={() => void logout()} disabled={leaving} aria-busy={leaving}>
        {leaving ? c.loggingOut : c.logout}
      </button>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
