import { api, ApiError } from '@uia/web';
import {
  CONSENT_PATHS,
  LOGIN_INTERACTION_PATHS,
  LOGIN_TYPES,
  PASSWORD_RESET_PATHS,
  pathOf,
  PC_QR_PATHS,
  PORTAL_LOGIN_PATHS,
  QR_STATUSES,
  REGISTRATION_PATHS,
  USER_CENTER_PATHS,
  type AccountEntitiesResponse,
  type AccountLogoutResponse,
  type AccountMeResponse,
  type AccountSessionList,
  type AgentList,
  type ConsentDecisionResponse,
  type ConsentDetails,
  type EndOtherSessionsResponse,
  type EndSessionResponse,
  type EntityLoginRequest,
  type GrantAgentRequest,
  type GrantAgentResponse,
  type InteractionDetails,
  type LoginResponse,
  type LoginType,
  type PasswordLoginRequest,
  type PasswordLoginResponse,
  type SecondFactorRequest,
  type SecondFactorResponse,
  type PasswordResetCompleteRequest,
  type PasswordResetCompleteResponse,
  type PasswordResetResumeResponse,
  type PasswordResetSendCodeRequest,
  type PasswordResetSendCodeResponse,
  type PasswordResetStartRequest,
  type PasswordResetStartResponse,
  type PasswordResetVerifyCodeRequest,
  type PasswordResetVerifyCodeResponse,
  type QrChallenge,
  type QrCompleteResponse,
  type QrStatus,
  type RegisterEntityRequest,
  type RegisterEntityResponse,
  type RegisterRequest as RegisterRequestOnTheWire,
  type RegisterResponse,
  type RevokeAgentResponse,
  type SmsSendRequest,
  type SmsSendResponse,
} from '@uia/schemas';
import { matchRoute } from './router.ts';

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

export { PORTAL_CLIENT_ID } from '@uia/schemas';

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

export const endpoints = {
  sendSms: (body: SmsSendRequest) => api.post<SmsSendResponse>(REGISTRATION_PATHS.sendSms, body),
  register: (body: RegisterRequest) => api.post<RegisterResponse>(REGISTRATION_PATHS.register, body),
  interactionDetails: (uid: string) => api.get<InteractionDetails>(pathOf(LOGIN_INTERACTION_PATHS.details, { uid })),
  login: (uid: string, body: PasswordLoginRequest) => api.post<PasswordLoginResponse>(pathOf(LOGIN_INTERACTION_PATHS.login, { uid }), body),
  secondFactor: (uid: string, body: SecondFactorRequest) => api.post<LoginResponse>(pathOf(LOGIN_INTERACTION_PATHS.secondFactor, { uid }), body),
  resendSecondFactor: (uid: string) => api.post<SecondFactorResponse>(pathOf(LOGIN_INTERACTION_PATHS.secondFactorSend, { uid }), {}),
  entityLogin: (uid: string, body: EntityLoginRequest) => api.post<LoginResponse>(pathOf(LOGIN_INTERACTION_PATHS.entityLogin, { uid }), body),
  consentDetails: (uid: string) => api.get<ConsentDetails>(pathOf(CONSENT_PATHS.details, { uid })),
  confirmConsent: (uid: string) => api.post<ConsentDecisionResponse>(pathOf(CONSENT_PATHS.confirm, { uid })),
  denyConsent: (uid: string) => api.post<ConsentDecisionResponse>(pathOf(CONSENT_PATHS.deny, { uid })),
  // 扫码登录: a new QR per call (刷新), its status stream, the one-time completion.
  createQr: (uid: string, loginType: LoginType) => api.post<QrChallenge>(pathOf(PC_QR_PATHS.create, { uid }), { loginType }),
  qrEventsUrl: (uid: string, id: string) => pathOf(PC_QR_PATHS.events, { uid, id }),
  completeQr: (uid: string, id: string) => api.post<QrCompleteResponse>(pathOf(PC_QR_PATHS.complete, { uid, id })),
  // 忘记密码: each step answers with the ticket the next step presents.
  resetStart: (body: PasswordResetStartRequest) => api.post<PasswordResetStartResponse>(PASSWORD_RESET_PATHS.start, body),
  resetSendCode: (body: PasswordResetSendCodeRequest) => api.post<PasswordResetSendCodeResponse>(PASSWORD_RESET_PATHS.sendCode, body),
  resetResume: () => api.get<PasswordResetResumeResponse>(PASSWORD_RESET_PATHS.resume),
  resetVerifyCode: (body: PasswordResetVerifyCodeRequest) => api.post<PasswordResetVerifyCodeResponse>(PASSWORD_RESET_PATHS.verifyCode, body),
  resetComplete: (body: PasswordResetCompleteRequest) => api.post<PasswordResetCompleteResponse>(PASSWORD_RESET_PATHS.complete, body),
  // 用户中心: every call needs the user-center session (else 401 ACCOUNT_LOGIN_REQUIRED).
  accountMe: () => api.get<AccountMeResponse>(USER_CENTER_PATHS.me),
  accountLogout: () => api.post<AccountLogoutResponse>(USER_CENTER_PATHS.logout),
  accountEntities: () => api.get<AccountEntitiesResponse>(USER_CENTER_PATHS.entities),
  registerEntity: (body: RegisterEntityRequest) => api.post<RegisterEntityResponse>(USER_CENTER_PATHS.entities, body),
  entityAgents: (entityId: string) => api.get<AgentList>(pathOf(USER_CENTER_PATHS.agents, { id: entityId })),
  grantAgent: (entityId: string, body: GrantAgentRequest) => api.post<GrantAgentResponse>(pathOf(USER_CENTER_PATHS.agents, { id: entityId }), body),
  revokeAgent: (entityId: string, grantId: string) => api.post<RevokeAgentResponse>(pathOf(USER_CENTER_PATHS.revokeAgent, { id: entityId, grantId })),
  // 登录设备与会话
  accountSessions: () => api.get<AccountSessionList>(USER_CENTER_PATHS.sessions),
  endSession: (id: string) => api.post<EndSessionResponse>(pathOf(USER_CENTER_PATHS.endSession, { id })),
  endOtherSessions: () => api.post<EndOtherSessionsResponse>(USER_CENTER_PATHS.endOtherSessions),
};

/** Where the portal starts an OIDC login for itself when opened at `/`. */
export const LOGIN_START_PATH = PORTAL_LOGIN_PATHS.start;

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
      const route = matchRoute(new URL(response.url).pathname, new URLSearchParams());
      if (response.ok && route.page === 'login' && route.uid) return route.uid;
    } catch {
      /* fall through */
    }
    return null;
  })().finally(() => {
    starting = null;
  });
  return starting;
}
