import { fillTemplate, formatMessage, isErrorCode, ui } from '@uia/i18n';

/** An error answer of the idp: `{ error: { code, message, field?, … } }`. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly field: string | undefined;
  readonly retryAfter: number | undefined;

  constructor(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = typeof extra.field === 'string' ? extra.field : undefined;
    this.retryAfter = typeof extra.retryAfter === 'number' ? extra.retryAfter : undefined;
  }
}

/** RATE_LIMITED with a long wait reads better in minutes or hours than in seconds. */
function longWaitMessage(retryAfterSeconds: number): string | null {
  if (retryAfterSeconds >= 7200) return fillTemplate(ui.site.rateLimitedHours, { hours: Math.ceil(retryAfterSeconds / 3600) });
  if (retryAfterSeconds >= 120) return fillTemplate(ui.site.rateLimitedMinutes, { minutes: Math.ceil(retryAfterSeconds / 60) });
  return null;
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: {
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', ui.site.networkError);
  }

  let data: unknown = null;
  const text = await response.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }

  if (!response.ok) {
    const error =
      data && typeof data === 'object' && 'error' in data && data.error && typeof data.error === 'object'
        ? (data.error as Record<string, unknown>)
        : null;
    const code = error && typeof error.code === 'string' ? error.code : response.status === 404 ? 'NOT_FOUND' : 'INTERNAL_ERROR';
    const retryAfter = error && typeof error.retryAfter === 'number' ? error.retryAfter : 0;
    const message =
      (code === 'RATE_LIMITED' ? longWaitMessage(retryAfter) : null) ??
      (error && typeof error.message === 'string' && error.message ? error.message : isErrorCode(code) ? formatMessage(code) : ui.site.serverError);
    throw new ApiError(response.status, code, message, error ?? {});
  }
  if (response.status === 204) return undefined as T;
  if (data === null) throw new ApiError(response.status, 'INTERNAL_ERROR', ui.site.serverError);
  return data as T;
}

const get = <T>(path: string) => request<T>('GET', path);
const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {});

export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : ui.site.serverError;
}

export function isApiError(error: unknown, ...codes: string[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}

// ---- the documented endpoints (docs/api.md) ----

export interface SiteInfo {
  platformName: string;
  demo: boolean;
}

export interface CaptchaChallenge {
  id: string;
  image: string;
  expiresIn?: number;
}

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
  site: () => get<SiteInfo>('/api/site'),
  captcha: () => post<CaptchaChallenge>('/api/captcha'),

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
