import { qrIdOfPagePath, qrPageUrl } from '@uia/schemas';

/** The app's routes under its base `/app/` (the History-API store, useLocation / navigate / goBack, is @uia/web's). */
export const BASE = '/app';

export const paths = {
  home: `${BASE}/`,
  login: `${BASE}/login`,
  smsLogin: `${BASE}/login/sms`,
  scan: `${BASE}/scan`,
  me: `${BASE}/me`,
  settings: `${BASE}/settings`,
  phone: `${BASE}/phone`,
  qr: (id: string) => qrPageUrl('', id),
} as const;

export type Route =
  | { page: 'home' }
  | { page: 'login'; next: string | null }
  | { page: 'smsLogin'; next: string | null }
  | { page: 'scan' }
  | { page: 'qr'; id: string }
  | { page: 'me' }
  | { page: 'settings' }
  | { page: 'phone' }
  | { page: 'notFound' };

/**
 * Where to go after logging in: only one of the app's own pages (a path,
 * never another origin or a protocol-relative URL).
 */
export function cleanNext(raw: string | null): string | null {
  if (!raw) return null;
  if (!/^\/app\/[A-Za-z0-9/_-]*$/.test(raw) || raw.includes('//')) return null;
  const route = matchRoute(raw, new URLSearchParams());
  return route.page === 'notFound' || route.page === 'login' || route.page === 'smsLogin' ? null : raw;
}

export function matchRoute(pathname: string, search: URLSearchParams): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === BASE) return { page: 'home' };
  if (path === paths.login) return { page: 'login', next: cleanNext(search.get('next')) };
  if (path === paths.smsLogin) return { page: 'smsLogin', next: cleanNext(search.get('next')) };
  if (path === paths.scan) return { page: 'scan' };
  if (path === paths.me) return { page: 'me' };
  if (path === paths.settings) return { page: 'settings' };
  if (path === paths.phone) return { page: 'phone' };
  const qrId = qrIdOfPagePath(path);
  return qrId ? { page: 'qr', id: qrId } : { page: 'notFound' };
}

/** The login page that returns to `next` afterwards. */
export function loginPath(next: string | null, sms = false): string {
  const base = sms ? paths.smsLogin : paths.login;
  return next ? `${base}?next=${encodeURIComponent(next)}` : base;
}

/**
 * The confirm-page id of a scanned text: only an absolute URL of this very
 * origin whose path is `/app/qr/<id>` (what the PC's QR code encodes).
 */
export function qrIdFromScan(text: string, origin: string = window.location.origin): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.origin !== origin || url.username || url.password) return null;
  return qrIdOfPagePath(url.pathname);
}
