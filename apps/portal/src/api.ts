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
  /** Set when the relying party demands a level only 扫码登录 reaches (e.g. `L3`). */
  requiredAcr?: string;
}

/** A QR code of 扫码登录 (`POST /interaction/:uid/qr`). */
export interface QrChallenge {
  id: string;
  /** The app URL the QR encodes (`…/app/qr/<id>`). */
  qrUrl: string;
  /** The QR as an image data URL (SVG). */
  image: string;
  /** Seconds until the QR expires (180). */
  expiresIn: number;
}

/** What the QR's event stream pushes (`event: status`). */
export type QrStatus = 'pending' | 'scanned' | 'confirmed' | 'cancelled' | 'expired';

export const QR_STATUSES: readonly QrStatus[] = ['pending', 'scanned', 'confirmed', 'cancelled', 'expired'];

/** Reads one `status` event's data; null for anything unexpected. */
export function parseQrStatus(data: unknown): QrStatus | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(data);
    const status = parsed && typeof parsed === 'object' && 'status' in parsed ? parsed.status : null;
    return QR_STATUSES.find((s) => s === status) ?? null;
  } catch {
    return null;
  }
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
  // 扫码登录: a new QR per call (刷新), its status stream, the one-time completion.
  createQr: (uid: string) => api.post<QrChallenge>(`${interactionPath(uid)}/qr`),
  qrEventsUrl: (uid: string, id: string) => `${interactionPath(uid)}/qr/${encodeURIComponent(id)}/events`,
  completeQr: (uid: string, id: string) =>
    api.post<{ redirectTo: string }>(`${interactionPath(uid)}/qr/${encodeURIComponent(id)}/complete`),
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

/** The portal's own client (apps/idp routes/portal-self-login.ts): a login of the platform itself, no service to name. */
export const PORTAL_CLIENT_ID = 'uia-portal';

let starting: Promise<string | null> | null = null;

/**
 * Without an interaction (the portal opened at `/`), the portal first starts
 * an OIDC login for itself: `/login/start` redirects (through /oidc/auth) to
 * `/interaction/<uid>`. Following those redirects with fetch keeps what the
 * user typed; null when the answer is not an interaction page (the caller
 * then falls back to a plain navigation or offers a retry). Calls made while
 * one is under way share it, so 扫码登录 and 账号登录 never start two.
 */
export function startInteraction(): Promise<string | null> {
  starting ??= (async () => {
    try {
      const response = await fetch(LOGIN_START_PATH, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      const match = /^\/interaction\/([A-Za-z0-9_-]+)\/?$/.exec(new URL(response.url).pathname);
      if (response.ok && match?.[1]) return match[1];
    } catch {
      /* fall through */
    }
    return null;
  })().finally(() => {
    starting = null;
  });
  return starting;
}
