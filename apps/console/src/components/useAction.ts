import { useState } from 'react';
import { errorMessage } from '@uia/web';
import { useAnnounce } from './Notice.tsx';

/**
 * Runs one API action of a page: asks first when it is destructive
 * (`confirm`), keeps `busy` while it runs, and announces the outcome — the
 * given success text, or the server's Chinese error message.
 */
export function useAction() {
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  async function run<T>(action: () => Promise<T>, options: { confirm?: string; done: (result: T) => string }): Promise<T | null> {
    if (options.confirm && !window.confirm(options.confirm)) return null;
    setBusy(true);
    try {
      const result = await action();
      announce('success', options.done(result));
      return result;
    } catch (error) {
      announce('error', errorMessage(error));
      return null;
    } finally {
      setBusy(false);
    }
  }
  return { busy, run };
}
