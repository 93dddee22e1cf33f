import { api } from '@uia/web';

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

export interface QrDetails {
  client: { name: string | null } | null;
  requester: { browser: string | null; os: string | null; ip: string | null; place: string | null } | null;
  requestedAt: string | number | null;
  expiresIn: number;
}

export interface SmsSent {
  resendAfter: number;
  expiresIn: number;
}

const qrPath = (id: string) => `/app/api/qr/${encodeURIComponent(id)}`;

export const endpoints = {
  // 登录
  loginFace: (body: Identity & { validityDays: ValidityDays; faceConsent: true; frames: string[] }) =>
    post<LoginResult>('/app/api/login/face', body),
  loginSmsSend: (body: Identity & { captchaId: string; captchaAnswer: string }) =>
    post<SmsSent & { maskedPhone: string }>('/app/api/login/sms/send', body),
  loginSms: (body: Identity & { smsCode: string; validityDays: ValidityDays }) => post<LoginResult>('/app/api/login/sms', body),

  // 我的
  me: () => get<Me>('/app/api/me'),
  logout: () => post<void>('/app/api/logout'),
  revokeSession: (id: string) => post<void>(`/app/api/sessions/${encodeURIComponent(id)}/revoke`),

  // 扫码登录
  qrDetails: (id: string) => get<QrDetails>(qrPath(id)),
  qrConfirm: (id: string) => post<{ status: string }>(`${qrPath(id)}/confirm`),
  qrCancel: (id: string) => post<{ status: string }>(`${qrPath(id)}/cancel`),

  // 换绑手机号
  phoneOldSend: () => post<SmsSent & { maskedPhone: string }>('/app/api/phone/old/send'),
  phoneOldVerify: (body: { smsCode: string }) => post<{ ticket: string }>('/app/api/phone/old/verify', body),
  phoneFace: (body: { faceConsent: true; frames: string[] }) => post<{ ticket: string }>('/app/api/phone/face', body),
  phoneNewSend: (body: { ticket: string; phone: string; captchaId: string; captchaAnswer: string }) =>
    post<SmsSent>('/app/api/phone/new/send', body),
  phoneNewVerify: (body: { ticket: string; phone: string; smsCode: string }) => post<{ maskedPhone: string }>('/app/api/phone/new/verify', body),
};
