import { useEffect, useState } from 'react';
import type { ConsoleMeResponse } from '@uia/schemas';
import { ApiError, errorMessage } from '@uia/web';
import { consoleApi } from './api.ts';

export type ConsoleSession = { state: 'loading' } | { state: 'signedOut' } | { state: 'signedIn'; me: ConsoleMeResponse } | { state: 'failed'; message: string };

/** GET /api/console/me: the administrator, or 401 CONSOLE_LOGIN_REQUIRED when there is no console session. */
export function useConsoleSession(): ConsoleSession {
  const [session, setSession] = useState<ConsoleSession>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    consoleApi.me().then(
      (me) => live && setSession({ state: 'signedIn', me }),
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ApiError && error.status === 401) setSession({ state: 'signedOut' });
        else setSession({ state: 'failed', message: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return session;
}
