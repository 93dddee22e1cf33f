import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from './api.ts';

/** A page's GET: loading, failed with the message to show, or its data. */
export type Loaded<T> = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; data: T };

/**
 * One GET, again on `reload()`. `leaves(error)` answers true when it has
 * sent the page elsewhere for that error (a lost session going to its
 * login): the state then stays on loading.
 */
export function useLoad<T>(load: () => Promise<T>, leaves: (error: unknown) => boolean): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => {
        if (live) setState({ kind: 'ready', data });
      },
      (error: unknown) => {
        if (!live || leaves(error)) return;
        setState({ kind: 'failed', message: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [load, leaves, generation]);
  return [state, useCallback(() => setGeneration((n) => n + 1), [])];
}
