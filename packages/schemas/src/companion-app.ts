import { z } from 'zod';
import { assuranceLevel, captchaFields, ID_TYPE_VALUES, phone, smsCode, smsCodeSentResponse, text, ticket } from './shared-fields.ts';

/** The companion app's JSON API (/app/api/*): app login, 我的, 换绑手机号. 扫码登录's phone side is qr-login.ts. Paths: APP_API_PATHS (paths.ts). */

/** A liveness action the server asks for. */
export const FACE_ACTIONS = ['blink', 'shake', 'nod'] as const;
export type FaceAction = (typeof FACE_ACTIONS)[number];

/** What the server's face verifier needs: JPEG frames (at `frameSize` if given), or a clip in one of `mimeTypes`. */
export const faceCaptureKind = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('frames'), frameSize: z.object({ width: z.number(), height: z.number() }).optional() }),
  z.object({ kind: z.literal('video'), mimeTypes: z.array(z.string()).readonly(), maxSeconds: z.number() }),
]);
export type FaceCaptureKind = z.infer<typeof faceCaptureKind>;

/** The server-chosen prompts of one face check (login or 换绑), one-time. */
export const faceChallengeResponse = z.object({
  challengeId: z.string(),
  actions: z.array(z.enum(FACE_ACTIONS)),
  expiresIn: z.number(),
  capture: faceCaptureKind,
});
export type FaceChallenge = z.infer<typeof faceChallengeResponse>;

const personFields = {
  idType: z.enum(ID_TYPE_VALUES),
  name: text(60).min(1),
  idNumber: text(32).min(1),
};
/** Which 登录有效期 values are offered is the server's to check (APP_VALIDITY_INVALID). */
const validityDays = z.number();
/**
 * Captured camera frames as `data:image/jpeg;base64,…` URLs, with the separate
 * face-processing consent. Their number and size are the face check's to
 * judge (FACE_FRAMES_INVALID); the route's body limit bounds them.
 */
const faceFields = {
  faceConsent: z.boolean(),
  /**
   * From the face challenge, one-time. Optional here only so that a missing
   * one is answered like an unknown or spent one: FACE_CHALLENGE_INVALID.
   */
  challengeId: text(64).optional(),
  frames: z.array(z.string()),
  /**
   * The recorded clip as a `data:video/mp4;base64,…` (or webm) URL, when the
   * challenge asked for video (capture.kind 'video'); then `frames` is empty.
   * The face check judges it (FACE_VIDEO_INVALID).
   */
  video: z.string().optional(),
};

export const appFaceLoginRequest = z.strictObject({ ...personFields, validityDays, ...faceFields });
export type AppFaceLoginRequest = z.infer<typeof appFaceLoginRequest>;

export const appSmsLoginSendRequest = z.strictObject({ ...personFields, ...captchaFields });
export type AppSmsLoginSendRequest = z.infer<typeof appSmsLoginSendRequest>;

/** An SMS code went to the person's bound phone, shown masked. */
export const maskedSmsCodeSentResponse = smsCodeSentResponse.extend({ maskedPhone: z.string() });
export type MaskedSmsCodeSent = z.infer<typeof maskedSmsCodeSentResponse>;

export const appSmsLoginRequest = z.strictObject({ ...personFields, smsCode, validityDays });
export type AppSmsLoginRequest = z.infer<typeof appSmsLoginRequest>;

/** The person as the app shows them (我的): masked, never in clear. */
export const appPerson = z.object({
  maskedName: z.string(),
  maskedIdNumber: z.string(),
  maskedPhone: z.string().nullable(),
  assuranceLevel,
});
export type Person = z.infer<typeof appPerson>;

/** An app session: what its login proved (acr, RFC 8176 amr) and its lifetime (ISO). */
export const appSession = z.object({
  id: z.string(),
  acr: z.string(),
  amr: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string(),
});

export const appLoginResponse = z.object({ person: appPerson, session: appSession });
export type LoginResult = z.infer<typeof appLoginResponse>;

/** One of the person's app sessions in 我的 (`current`: this device). */
export const appSessionListItem = z.object({
  id: z.string(),
  device: z.string(),
  acr: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  current: z.boolean(),
});
export type SessionListItem = z.infer<typeof appSessionListItem>;

export const appMeResponse = appLoginResponse.extend({ sessions: z.array(appSessionListItem) });
export type Me = z.infer<typeof appMeResponse>;

// 换绑手机号: the old phone's code (or a face check) gives a ticket; the new phone's code completes it.
export const phoneChangeOldVerifyRequest = z.strictObject({ smsCode });
export type PhoneChangeOldVerifyRequest = z.infer<typeof phoneChangeOldVerifyRequest>;

export const phoneChangeFaceRequest = z.strictObject(faceFields);
export type PhoneChangeFaceRequest = z.infer<typeof phoneChangeFaceRequest>;

export const phoneChangeTicketResponse = z.object({ ticket: z.string() });
export type PhoneChangeTicketResponse = z.infer<typeof phoneChangeTicketResponse>;

export const phoneChangeNewSendRequest = z.strictObject({ ticket, phone, ...captchaFields });
export type PhoneChangeNewSendRequest = z.infer<typeof phoneChangeNewSendRequest>;
export const phoneChangeNewSendResponse = smsCodeSentResponse;
export type PhoneChangeNewSendResponse = z.infer<typeof phoneChangeNewSendResponse>;

export const phoneChangeNewVerifyRequest = z.strictObject({ ticket, phone, smsCode });
export type PhoneChangeNewVerifyRequest = z.infer<typeof phoneChangeNewVerifyRequest>;
export const phoneChangeNewVerifyResponse = z.object({ maskedPhone: z.string() });
export type PhoneChangeNewVerifyResponse = z.infer<typeof phoneChangeNewVerifyResponse>;
