/**
 * Route paths of every feature, in Fastify's pattern syntax
 * (`/interaction/:uid/login`): the server registers the pattern, the UIs fill
 * it with `pathOf`, so both sides name one string. Zod-free, like
 * constants.ts, so the browser bundles take them without zod.
 */
import { CONSOLE_PATHS } from './console-roles.ts';

/** The `:name` parameters of a path pattern. */
export type PathParams<Pattern extends string> = Pattern extends `${string}:${infer Name}/${infer Rest}` ? Name | PathParams<`/${Rest}`> : Pattern extends `${string}:${infer Name}` ? Name : never;

/** The pattern with each `:name` replaced by its value, URL-encoded. */
export function pathOf<Pattern extends string>(pattern: Pattern, params: Record<PathParams<Pattern>, string>): string {
  const values: Record<string, string> = params;
  return pattern.replace(/:([A-Za-z]+)/g, (_match, name: string) => encodeURIComponent(values[name] ?? ''));
}

/** GET /api/site and POST /api/captcha: what both UIs ask before showing a form (site.ts). */
export const SITE_PATHS = {
  site: '/api/site',
  captcha: '/api/captcha',
  audioCaptcha: '/api/captcha/audio',
  /** The QR code of the companion app's address (`companionApp.webUrl`), an SVG image for 如何获取App. */
  companionAppQr: '/api/site/app-qr.svg',
} as const;

/** 注册: an SMS code to the phone, then the account (registration.ts). */
export const REGISTRATION_PATHS = {
  sendSms: '/api/sms/send',
  register: '/api/register',
} as const;

/**
 * The portal's login page of an OIDC interaction: what it asks, 账号登录 and
 * 法人登录 by password, and 取消 (login-interaction.ts).
 */
export const LOGIN_INTERACTION_PATHS = {
  /** The portal page itself (oidc-provider sends the browser here). */
  page: '/interaction/:uid',
  details: '/interaction/:uid/details',
  login: '/interaction/:uid/login',
  entityLogin: '/interaction/:uid/entity-login',
  abort: '/interaction/:uid/abort',
  /** The SMS code after the password, when the relying party requires two factors; `secondFactorSend` sends it again. */
  secondFactor: '/interaction/:uid/second-factor',
  secondFactorSend: '/interaction/:uid/second-factor/send',
} as const;

/** 授权确认 of `prompt=consent` (consent.ts). */
export const CONSENT_PATHS = {
  page: '/interaction/:uid/consent',
  details: '/interaction/:uid/consent/details',
  confirm: '/interaction/:uid/consent/confirm',
  deny: '/interaction/:uid/consent/deny',
} as const;

/** 扫码登录, the app page a QR encodes: a phone's own camera app opens it, and the app's 扫一扫 reads it (qr-login.ts). */
export const QR_PAGE_PATH = '/app/qr/:id';

/** 扫码登录, the PC side, below its login interaction (its cookie is scoped there). */
export const PC_QR_PATHS = {
  create: '/interaction/:uid/qr',
  /** Server-Sent Events: `event: status`, data `QrStatusEvent`. */
  events: '/interaction/:uid/qr/:id/events',
  complete: '/interaction/:uid/qr/:id/complete',
} as const;

/** 扫码登录, the phone side: each needs a live app session. */
export const APP_QR_PATHS = {
  scan: '/app/api/qr/:id/scan',
  confirm: '/app/api/qr/:id/confirm',
  cancel: '/app/api/qr/:id/cancel',
} as const;

/** 忘记密码 wizard: each step answers with a ticket the next step presents (password-reset.ts). */
export const PASSWORD_RESET_PREFIX = '/api/password-reset';
export const PASSWORD_RESET_PATHS = {
  start: `${PASSWORD_RESET_PREFIX}/start`,
  sendCode: `${PASSWORD_RESET_PREFIX}/send-code`,
  verifyCode: `${PASSWORD_RESET_PREFIX}/verify-code`,
  complete: `${PASSWORD_RESET_PREFIX}/complete`,
  /** After a reload: the flow whose code this browser was sent (sms-code-state.ts). */
  resume: `${PASSWORD_RESET_PREFIX}/resume`,
} as const;

/**
 * The portal opened at `/` has no login request behind it, so it logs in
 * through its own built-in client (PORTAL_CLIENT_ID): `start` begins the code
 * flow, `callback` opens the user center's session.
 */
export const PORTAL_LOGIN_PATHS = {
  start: '/login/start',
  callback: '/account/callback',
} as const;

/** 用户中心 (/account): every call but 退出登录 needs the user-center session (user-center.ts). */
export const USER_CENTER_PREFIX = '/api/account';
export const USER_CENTER_PATHS = {
  me: `${USER_CENTER_PREFIX}/me`,
  /** Ends the user center's session and then the platform's: needs no live session. */
  logout: `${USER_CENTER_PREFIX}/logout`,
  entities: `${USER_CENTER_PREFIX}/entities`,
  agents: `${USER_CENTER_PREFIX}/entities/:id/agents`,
  revokeAgent: `${USER_CENTER_PREFIX}/entities/:id/agents/:grantId/revoke`,
  sessions: `${USER_CENTER_PREFIX}/sessions`,
  endSession: `${USER_CENTER_PREFIX}/sessions/:id/end`,
  endOtherSessions: `${USER_CENTER_PREFIX}/sessions/end-others`,
} as const;

/** The companion app's JSON API: app login, 我的, 换绑手机号 (companion-app.ts); 扫码登录's phone side is APP_QR_PATHS. */
export const APP_API_PREFIX = '/app/api';
export const APP_API_PATHS = {
  faceChallenge: `${APP_API_PREFIX}/face/challenge`,
  loginFace: `${APP_API_PREFIX}/login/face`,
  loginSmsSend: `${APP_API_PREFIX}/login/sms/send`,
  loginSms: `${APP_API_PREFIX}/login/sms`,
  me: `${APP_API_PREFIX}/me`,
  logout: `${APP_API_PREFIX}/logout`,
  revokeSession: `${APP_API_PREFIX}/sessions/:id/revoke`,
  phoneOldSend: `${APP_API_PREFIX}/phone/old/send`,
  phoneOldCode: `${APP_API_PREFIX}/phone/old/code`,
  phoneOldVerify: `${APP_API_PREFIX}/phone/old/verify`,
  phoneFace: `${APP_API_PREFIX}/phone/face`,
  phoneNewSend: `${APP_API_PREFIX}/phone/new/send`,
  phoneNewVerify: `${APP_API_PREFIX}/phone/new/verify`,
} as const;

/** 审计管理员's console API, under CONSOLE_PATHS.api like every console feature's. */
export const CONSOLE_AUDIT_PATHS = {
  events: `${CONSOLE_PATHS.api}/audit/events`,
  csv: `${CONSOLE_PATHS.api}/audit/events.csv`,
  verify: `${CONSOLE_PATHS.api}/audit/verify`,
  /** POST: the account id of an exact 用户名 / 手机号 / 证件号码 (in the body, never the URL), for the search's `account`. */
  subject: `${CONSOLE_PATHS.api}/audit/subject`,
} as const;
