import { z } from 'zod';
import { redirectResponse, text } from './shared-fields.ts';
import { loginType } from './login-interaction.ts';
import { QR_STATUSES } from './constants.ts';

/**
 * 扫码登录: the PC shows a QR of its login interaction and follows its status;
 * the app scans it, then confirms or cancels; the PC completes the login.
 * Paths: QR_PAGE_PATH, PC_QR_PATHS, APP_QR_PATHS (paths.ts); the QR id and its URL: constants.ts.
 */

export const qrStatus = z.enum(QR_STATUSES);

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
export type QrCompleteResponse = z.infer<typeof qrCompleteResponse>;

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
export type QrConfirmResponse = z.infer<typeof qrConfirmResponse>;
export const qrCancelResponse = z.object({ status: z.literal('cancelled') });
export type QrCancelResponse = z.infer<typeof qrCancelResponse>;
