import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type RouteOptions } from 'fastify';
import type Provider from 'oidc-provider';
import type { Registry } from 'prom-client';
import type { DemoAccount, DemoAdministrator, PlatformFeatures } from '@uia/schemas';
import type { Config } from './config.ts';
import { AppError } from './errors.ts';
import { loggerOptions, type LogStream } from './logging.ts';
import type { ConsentDecisions } from './oidc/consent.ts';
import type { SmsOutbox } from './ports/sms-outbox.ts';
import type { RegistrationService } from './services/accounts/registration-service.ts';
import type { AppAccount } from './services/app-login/app-account.ts';
import type { AppLogin } from './services/app-login/index.ts';
import type { AppSessions } from './services/app-sessions/app-sessions.ts';
import type { ChangePhone } from './services/change-phone/index.ts';
import type { FaceChallenges } from './services/face-check/face-challenges.ts';
import type { CaptchaService } from './services/captcha/captcha-service.ts';
import type { LoginThrottle } from './services/password-login/login-throttle.ts';
import type { PasswordLogin } from './services/password-login/index.ts';
import type { SmsSecondFactor } from './services/password-login/sms-second-factor.ts';
import type { PasswordReset } from './services/password-reset/index.ts';
import type { QrLogin } from './services/qr-login/index.ts';
import { qrSvg } from './services/qr-login/qr-image.ts';
import type { AgentGrants } from './services/entities/agent-grants.ts';
import type { EntityLogin } from './services/entities/entity-login.ts';
import type { EntityRegistration } from './services/entities/entity-registration.ts';
import type { AccountSessions } from './services/user-center/account-sessions.ts';
import type { SessionActivity } from './services/platform-sessions/session-lifetime.ts';
import type { UserCenter } from './services/user-center/user-center.ts';
import type { UserCenterSessions } from './services/user-center/user-center-sessions.ts';
import type { RateLimiter } from './services/rate-limit/rate-limiter.ts';
import type { SmsCodeService } from './services/sms/sms-code-service.ts';
import { appApiRoutes } from './routes/app-api.ts';
import { appQrLoginRoutes } from './routes/app-qr-login.ts';
import { devHookRoutes } from './routes/dev-hooks.ts';
import { registerErrorHandling, sendError } from './routes/error-handling.ts';
import { healthRoutes } from './routes/health.ts';
import { consentRoutes } from './routes/consent.ts';
import { consoleApiRoutes, consoleFeatures, type ConsoleServices } from './routes/console/index.ts';
import { consoleLoginRoutes } from './routes/console-login.ts';
import { interactionRoutes } from './routes/interactions.ts';
import { registerMetrics } from './routes/metrics.ts';
import { oidcMount } from './routes/oidc-mount.ts';
import { passwordResetRoutes } from './routes/password-reset.ts';
import { registerAppPages } from './routes/app-pages.ts';
import { registerConsolePages } from './routes/console-pages.ts';
import { registerPortalPages } from './routes/portal-pages.ts';
import { portalSelfLoginRoutes } from './routes/portal-self-login.ts';
import { publicApiRoutes } from './routes/public-api.ts';
import { qrLoginRoutes } from './routes/qr-login.ts';
import { userCenterRoutes } from './routes/user-center.ts';
import { browserPlatformSession } from './routes/browser-platform-session.ts';
import { registerCanonicalOrigin } from './routes/canonical-origin.ts';
import { drainConnectionsOnClose } from './routes/drain-on-close.ts';
import { registerSecurityHeaders } from './routes/security-headers.ts';

export interface AppServices {
  provider: Provider;
  captcha: CaptchaService;
  loginThrottle: LoginThrottle;
  smsCodes: SmsCodeService;
  registration: RegistrationService;
  passwordLogin: PasswordLogin;
  passwordReset: PasswordReset;
  /** The SMS code after the password, and which clients require it (two factors). */
  secondFactor: SmsSecondFactor;
  requiresTwoFactors: (clientId: string) => Promise<boolean>;
  /** Companion app (/app/api): login, 我的, 换绑手机号. */
  appLogin: AppLogin;
  faceChallenges: FaceChallenges;
  appAccount: AppAccount;
  appSessions: AppSessions;
  /** 扫码登录: the PC's QR codes and the app's scan/confirm. */
  qrLogin: QrLogin;
  /** 法人登录 by account. */
  entityLogin: EntityLogin;
  /** 同意 / 取消 on the consent page of `prompt=consent`. */
  consent: ConsentDecisions;
  /** 用户中心: its sessions, the person's view, 注册单位, 管理经办人. */
  userCenterSessions: UserCenterSessions;
  userCenter: UserCenter;
  /** 管理控制台: its sessions and role assignments (routes/console/index.ts lists what its features use). */
  console: ConsoleServices;
  /** 登录设备与会话 of the user center. */
  accountSessions: AccountSessions;
  /** Platform session lifetimes and what is known of each session. */
  sessionActivity: SessionActivity;
  entityRegistration: EntityRegistration;
  agentGrants: AgentGrants;
  changePhone: ChangePhone;
  rateLimiter: RateLimiter;
  /** The dev outbox (`GET /dev/sms`), when it is the SMS channel. */
  devOutbox: SmsOutbox | null;
  /** Demo mode: the seeded account and console administrators, shown on the portal's demo banner. */
  demoAccount: DemoAccount | null;
  demoAdministrators: DemoAdministrator[];
  /** What this deployment offers (the optional vendors it has); /api/site tells the UIs. */
  features: PlatformFeatures;
  readinessChecks: Record<string, () => Promise<unknown>>;
  metrics: Registry;
  /** The service clock. */
  now: () => number;
}

const trustNearestHops = (hops: number) => (_address: string, hop: number) => hop < hops;

