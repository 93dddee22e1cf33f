import { useLoad } from '@uia/web';
import { leaveIfConsoleSessionEnded } from '../session.ts';

/** One console GET, again on `reload()`; an ended console session sends the page to the console's login. */
export function useConsoleLoad<T>(load: () => Promise<T>) {
  return useLoad(load, leaveIfConsoleSessionEnded);
}
