import { api, ApiError } from '@uia/web';
import {
  LOGIN_TYPES,
  PASSWORD_RESET_PATHS,
  QR_STATUSES,
  type AccountEntity,
  type AccountPerson,
  type AccountSessionList,
  type AgentGrant,
  type AgentList,
  type ConsentDetails,
  type GrantAgentRequest,
  type InteractionDetails,
  type LoginType,
  type PasswordResetResumeResponse,
  type QrChallenge,
  type QrStatus,
  type RegisterEntityRequest,
  type RegisterRequest as RegisterRequestOnTheWire,
} from '@uia/schemas';

// The client core (ApiError, the JSON calls, /api/site, /api/captcha) is @uia/web's.

// ---- the portal's endpoints (docs/api.md): types and paths are the @uia/schemas contract ----

export type {
  AccountEntity,
  AccountPerson,
  AccountSessionList,
  AgentGrant,
  AgentList,
  AppSession,
  BrowserSession,
  ConsentDetails,
  EntityRole,
  GrantAgentRequest,
  InteractionDetails,
  LoginType,
  QrChallenge,
  QrStatus,
  RegisterEntityRequest,
  ServiceRef,
} from '@uia/schemas';

/** 注册's body; the form's 证件类型 is a free string until the server checks it (ID_TYPE_INVALID). */
export type RegisterRequest = Omit<RegisterRequestOnTheWire, 'idType'> & { idType: string };

/**
 * The tabs to show for a `/details` answer: its `loginTypes` (known values,
 * in the page's order), else 个人登录 only.
 */
export function loginTypesOf(details: { loginTypes?: unknown } | null): LoginType[] {
  const raw: unknown = details?.loginTypes;
  const given = Array.isArray(raw) ? raw : [];
  const types = LOGIN_TYPES.filter((type) => given.includes(type));
  return types.length ? types : ['personal'];
}

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

const interactionPath = (uid: string) => `/interaction/${encodeURIComponent(uid)}`;
const entityPath = (entityId: string) => `/api/account/entities/${encodeURIComponent(entityId)}`;

export const endpoints = {
  sendSms: (body: { phone: string; purpose: 'register'; captchaId: string; captchaAnswer: string }) => api.post<{ resendAfter: number; expiresIn: number }>('/api/sms/send', body),
  register: (body: RegisterRequest) => api.post<{ username: string; assuranceLevel: string }>('/api/register', body),
  interactionDetails: (uid: string) => api.get<InteractionDetails>(`${interactionPath(uid)}/details`),
  login: (uid: string, body: { identifier: string; password: string; captchaId: string; captchaAnswer: string }) => api.post<{ redirectTo: string }>(`${interactionPath(uid)}/login`, body),
  entityLogin: (uid: string, body: { entity: string; identifier: string; password: string; captchaId: string; captchaAnswer: string }) =>
    api.post<{ redirectTo: string }>(`${interactionPath(uid)}/entity-login`, body),
  consentDetails: (uid: string) => api.get<ConsentDetails>(`${interactionPath(uid)}/consent/details`),
  confirmConsent: (uid: string) => api.post<{ redirectTo: string }>(`${interactionPath(uid)}/consent/confirm`),
  denyConsent: (uid: string) => api.post<{ redirectTo: string }>(`${interactionPath(uid)}/consent/deny`),
  // 扫码登录: a new QR per call (刷新), its status stream, the one-time completion.
  createQr: (uid: string, loginType: LoginType) => api.post<QrChallenge>(`${interactionPath(uid)}/qr`, { loginType }),
  qrEventsUrl: (uid: string, id: string) => `${interactionPath(uid)}/qr/${encodeURIComponent(id)}/events`,
  completeQr: (uid: string, id: string) => api.post<{ redirectTo: string }>(`${interactionPath(uid)}/qr/${encodeURIComponent(id)}/complete`),
  // 忘记密码: each step answers with the ticket the next step presents.
  resetStart: (body: { account: string; captchaId: string; captchaAnswer: string }) => api.post<{ ticket: string; phoneBound: boolean; maskedPhone: string | null }>('/api/password-reset/start', body),
  resetSendCode: (body: { ticket: string; idNumber: string; captchaId: string; captchaAnswer: string }) =>
    api.post<{ resendAfter: number; expiresIn: number; maskedPhone: string }>('/api/password-reset/send-code', body),
  resetResume: () => api.get<PasswordResetResumeResponse>(PASSWORD_RESET_PATHS.resume),
  resetVerifyCode: (body: { ticket: string; smsCode: string }) => api.post<{ ticket: string }>('/api/password-reset/verify-code', body),
  resetComplete: (body: { ticket: string; password: string; confirmPassword: string }) => api.post<{ done: true }>('/api/password-reset/complete', body),
  // 用户中心: every call needs the user-center session (else 401 ACCOUNT_LOGIN_REQUIRED).
  accountMe: () => api.get<{ person: AccountPerson }>('/api/account/me'),
  accountLogout: () => api.post<{ redirectTo: string }>('/api/account/logout'),
  accountEntities: () => api.get<{ entities: AccountEntity[] }>('/api/account/entities'),
  registerEntity: (body: RegisterEntityRequest) => api.post<{ entity: AccountEntity }>('/api/account/entities', body),
  entityAgents: (entityId: string) => api.get<AgentList>(`${entityPath(entityId)}/agents`),
  grantAgent: (entityId: string, body: GrantAgentRequest) => api.post<{ agent: AgentGrant }>(`${entityPath(entityId)}/agents`, body),
  revokeAgent: (entityId: string, grantId: string) => api.post<{ revoked: true }>(`${entityPath(entityId)}/agents/${encodeURIComponent(grantId)}/revoke`),
  // 登录设备与会话
  accountSessions: () => api.get<AccountSessionList>('/api/account/sessions'),
  endSession: (id: string) => api.post<{ ended: true }>(`/api/account/sessions/${encodeURIComponent(id)}/end`),
  endOtherSessions: () => api.post<{ browsers: number; apps: number }>('/api/account/sessions/end-others'),
};

/** Where the portal starts an OIDC login for itself when opened at `/`. */
export const LOGIN_START_PATH = '/login/start';

/** The portal's own client (apps/idp routes/portal-self-login.ts): a login of the platform itself, no service to name. */
export const PORTAL_CLIENT_ID = 'uia-portal';

/**
 * The user center's session is gone (401 ACCOUNT_LOGIN_REQUIRED, e.g. after
 * its 2 hours): log in again through the portal's own client, which comes
 * back to `/account`. True when the page is leaving.
 */
export function leaveIfLoggedOut(error: unknown): boolean {
  if (!(error instanceof ApiError) || (error.code !== 'ACCOUNT_LOGIN_REQUIRED' && error.status !== 401)) return false;
  window.location.assign(LOGIN_START_PATH);
  return true;
}

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
