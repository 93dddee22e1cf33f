import { fillTemplate, formatMessage, isErrorCode } from '@uia/i18n';
import { ui } from '@uia/i18n';

/** An error answer of the idp: `{ error: { code, message, field?, … } }`. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly field: string | undefined;
  readonly retryAfter: number | undefined;
  readonly until: string | undefined;
  /** RATE_LIMITED: which budget ran out, when the server says (`account_name`: the account name as typed). */
  readonly scope: string | undefined;

  constructor(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = typeof extra.field === 'string' ? extra.field : undefined;
    this.retryAfter = typeof extra.retryAfter === 'number' ? extra.retryAfter : undefined;
    this.until = typeof extra.until === 'string' ? extra.until : undefined;
    this.scope = typeof extra.scope === 'string' ? extra.scope : undefined;
  }
}

function messageFor(code: string, fallback: string): string {
  return isErrorCode(code) ? formatMessage(code) : fallback;
}

/**
 * RATE_LIMITED with a long wait, in minutes from 2 minutes and in hours from
 * 2 hours (some limits last a day); null below 2 minutes, where the server's
 * seconds are fine.
 */
export function longWaitMessage(retryAfterSeconds: number): string | null {
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
    const code = error && typeof error.code === 'string' ? error.code : 'INTERNAL_ERROR';
    const retryAfter = error && typeof error.retryAfter === 'number' ? error.retryAfter : 0;
    const message =
      (code === 'RATE_LIMITED' ? longWaitMessage(retryAfter) : null) ??
      (error && typeof error.message === 'string' && error.message ? error.message : messageFor(code, ui.site.serverError));
    throw new ApiError(response.status, code, message, error ?? {});
  }
  if (data === null) throw new ApiError(response.status, 'INTERNAL_ERROR', ui.site.serverError);
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
};

export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : ui.site.serverError;
}

// ---- the documented endpoints (docs/api.md) ----

export interface DemoAccount {
  username: string;
  phone: string;
  idNumber: string;
  password: string;
}

export interface SiteInfo {
  platformName: string;
  demo: boolean;
  /** Present in demo mode only: the seeded account, shown on the demo banner. */
  demoAccount?: DemoAccount;
}

export interface CaptchaChallenge {
  id: string;
  image: string;
  expiresIn?: number;
}

export interface InteractionDetails {
  uid: string;
  prompt: string;
  client: { id: string; name: string };
}

export interface RegisterRequest {
  name: string;
  idType: string;
  idNumber: string;
  phone: string;
  smsCode: string;
  username: string;
  password: string;
  agreeTerms: boolean;
}

const interactionPath = (uid: string) => `/interaction/${encodeURIComponent(uid)}`;

export const endpoints = {
  site: () => api.get<SiteInfo>('/api/site'),
  captcha: () => api.post<CaptchaChallenge>('/api/captcha'),
  sendSms: (body: { phone: string; purpose: 'register'; captchaId: string; captchaAnswer: string }) =>
    api.post<{ resendAfter: number; expiresIn: number }>('/api/sms/send', body),
  register: (body: RegisterRequest) =>
    api.post<{ username: string; assuranceLevel: string }>('/api/register', body),
  interactionDetails: (uid: string) => api.get<InteractionDetails>(`${interactionPath(uid)}/details`),
  login: (uid: string, body: { identifier: string; password: string; captchaId: string; captchaAnswer: string }) =>
    api.post<{ redirectTo: string }>(`${interactionPath(uid)}/login`, body),
  // 忘记密码: each step answers with the ticket the next step presents.
  resetStart: (body: { account: string; captchaId: string; captchaAnswer: string }) =>
    api.post<{ ticket: string; maskedPhone: string | null }>('/api/password-reset/start', body),
  resetSendCode: (body: { ticket: string; idNumber: string; captchaId: string; captchaAnswer: string }) =>
    api.post<{ resendAfter: number; expiresIn: number }>('/api/password-reset/send-code', body),
  resetVerifyCode: (body: { ticket: string; smsCode: string }) =>
    api.post<{ ticket: string }>('/api/password-reset/verify-code', body),
  resetComplete: (body: { ticket: string; password: string; confirmPassword: string }) =>
    api.post<{ done: true }>('/api/password-reset/complete', body),
};

/** Where the portal starts an OIDC login for itself when opened at `/`. */
export const LOGIN_START_PATH = '/login/start';
