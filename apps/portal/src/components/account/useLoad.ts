import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '@uia/web';
import { leaveIfLoggedOut } from '../../api.ts';

/** A user-center GET: loading, failed with the message to show, or its data. */
export type Loaded<T> = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; data: T };

/**
 * One GET of the user center, again on `reload()`; a lost session goes to
 * the login (the page then leaves, so it stays on loading).
 */
export function useLoad<T>(load: () => Promise<T>): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => {
        if (live) setState({ kind: 'ready', data });
      },
      (error: unknown) => {
        if (!live || leaveIfLoggedOut(error)) return;
        setState({ kind: 'failed', message: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [load, generation]);
  return [state, useCallback(() => setGeneration((n) => n + 1), [])];
}
