import { z } from 'zod';

/**
 * Shapes of the JSON bodies the platform accepts, shared by server and UIs.
 * They check type, presence and length only; meaning (checksums, policies)
 * is checked by @uia/validators inside the services. Unknown keys are refused.
 */

// Control characters never belong in a form field; refusing them here keeps them out of logs and storage.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const text = (max: number) => z.string().max(max).regex(/^[^\u0000-\u001f\u007f]*$/);

export const ID_TYPE_VALUES = [
  'resident_id',
  'hk_macao_permit',
  'taiwan_permit',
  'hmt_residence_permit',
  'foreign_permanent_residence',
  'passport',
] as const;

export const captchaFields = {
  captchaId: text(64).min(1),
  captchaAnswer: text(16).min(1),
};

export const passwordLoginRequest = z.strictObject({
  identifier: text(64).min(1),
  password: text(128).min(1),
  ...captchaFields,
});
export type PasswordLoginRequest = z.infer<typeof passwordLoginRequest>;

/** Purposes a browser may ask a code for by phone number; the reset flow sends its codes by ticket. */
export const SMS_PURPOSES = ['register'] as const;

export const smsSendRequest = z.strictObject({
  phone: text(32).min(1),
  purpose: z.enum(SMS_PURPOSES),
  ...captchaFields,
});
export type SmsSendRequest = z.infer<typeof smsSendRequest>;

export const registerRequest = z.strictObject({
  name: text(60).min(1),
  idType: z.enum(ID_TYPE_VALUES),
  idNumber: text(32).min(1),
  phone: text(32).min(1),
  smsCode: text(6).min(1),
  username: text(64).min(1),
  password: text(128).min(1),
  agreeTerms: z.boolean(),
});
export type RegisterRequest = z.infer<typeof registerRequest>;

// 忘记密码 wizard: each step answers with a ticket the next step presents.
const ticket = text(128).min(1);

export const passwordResetStartRequest = z.strictObject({
  account: text(64).min(1),
  ...captchaFields,
});
export type PasswordResetStartRequest = z.infer<typeof passwordResetStartRequest>;

export const passwordResetSendCodeRequest = z.strictObject({
  ticket,
  idNumber: text(32).min(1),
  ...captchaFields,
});
export type PasswordResetSendCodeRequest = z.infer<typeof passwordResetSendCodeRequest>;

export const passwordResetVerifyCodeRequest = z.strictObject({
  ticket,
  smsCode: text(6).min(1),
});
export type PasswordResetVerifyCodeRequest = z.infer<typeof passwordResetVerifyCodeRequest>;

export const passwordResetCompleteRequest = z.strictObject({
  ticket,
  password: text(128).min(1),
  confirmPassword: text(128).min(1),
});
export type PasswordResetCompleteRequest = z.infer<typeof passwordResetCompleteRequest>;

export const emptyRequest = z.strictObject({});

// Companion app (/app/api/*): app login and 换绑手机号 (docs/api.md).
const personFields = {
  idType: z.enum(ID_TYPE_VALUES),
  name: text(60).min(1),
  idNumber: text(32).min(1),
};
/** 登录有效期 in days; which values are offered is the server's to check (APP_VALIDITY_INVALID). */
const validityDays = z.number();
/**
 * Captured camera frames as `data:image/jpeg;base64,…` URLs, with the separate
 * face-processing consent. Their number and size are the face check's to
 * judge (FACE_FRAMES_INVALID); the route's body limit bounds them.
 */
