import { useEffect, useState } from 'react';
import type { ConsoleMeResponse } from '@uia/schemas';
import { ApiError, errorMessage } from '@uia/web';
import { consoleApi } from './api.ts';

/** Who the console is for: no session (log in), a session without a role now (revoked), an error, or the administrator. */
export type MeState = { kind: 'loading' } | { kind: 'loggedOut' } | { kind: 'failed'; message: string; roleRevoked: boolean } | { kind: 'ready'; me: ConsoleMeResponse };

export function useMe(): [MeState, () => void] {
  const [state, setState] = useState<MeState>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    consoleApi.me().then(
      (me) => {
        if (live) setState({ kind: 'ready', me });
      },
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ApiError && error.code === 'CONSOLE_LOGIN_REQUIRED') setState({ kind: 'loggedOut' });
        else setState({ kind: 'failed', message: errorMessage(error), roleRevoked: error instanceof ApiError && error.code === 'CONSOLE_ROLE_REQUIRED' });
      },
    );
    return () => {
      live = false;
    };
  }, [generation]);
  return [state, () => setGeneration((n) => n + 1)];
}
