import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '@uia/web';

export type Loaded<T> = { state: 'loading' } | { state: 'loaded'; data: T } | { state: 'failed'; message: string };

/**
 * Data a page shows (a list, the health, a page of the trail): loaded again
 * when `key` changes (what is asked for) and on `reload` (after an action changed it).
 */
export function useLoaded<T>(load: () => Promise<T>, key = ''): { loaded: Loaded<T>; reload: () => void } {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  // `load` is a new closure each render; what it asks for is `key`, so the effect reads the latest one.
  const latestLoad = useRef(load);
  latestLoad.current = load;
  useEffect(() => {
    let live = true;
    setLoaded({ state: 'loading' });
    latestLoad.current().then(
      (data) => live && setLoaded({ state: 'loaded', data }),
      (error: unknown) => live && setLoaded({ state: 'failed', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [key, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { loaded, reload };
}
