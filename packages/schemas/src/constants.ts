import { pathOf, QR_PAGE_PATH } from './paths.ts';

/**
 * The values both sides agree on that the UIs use at run time. Zod-free, like
 * paths.ts: the browser bundles take these two modules and only types from
 * the zod schemas, so zod stays out of them.
 */

/** 个人登录 or 法人登录 (a person acting for a legal entity). */
export const LOGIN_TYPES = ['personal', 'entity'] as const;
export type LoginType = (typeof LOGIN_TYPES)[number];

/** The portal's own built-in client: the portal opened at `/` logs in through it (PORTAL_LOGIN_PATHS). */
export const PORTAL_CLIENT_ID = 'uia-portal';

/** 登录有效期 the app offers, in days: how long the app session (and its cookie) lives. */
export const APP_LOGIN_VALIDITY_DAYS = [1, 7, 30] as const;
export type ValidityDays = (typeof APP_LOGIN_VALIDITY_DAYS)[number];

/** What a 扫码登录 status stream pushes; confirmed, cancelled and expired end it. */
export const QR_STATUSES = ['pending', 'scanned', 'confirmed', 'cancelled', 'expired'] as const;
export type QrStatus = (typeof QR_STATUSES)[number];

/**
 * A QR id as it travels in URLs: a URL-safe token. The server issues 22
 * characters (128 random bits, base64url); any such token up to 128 is
 * accepted as a shape, so an installed app keeps working if that changes,
 * and an id the server never issued is simply not found (QR_EXPIRED).
 */
const QR_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function isQrId(value: string): boolean {
  return QR_ID.test(value);
}

/** `<origin>/app/qr/<id>`: what the QR encodes (origin '' for the path alone). */
export function qrPageUrl(origin: string, id: string): string {
  return `${origin}${pathOf(QR_PAGE_PATH, { id })}`;
}

/** The QR id of a `/app/qr/<id>` path (one trailing slash allowed), or null for any other path or a malformed id. */
export function qrIdOfPagePath(pathname: string): string | null {
  const match = /^\/app\/qr\/([^/]+)\/?$/.exec(pathname);
  if (!match) return null;
  let id: string;
  try {
    id = decodeURIComponent(match[1] ?? '');
  } catch {
    return null;
  }
  return isQrId(id) ? id : null;
}

/**
 * 关怀模式 as the pages remember it: the switch keeps the choice in
 * localStorage (read before the first paint) and mirrors it in this cookie
 * ('on' / 'off'), the only copy the pages the server renders itself (退出登录,
 * error pages, 页面不存在) can read.
 */
export const CARE_MODE_COOKIE = 'uia_care_mode';
