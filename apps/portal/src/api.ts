import { api } from '@uia/web';

// The client core (ApiError, the JSON calls, /api/site, /api/captcha) is @uia/web's.

// ---- the portal's endpoints (docs/api.md) ----

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