/** HTTP only: wires routes to already-built services. */
export async function buildApp(
  config: Config,
  services: AppServices,
  paths: { portalDistDir: string; staticDir: string; appDistDir?: string; consoleDistDir?: string },
  options: { logStream?: LogStream; onRoute?: (route: RouteOptions) => void } = {},
): Promise<FastifyInstance> {
  const secure = config.publicUrl.startsWith('https://');
  const platformSession = (request: FastifyRequest, reply: FastifyReply) => browserPlatformSession(services.provider, request, reply);
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    // A hop count as proxy-addr reads one: the `n` addresses nearest to us are proxies.
    trustProxy: typeof config.trustProxy === 'number' ? trustNearestHops(config.trustProxy) : config.trustProxy,
    bodyLimit: 16 * 1024,
    // While closing (SIGTERM), a request already on an open keep-alive connection is served, with
    // `Connection: close`, instead of Fastify's own 503 body: it reached this node, so it is answered here.
    return503OnClosing: false,
    // The router's own refusals (a malformed %-escape, an over-long path parameter) answer in the
    // platform's error shape too, as "no such resource".
    frameworkErrors: (_error, _request, reply) => {
      void sendError(reply, new AppError('NOT_FOUND'));
    },
  });
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  drainConnectionsOnClose(app);
  // Only JSON bodies: a cross-site HTML form cannot produce one.
  app.removeContentTypeParser('text/plain');

  // Signed cookies (the portal's own login) share the platform's cookie secrets.
  await app.register(cookie, { secret: config.cookieSecrets });
  registerCanonicalOrigin(app, config.publicUrl);
  registerErrorHandling(app, { platformName: config.platformName, demo: config.mode === 'demo' });
  registerMetrics(app, { registry: services.metrics });
  registerSecurityHeaders(app, { publicOrigin: new URL(config.publicUrl).origin, secure });

  await app.register(oidcMount, { provider: services.provider });
  const sendPortal = await registerPortalPages(app, paths);
  await registerAppPages(app, { appDistDir: paths.appDistDir, platformName: config.platformName, appName: config.companionApp.name });
  await registerConsolePages(app, { consoleDistDir: paths.consoleDistDir });
  await app.register(interactionRoutes, {
    provider: services.provider,
    passwordLogin: services.passwordLogin,
    secondFactor: services.secondFactor,
    requiresTwoFactors: services.requiresTwoFactors,
    entityLogin: services.entityLogin,
    sendPortal,
    platformName: config.platformName,
    demo: config.mode === 'demo',
    features: services.features,
    now: services.now,
    secure,
  });
  await app.register(consentRoutes, { provider: services.provider, consent: services.consent, sendPortal, platformName: config.platformName });
  await app.register(qrLoginRoutes, {
    provider: services.provider,
    qrLogin: services.qrLogin,
    platformName: config.platformName,
    secure,
    features: services.features,
    requiresTwoFactors: services.requiresTwoFactors,
  });
  // The web app, as 如何获取App shows it (a published URL: from PUBLIC_URL).
  const companionAppUrl = `${config.publicUrl}/app/`;
  await app.register(publicApiRoutes, {
    site: {
      platformName: config.platformName,
      demo: config.mode === 'demo',
      ...(services.demoAccount ? { demoAccount: services.demoAccount } : {}),
      ...(services.demoAdministrators.length > 0 ? { demoAdministrators: services.demoAdministrators } : {}),
      features: services.features,
      companionApp: {
        name: config.companionApp.name,
        webUrl: companionAppUrl,
        ...(config.companionApp.iosUrl ? { iosUrl: config.companionApp.iosUrl } : {}),
        ...(config.companionApp.androidUrl ? { androidUrl: config.companionApp.androidUrl } : {}),
      },
    },
    companionAppQrSvg: await qrSvg(companionAppUrl),
    captcha: services.captcha,
    loginThrottle: services.loginThrottle,
    smsCodes: services.smsCodes,
    registration: services.registration,
    rateLimiter: services.rateLimiter,
  });
  await app.register(passwordResetRoutes, { passwordReset: services.passwordReset, secure });
  await app.register(appApiRoutes, {
    appLogin: services.appLogin,
    faceChallenges: services.faceChallenges,
    appAccount: services.appAccount,
    appSessions: services.appSessions,
    changePhone: services.changePhone,
    secure,
  });
  await app.register(appQrLoginRoutes, { qrLogin: services.qrLogin, appSessions: services.appSessions });
  await app.register(portalSelfLoginRoutes, {
    issuer: config.issuer,
    publicUrl: config.publicUrl,
    secure,
    platformName: config.platformName,
    demo: config.mode === 'demo',
    sessions: services.userCenterSessions,
    platformSession,
    platformSessionEndsAt: (loginTs) => services.sessionActivity.endsAt(loginTs),
  });
  await app.register(userCenterRoutes, {
    sessions: services.userCenterSessions,
    userCenter: services.userCenter,
    registration: services.entityRegistration,
    agents: services.agentGrants,
    accountSessions: services.accountSessions,
    platformSession,
  });
  await app.register(consoleLoginRoutes, {
    issuer: config.issuer,
    publicUrl: config.publicUrl,
    secure,
    platformName: config.platformName,
    demo: config.mode === 'demo',
    sessions: services.console.sessions,
    roles: services.console.roles,
    audit: services.console.audit,
  });
  await app.register(consoleApiRoutes, { services: services.console, features: consoleFeatures(services.console) });
  await app.register(healthRoutes, { checks: services.readinessChecks });
  if (config.mode === 'demo') {
    await app.register(devHookRoutes, { outbox: services.devOutbox, captcha: services.captcha });
  }
  return app;
}
