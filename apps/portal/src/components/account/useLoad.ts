import { useLoad as useLoadOrLeave, type Loaded } from '@uia/web';
import { leaveIfLoggedOut } from '../../api.ts';

export type { Loaded };

/** One user-center GET, again on `reload()`; a lost session goes to the login (the page then leaves, so it stays on loading). */
export function useLoad<T>(load: () => Promise<T>) {
  return useLoadOrLeave(load, leaveIfLoggedOut);
}
