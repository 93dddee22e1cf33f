import { useSyncExternalStore } from 'react';

/**
 * Tiny History-API router: the current location is an external store that
 * changes on `popstate` (back/forward) and on our own `navigate`. Each entry
 * it pushes records its position in the SPA's own history (`goBack`).
 */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

export function useLocation(): { pathname: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { pathname: url.pathname, search: url.searchParams };
}

/** Position in the SPA's own history: 0 on the page it was opened at. */
function historyIndex(): number {
  const state: unknown = window.history.state;
  return state && typeof state === 'object' && 'idx' in state && typeof state.idx === 'number' ? state.idx : 0;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState({ idx: historyIndex() }, '', to);
  else window.history.pushState({ idx: historyIndex() + 1 }, '', to);
  for (const listener of listeners) listener();
  if (!options.replace) window.scrollTo(0, 0);
}

/** Back when the previous entry is a page of this SPA, else to `fallback`. */
export function goBack(fallback: string): void {
  if (historyIndex() > 0) window.history.back();
  else navigate(fallback, { replace: true });
}