const faceFields = {
  faceConsent: z.boolean(),
  /**
   * From POST /app/api/face/challenge, one-time. Optional here only so that a
   * missing one is answered like an unknown or spent one: FACE_CHALLENGE_INVALID.
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
const smsCode = text(6).min(1);
const phone = text(32).min(1);

export const appFaceLoginRequest = z.strictObject({ ...personFields, validityDays, ...faceFields });
export type AppFaceLoginRequest = z.infer<typeof appFaceLoginRequest>;

export const appSmsLoginSendRequest = z.strictObject({ ...personFields, ...captchaFields });
export type AppSmsLoginSendRequest = z.infer<typeof appSmsLoginSendRequest>;

export const appSmsLoginRequest = z.strictObject({ ...personFields, smsCode, validityDays });
export type AppSmsLoginRequest = z.infer<typeof appSmsLoginRequest>;

export const phoneChangeOldVerifyRequest = z.strictObject({ smsCode });
export type PhoneChangeOldVerifyRequest = z.infer<typeof phoneChangeOldVerifyRequest>;

export const phoneChangeFaceRequest = z.strictObject(faceFields);
export type PhoneChangeFaceRequest = z.infer<typeof phoneChangeFaceRequest>;

export const phoneChangeNewSendRequest = z.strictObject({ ticket, phone, ...captchaFields });
export type PhoneChangeNewSendRequest = z.infer<typeof phoneChangeNewSendRequest>;

export const phoneChangeNewVerifyRequest = z.strictObject({ ticket, phone, smsCode });
export type PhoneChangeNewVerifyRequest = z.infer<typeof phoneChangeNewVerifyRequest>;

// 法人: entity login, the QR's login type, and the user center's entity and agent management (docs/api.md).
export const LOGIN_TYPES = ['personal', 'entity'] as const;
export type LoginType = (typeof LOGIN_TYPES)[number];

/** The USCC (18 characters) or the entity's account name (单位账号). */
const entityRef = text(64).min(1);

export const entityLoginRequest = z.strictObject({ entity: entityRef, ...passwordLoginRequest.shape });
export type EntityLoginRequest = z.infer<typeof entityLoginRequest>;

export const qrCreateRequest = z.strictObject({ loginType: z.enum(LOGIN_TYPES).optional() });
export type QrCreateRequest = z.infer<typeof qrCreateRequest>;

export const qrConfirmRequest = z.strictObject({ entityId: text(64).min(1).optional() });
export type QrConfirmRequest = z.infer<typeof qrConfirmRequest>;

export const registerEntityRequest = z.strictObject({
  uscc: text(32).min(1),
  name: text(100).min(1),
  accountName: text(64).optional(),
});
export type RegisterEntityRequest = z.infer<typeof registerEntityRequest>;

export const grantAgentRequest = z.strictObject({
  /** The agent's name as on their ID: the representative must know whom they authorise. */
  agentName: text(60).min(1),
  /** The agent's ID number or phone. */
  agent: text(32).min(1),
  /** Client ids, or null for all business. */
  services: z.array(text(64).min(1)).max(50).nullable(),
  /** YYYY-MM-DD, Beijing time: the grant's last day. */
  expiresOn: text(10).min(1),
});
export type GrantAgentRequest = z.infer<typeof grantAgentRequest>;

/**
 * What this deployment offers, as GET /api/site tells the UIs (they hide what
 * is off). Each follows an optional vendor (docs/configuration.md, 功能开关).
 */
export interface PlatformFeatures {
  /** 实名核验 at registration (identity registry); off: new accounts are L1 (未实名). */
  realName: boolean;
  /** 人脸识别 (face verifier); off: the app logs in by SMS only, 换绑 by face is hidden, nothing reaches L3. */
  faceCheck: boolean;
  /** 法人登录, 注册单位, 经办人授权 (business registry). */
  entityServices: boolean;
  /** 确认登录 names 省/市 (offline IP database); off: 未知地区. */
  ipRegion: boolean;
}

// 登录设备与会话 (GET /api/account/sessions): the answer the server builds and the user center shows.

/** A browser (platform) session of the person. */
export interface BrowserSession {
  id: string;
  /** The browser viewing the page. */
  current: boolean;
  /** "Chrome 126", "Windows 10": null when the platform has no record of it. */
  browser: string | null;
  os: string | null;
  /** Approximate place of the login ("北京市"), never the address. */
  place: string | null;
  loginAt: string;
  lastUsedAt: string;
  expiresAt: string;
  entityLogin: boolean;
  /** The registered services signed in to in this session. */
  services: { id: string; name: string }[];
}

/** A companion-app session of the person. */
export interface AppSession {
  id: string;
  device: string;
  createdAt: string;
  expiresAt: string;
}

export interface AccountSessionList {
  browsers: BrowserSession[];
  apps: AppSession[];
}
