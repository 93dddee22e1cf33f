import { useEffect, useState } from 'react';
import { errorMessage } from '@uia/web';
import { leaveIfLoggedOut } from '../../api.ts';
import type { Loaded } from './useLoad.ts';

/** What is being changed; `reloading` once the request is done and the reloaded list is awaited. */
export type ListChange = { id: string; reloading: boolean } | null;

/**
 * One confirmed change at a time to a list the user center loaded (退出, 撤销):
 * the item stays busy from the request until the reloaded list arrives, so a
 * second click cannot repeat the change against a stale list; the outcome is
 * a notice or an error, and a lost session goes to the login.
 */
export function useListChange(list: Loaded<unknown>, reload: () => void) {
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<ListChange>(null);

  useEffect(() => {
    setBusy((current) => (current?.reloading ? null : current));
  }, [list]);

  /** Asks `confirmText`; then runs the change, whose result is the notice to show. */
  async function change(id: string, confirmText: string, run: () => Promise<string>) {
    if (busy || !window.confirm(confirmText)) return;
    setBusy({ id, reloading: false });
    setNotice(null);
    setError(null);
    try {
      setNotice(await run());
    } catch (e: unknown) {
      if (leaveIfLoggedOut(e)) return;
      setError(errorMessage(e));
    }
    setBusy({ id, reloading: true });
    reload();
  }

  /** The notice of a change made elsewhere on the page (a form that reloads the list itself). */
  function announce(text: string) {
    setError(null);
    setNotice(text);
  }

  return { notice, error, busy, change, announce };
}
