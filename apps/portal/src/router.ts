import { LOGIN_INTERACTION_PATHS, pathOf } from '@uia/schemas';

// The portal's routes (the History-API store, useLocation / navigate, is @uia/web's).
export type Route =
  | { page: 'login'; uid: string | null }
  | { page: 'consent'; uid: string }
  | { page: 'register'; uid: string | null }
  | { page: 'forgot'; uid: string | null }
  | { page: 'account' }
  | { page: 'terms' }
  | { page: 'privacy' }
  | { page: 'notFound' };

/** Interaction uids come from oidc-provider: URL-safe, bounded length. */
function cleanUid(raw: string | null | undefined): string | null {
  if (!raw) return null;
  return /^[A-Za-z0-9_-]{1,128}$/.test(raw) ? raw : null;
}

export function matchRoute(pathname: string, search: URLSearchParams): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const queryUid = cleanUid(search.get('uid'));
  if (path === '/') return { page: 'login', uid: queryUid };
  // /interaction/<uid> logs in; /interaction/<uid>/consent is 授权确认 (prompt=consent).
  const interaction = /^\/interaction\/([^/]+)(\/consent)?$/.exec(path);
  if (interaction) {
    const uid = cleanUid(decodeURIComponent(interaction[1] ?? ''));
    if (!uid) return { page: 'notFound' };
    return interaction[2] ? { page: 'consent', uid } : { page: 'login', uid };
  }
  if (path === '/register') return { page: 'register', uid: queryUid };
  if (path === '/forgot-password') return { page: 'forgot', uid: queryUid };
  if (path === '/account') return { page: 'account' };
  if (path === '/terms') return { page: 'terms' };
  if (path === '/privacy') return { page: 'privacy' };
  return { page: 'notFound' };
}

/** The login page of an interaction (or the portal's own `/`). */
export function loginPath(uid: string | null): string {
  return uid ? pathOf(LOGIN_INTERACTION_PATHS.page, { uid }) : '/';
}

/** A portal page that keeps the interaction uid so the user can come back. */
export function withUid(path: string, uid: string | null): string {
  return uid ? `${path}?uid=${encodeURIComponent(uid)}` : path;
}
