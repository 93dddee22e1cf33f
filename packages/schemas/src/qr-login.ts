import { z } from 'zod';
import { redirectResponse, text } from './shared-fields.ts';
import { loginType } from './login-interaction.ts';

/**
 * 扫码登录: the PC shows a QR of its login interaction and follows its status;
 * the app scans it, then confirms or cancels; the PC completes the login.
 */

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

/** The app page a QR encodes: a phone's own camera app opens it, and the app's 扫一扫 reads it. */
export const QR_PAGE_PATH = '/app/qr/:id';

/** `<origin>/app/qr/<id>`: what the QR encodes (origin '' for the path alone). */
export function qrPageUrl(origin: string, id: string): string {
  return `${origin}/app/qr/${encodeURIComponent(id)}`;
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

/** The PC side, below its login interaction (its cookie is scoped there). */
export const PC_QR_PATHS = {
  create: '/interaction/:uid/qr',
  /** Server-Sent Events: `event: status`, data `QrStatusEvent`. */
  events: '/interaction/:uid/qr/:id/events',
  complete: '/interaction/:uid/qr/:id/complete',
} as const;

/** The phone side: each needs a live app session. */
export const APP_QR_PATHS = {
  scan: '/app/api/qr/:id/scan',
  confirm: '/app/api/qr/:id/confirm',
  cancel: '/app/api/qr/:id/cancel',
} as const;

/** What the status stream pushes; confirmed, cancelled and expired end it. */
export const QR_STATUSES = ['pending', 'scanned', 'confirmed', 'cancelled', 'expired'] as const;
export const qrStatus = z.enum(QR_STATUSES);
export type QrStatus = z.infer<typeof qrStatus>;

/** One `status` event: once scanned, with the scanner's masked name, so the PC shows who it is. */
export const qrStatusEvent = z.object({ status: qrStatus, person: z.string().optional() });
export type QrStatusEvent = z.infer<typeof qrStatusEvent>;

export const qrCreateRequest = z.strictObject({ loginType: loginType.optional() });
export type QrCreateRequest = z.infer<typeof qrCreateRequest>;

export const qrCreateResponse = z.object({
  id: z.string(),
  /** The app URL the QR encodes (`…/app/qr/<id>`). */
  qrUrl: z.string(),
  /** The QR as an image data URL (SVG). */
  image: z.string(),
  /** Seconds until the QR expires. */
  expiresIn: z.number(),
});
export type QrChallenge = z.infer<typeof qrCreateResponse>;

export const qrCompleteResponse = redirectResponse;

/** An entity the person may act for at this service (法人登录 by QR). */
export const qrEntity = z.object({
  id: z.string(),
  uscc: z.string(),
  name: z.string(),
  role: z.enum(['legal_representative', 'agent']),
});
export type QrEntity = z.infer<typeof qrEntity>;

/** The scan's answer: who asks, from where, and for an entity QR whom the person may act for. */
export const qrScanResponse = z.object({
  client: z.object({ name: z.string() }),
  /** The browser that shows the QR, as a person recognises it. */
  requester: z.object({ browser: z.string(), os: z.string(), ip: z.string(), place: z.string() }),
  requestedAt: z.string(),
  expiresIn: z.number(),
  /** `entity` for a 法人登录 QR (absent otherwise). */
  loginType: z.literal('entity').optional(),
  /** For an entity QR: the entities this person may act for at this service (may be empty). */
  entities: z.array(qrEntity).optional(),
});
export type QrDetails = z.infer<typeof qrScanResponse>;

/** An entity QR sends the chosen entity; a personal QR sends nothing. */
export const qrConfirmRequest = z.strictObject({ entityId: text(64).min(1).optional() });
export type QrConfirmRequest = z.infer<typeof qrConfirmRequest>;

export const qrConfirmResponse = z.object({ status: z.literal('confirmed') });
export const qrCancelResponse = z.object({ status: z.literal('cancelled') });
