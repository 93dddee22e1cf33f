import { api } from '@uia/web';
import type { PhoneChangeOldCodeResponse } from '@uia/schemas';

// The client core (ApiError, the JSON calls, /api/site, /api/captcha) is @uia/web's.
const { get, post } = api;

// ---- the app's endpoints (docs/api.md) ----

export type ValidityDays = 1 | 7 | 30;
export const VALIDITY_DAYS: readonly ValidityDays[] = [1, 7, 30];

export interface Person {
  maskedName: string;
  maskedIdNumber: string;
  maskedPhone: string | null;
  assuranceLevel: string;
}

export interface AppSession {
  id: string;
  acr: string;
  amr: string[];
  createdAt: string | number;
  expiresAt: string | number;
}

export interface SessionListItem {
  id: string;
  device: string | null;
  acr: string;
  amr?: string[];
  createdAt: string | number;
  expiresAt: string | number;
  current: boolean;
}

export interface LoginResult {
  person: Person;
  session: AppSession;
}

export interface Me extends LoginResult {
  sessions: SessionListItem[];
}

export interface Identity {
  idType: string;
  name: string;
  idNumber: string;
}

/** An entity the person may act for at this service (法人登录 by QR). */
export interface QrEntity {
  id: string;
  uscc: string;
  name: string;
  role: 'legal_representative' | 'agent';
}

export interface QrDetails {
  client: { name: string | null } | null;
  requester: { browser: string | null; os: string | null; ip: string | null; place: string | null } | null;
  requestedAt: string | number | null;
  expiresIn: number;
  /** `entity` for a 法人登录 QR (absent or `personal` otherwise). */
  loginType?: 'personal' | 'entity';
  /** For an entity QR: the entities this person may act for at this service (may be empty). */
  entities?: QrEntity[];
}

/** A liveness action the server asks for (POST /app/api/face/challenge). */
export type FaceAction = 'blink' | 'shake' | 'nod';

/** What the server's face verifier needs: JPEG frames (at `frameSize` if given), or a clip in one of `mimeTypes`. */
export type FaceCaptureKind =
  | { kind: 'frames'; frameSize?: { width: number; height: number } }
  | { kind: 'video'; mimeTypes: string[]; maxSeconds: number };

export interface FaceChallenge {
  challengeId: string;
  actions: FaceAction[];
  expiresIn: number;
  capture: FaceCaptureKind;
}

/** What a face check sends: the challenge it was captured for and the frames, or (video) no frames and the clip as a data URL. */
export interface FaceCaptureResult {
  challengeId: string;
  frames: string[];
  video?: string;
}

export interface SmsSent {
  resendAfter: number;
  expiresIn: number;
}

const qrPath = (id: string) => `/app/api/qr/${encodeURIComponent(id)}`;

export const endpoints = {
  // 人脸识别 (login and 换绑): the server-chosen prompts, one-time
  faceChallenge: () => post<FaceChallenge>('/app/api/face/challenge'),

  // 登录
  loginFace: (body: Identity & FaceCaptureResult & { validityDays: ValidityDays; faceConsent: true }) =>
    post<LoginResult>('/app/api/login/face', body),
  loginSmsSend: (body: Identity & { captchaId: string; captchaAnswer: string }) =>
    post<SmsSent & { maskedPhone: string }>('/app/api/login/sms/send', body),
  loginSms: (body: Identity & { smsCode: string; validityDays: ValidityDays }) => post<LoginResult>('/app/api/login/sms', body),

  // 我的
  me: () => get<Me>('/app/api/me'),
  logout: () => post<void>('/app/api/logout'),
  revokeSession: (id: string) => post<void>(`/app/api/sessions/${encodeURIComponent(id)}/revoke`),

  // 扫码登录
  /** Marks the QR scanned by this person and answers what it asks (again on a reload: the same person may scan twice). */
  qrScan: (id: string) => post<QrDetails>(`${qrPath(id)}/scan`),
  /** An entity QR sends the chosen entity; a personal QR sends nothing (as before). */
  qrConfirm: (id: string, body?: { entityId: string }) => post<{ status: string }>(`${qrPath(id)}/confirm`, body),
  qrCancel: (id: string) => post<{ status: string }>(`${qrPath(id)}/cancel`),

  // 换绑手机号
  phoneOldSend: () => post<SmsSent & { maskedPhone: string }>('/app/api/phone/old/send'),
  phoneOldCode: () => get<PhoneChangeOldCodeResponse>('/app/api/phone/old/code'),
  phoneOldVerify: (body: { smsCode: string }) => post<{ ticket: string }>('/app/api/phone/old/verify', body),
  phoneFace: (body: FaceCaptureResult & { faceConsent: true }) => post<{ ticket: string }>('/app/api/phone/face', body),
  phoneNewSend: (body: { ticket: string; phone: string; captchaId: string; captchaAnswer: string }) =>
    post<SmsSent>('/app/api/phone/new/send', body),
  phoneNewVerify: (body: { ticket: string; phone: string; smsCode: string }) => post<{ maskedPhone: string }>('/app/api/phone/new/verify', body),
};
