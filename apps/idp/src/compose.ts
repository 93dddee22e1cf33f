import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { Database } from './adapters/sql/schema.ts';
import type { FastifyBaseLogger, FastifyInstance, RouteOptions } from 'fastify';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import { buildApp } from './app.ts';
import { describeDependencyError } from './dependency-failure.ts';
import type { AuditLog, AuditTrail } from './ports/audit-log.ts';
import type { PubSub } from './ports/pub-sub.ts';
import type { ClientRepository } from './ports/client-repository.ts';
import type { Config } from './config.ts';
import type { LogStream } from './logging.ts';
import { CountingAuditLog } from './adapters/metrics/counting-audit-log.ts';
import { prometheusVendorCallMetrics } from './adapters/metrics/vendor-call-metrics.ts';
import { createIdentityRegistry } from './adapters/identity-registry/index.ts';
import { createBusinessRegistry } from './adapters/business-registry/index.ts';
import { createFaceVerifier } from './adapters/face-verifier/index.ts';
import { MemoryKeyValueStore } from './adapters/key-value/memory-key-value-store.ts';
import { RedisKeyValueStore } from './adapters/key-value/redis-key-value-store.ts';
import { createIpLocator } from './adapters/ip-locator/index.ts';
import { MemoryPubSub } from './adapters/pub-sub/memory-pub-sub.ts';
import { RedisPubSub } from './adapters/pub-sub/redis-pub-sub.ts';
import { Argon2PasswordHasher } from './adapters/password/argon2-password-hasher.ts';
import { createSmsSender } from './adapters/sms/index.ts';
import { migrateToLatest, openDatabase } from './adapters/sql/database.ts';
import { SqlAccountRepository } from './adapters/sql/sql-account-repository.ts';
import { SqlAppSessionRepository } from './adapters/sql/sql-app-session-repository.ts';
import { SqlAuditLog } from './adapters/sql/sql-audit-log.ts';
import { auditCheckpointSigner } from './oidc/audit-checkpoint-signer.ts';
import { SqlConsoleRoleRepository } from './adapters/sql/sql-console-role-repository.ts';
import { SqlClientRepository } from './adapters/sql/sql-client-repository.ts';
import { SqlEntityRepository } from './adapters/sql/sql-entity-repository.ts';
import { SqlOidcModelStore } from './adapters/sql/sql-oidc-model-store.ts';
import { SqlSigningKeyStore } from './adapters/sql/sql-signing-key-store.ts';
import { DEMO_ACCOUNT, DEMO_ADMINISTRATORS, DEMO_CITIZENS, DEMO_REGISTERED_ENTITIES, seedDemoData } from './demo/demo-data.ts';
import { ConsentDecisions } from './oidc/consent.ts';
import { createProvider } from './oidc/provider.ts';
import { OidcSessionTerminator } from './oidc/oidc-session-terminator.ts';
import { loadSigningKeys } from './oidc/signing-keys.ts';
import { vendorReachabilityChecks } from './ports/vendor-reachability.ts';
import { featureTable, type FeatureRow } from './feature-table.ts';
import { RegistrationService } from './services/accounts/registration-service.ts';
import { AppAccount } from './services/app-login/app-account.ts';
import { AppLogin } from './services/app-login/index.ts';
import { AppSessions } from './services/app-sessions/app-sessions.ts';
import { ChangePhone } from './services/change-phone/index.ts';
import { ensureConsoleClient, ensurePortalClient, REQUIRE_TWO_FACTORS } from './services/clients/builtin-clients.ts';
import { ClientRegistrationCache } from './services/clients/client-registration-cache.ts';
import { ClientRegistry } from './services/clients/client-registry.ts';
import { PlatformOperations } from './services/operations/platform-operations.ts';
import { createClientMetadataValidator } from './oidc/client-rules.ts';
import { ClientAuthThrottle } from './services/clients/client-auth-throttle.ts';
import { FaceChallenges } from './services/face-check/face-challenges.ts';
import { ConsoleRoles } from './services/console/console-roles.ts';
import { ConsoleSessions } from './services/console/console-sessions.ts';
import { CaptchaService } from './services/captcha/captcha-service.ts';
import { PasswordLogin } from './services/password-login/index.ts';
import { LoginThrottle } from './services/password-login/login-throttle.ts';
import { SmsSecondFactor } from './services/password-login/sms-second-factor.ts';
import { PasswordReset } from './services/password-reset/index.ts';
import { QrLogin } from './services/qr-login/index.ts';
import { AgentGrants } from './services/entities/agent-grants.ts';
import { EntityLogin } from './services/entities/entity-login.ts';
import { EntityMembership } from './services/entities/entity-membership.ts';
import { EntityRegistration } from './services/entities/entity-registration.ts';
import { RepresentativeCheck } from './services/entities/representative-check.ts';
import { AccountSessions } from './services/user-center/account-sessions.ts';
import { AccountAdministration } from './services/account-administration/account-administration.ts';
import { AdminAccountViews } from './services/account-administration/account-view.ts';
import { findAccountExactly } from './services/account-administration/find-account.ts';
import { AuditReview } from './services/audit-review/audit-review.ts';
import { SignOutEverywhere } from './services/platform-sessions/sign-out-everywhere.ts';
import { SessionActivity } from './services/platform-sessions/session-lifetime.ts';
import { UserCenter } from './services/user-center/user-center.ts';
import { UserCenterSessions } from './services/user-center/user-center-sessions.ts';
import { PiiCipher } from './services/personal-data/pii-cipher.ts';
import { RateLimiter } from './services/rate-limit/rate-limiter.ts';
import { SmsCodeService } from './services/sms/sms-code-service.ts';
import type { SmsChannelFailure } from './services/sms/sms-delivery.ts';
import { SmsNoticeService } from './services/sms/sms-notice-service.ts';

export interface Platform {
  app: FastifyInstance;
  audit: AuditLog;
  /** The same trail for the audit administrator: search and chain verification (console, tests). */
  auditTrail: AuditTrail;
  /** The SQL database, for operations tooling and tests that inspect what is stored. */
  database: Kysely<Database>;
  /** The registered relying parties, for operations tooling and tests that register one. */
  clients: ClientRepository;
  /** 系统管理员's services (routes/console/console-clients.ts): the relying-party registry, keys and health. */
  clientRegistry: ClientRegistry;
  operations: PlatformOperations;
  /** The graphic captcha, for tests in production mode (no /dev/captcha hook there) that read a challenge's answer with `peek`. */
  captcha: CaptchaService;
  /** The console's services, for its API root (routes/console/) to register the feature plugins with. */
  console: { accounts: AccountAdministration };
  close(): Promise<void>;
}

/** The release running (apps/idp/package.json: one level up from src/ and from the bundle in dist/). */
const PLATFORM_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const DEFAULT_PATHS = {
  portalDistDir: fileURLToPath(new URL('../../portal/dist', import.meta.url)),
  appDistDir: fileURLToPath(new URL('../../app/dist', import.meta.url)),
  consoleDistDir: fileURLToPath(new URL('../../console/dist', import.meta.url)),
  staticDir: fileURLToPath(new URL('../static', import.meta.url)),
};

export interface ComposeOptions {
  /**
   * The clock of time-limited secrets (SMS codes, reset tickets, the
   * in-process store). Tests move it forward to see codes expire; oidc-provider
   * keeps the system clock.
   */
  now?: () => number;
  /** Log lines go here instead of stdout. */
  logStream?: LogStream;
  /** Wraps the configured PubSub (tests count the subscriptions open at a time). */
  wrapPubSub?: (pubSub: PubSub) => PubSub;
  /** Sees every route as it is registered (the console's authorisation-matrix test enumerates them). */
  onRoute?: (route: RouteOptions) => void;
}

/** The composition root: the only place that chooses adapters. */
export async function composePlatform(config: Config, paths = DEFAULT_PATHS, options: ComposeOptions = {}): Promise<Platform> {
  const now = options.now ?? Date.now;
  // Storage connection errors come before the app (and its logger) exist; they are logged once it does.
  // The driver's error names the failure (code, address), never request data.
  let logger: FastifyBaseLogger | null = null;
  const onStorageConnectionError = (dependency: 'database' | 'keyValue') => (error: Error) => logger?.warn({ dependency, dependencyError: describeDependencyError(error) }, 'storage connection error');
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    postgres: { statementTimeoutMs: config.storageTimeouts.statementMs, onConnectionError: onStorageConnectionError('database') },
  });
  await migrateToLatest(database.db);
  const redis = config.redisSentinel ?? config.redisUrl;
  const redisConnection = { commandTimeoutMs: config.storageTimeouts.redisCommandMs, onError: onStorageConnectionError('keyValue') };
  const store = redis ? new RedisKeyValueStore(redis, config.redisPrefix, redisConnection) : new MemoryKeyValueStore(now);
  const configuredPubSub = redis ? new RedisPubSub(redis, config.redisPrefix, redisConnection) : new MemoryPubSub();
  const pubSub = options.wrapPubSub?.(configuredPubSub) ?? configuredPubSub;

  const cipher = new PiiCipher(config.dataKeys, config.blindIndexKey);
  const accounts = new SqlAccountRepository(database.db);
  const clients = await ClientRegistrationCache.create(new SqlClientRepository(database.db, cipher), pubSub);
  const models = new SqlOidcModelStore(database.db, database.dialect);
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics, prefix: 'uia_' });
  const vendorMetrics = prometheusVendorCallMetrics(metrics);
  const signingKeyStore = new SqlSigningKeyStore(database.db);
  const signingKeys = await loadSigningKeys(signingKeyStore, cipher);
  const auditTrail = new SqlAuditLog(database.db, database.dialect, {
    signer: auditCheckpointSigner(signingKeys),
    everyEvents: config.audit.checkpointEvery,
    intervalMs: config.audit.checkpointIntervalMs,
    now,
  });
  const audit = new CountingAuditLog(
    auditTrail,
    new Counter({ name: 'uia_auth_decisions_total', help: 'Audited authentication decisions by type and outcome', labelNames: ['type', 'outcome'], registers: [metrics] }),
  );
  const hasher = new Argon2PasswordHasher();
  const rateLimiter = new RateLimiter(store, audit);
  const captcha = new CaptchaService(store, now, audit);
  const { sender: smsSender, devOutbox } = createSmsSender(config.sms, { store, now, metrics: vendorMetrics });
  // Operators learn why the channel refused a message (kind, vendor code, template), never to whom.
  const onSmsChannelError = (failure: SmsChannelFailure) =>
    app.log[failure.kind === 'misconfigured' ? 'error' : 'warn']({ sms: { provider: config.sms.provider, ...failure } }, 'sms channel refused a message');
  const smsCodes = new SmsCodeService({ store, sender: smsSender, cipher, rateLimiter, audit, platformName: config.platformName, onChannelError: onSmsChannelError, now });
  const smsNotices = new SmsNoticeService({ sender: smsSender, cipher, audit, platformName: config.platformName, onChannelError: onSmsChannelError, now });
  // The optional vendors (null: the feature is off; docs/configuration.md, 功能开关).
  const registry = createIdentityRegistry(config.identityRegistry, { metrics: vendorMetrics, simulatedCitizens: DEMO_CITIZENS });
  const faceVerifier = createFaceVerifier(config.faceVerifier, { metrics: vendorMetrics });
  const businessRegistry = createBusinessRegistry(config.businessRegistry, { metrics: vendorMetrics, simulatedEntities: DEMO_REGISTERED_ENTITIES });
  const ipLocator = createIpLocator(config.ipDatabase);
  const features = { realName: registry !== null, faceCheck: faceVerifier !== null, entityServices: businessRegistry !== null, ipRegion: config.ipDatabase === 'offline' };
  const vendors: FeatureRow[] = [
    { feature: '短信 (SMS channel)', adapter: config.sms.provider, on: true, off: '' },
    { feature: '实名核验 (identity registry)', adapter: config.identityRegistry?.provider ?? 'none', on: features.realName, off: '注册账号为 L1（未实名）' },
    { feature: '人脸识别 (face verifier)', adapter: config.faceVerifier?.provider ?? 'none', on: features.faceCheck, off: '手机App仅短信登录，最高 L2；acr_values=L3 被拒绝' },
    { feature: '法人服务 (business registry)', adapter: config.businessRegistry?.provider ?? 'none', on: features.entityServices, off: '无法人登录、注册单位、经办人授权' },
    { feature: 'IP 归属地 (IP database)', adapter: config.ipDatabase ?? 'none', on: features.ipRegion, off: config.ipDatabase === 'demo' ? '仅区分本机/内网，其余为未知地区' : '确认登录显示未知地区' },
  ];
  const registration = new RegistrationService({ accounts, cipher, hasher, smsCodes, registry, audit });
  const faceChallenges = new FaceChallenges({ store, rateLimiter, now, capture: faceVerifier?.capture ?? null });
  const appSessions = new AppSessions(new SqlAppSessionRepository(database.db), now);
  const appLogin = new AppLogin({ accounts, cipher, registry, faceVerifier, faceChallenges, captcha, smsCodes, rateLimiter, appSessions, audit, now });
  const appAccount = new AppAccount({ accounts, cipher, appSessions, audit });
  const changePhone = new ChangePhone({ accounts, cipher, faceVerifier, faceChallenges, captcha, smsCodes, notices: smsNotices, rateLimiter, store, audit, now });
  // 登录失败处理: failed passwords per account name and source, on the service clock.
  const loginThrottle = new LoginThrottle({ store, audit, now });
  const passwordLogin = new PasswordLogin({
    accounts,
    cipher,
    hasher,
    captcha,
    rateLimiter,
    throttle: loginThrottle,
    audit,
    dummyHash: await hasher.hash(randomBytes(16).toString('hex')),
    passwordMaxAgeDays: config.passwordMaxAgeDays,
    now,
  });

  // 法人: entities and their agents.
  const entities = new SqlEntityRepository(database.db);
  const representatives = new RepresentativeCheck({ registry: businessRegistry, accounts, cipher, store });
  const membership = new EntityMembership(entities, representatives);
  const entityLogin = new EntityLogin({ passwordLogin, membership, audit, now });
  const userCenter = new UserCenter({ accounts, clients, membership, cipher, now });

  const sessionActivity = new SessionActivity({ store, ipLocator, lifetime: config.sessionLifetime, now });

  // 管理控制台 (三员分立).
  const consoleRoleRepository = new SqlConsoleRoleRepository(database.db);
  const consoleRoles = new ConsoleRoles({ roles: consoleRoleRepository, accounts, cipher, audit, now });

  await ensurePortalClient(clients, config.publicUrl);
  await ensureConsoleClient(clients, config.publicUrl);
  if (config.mode === 'demo') {
    await seedDemoData({ accounts, clients, entities, consoleRoles: consoleRoleRepository, cipher, hasher, relyingPartyUrl: config.demoRelyingPartyUrl, now });
  }

  const clientRegistry = new ClientRegistry({ clients, audit, validateWithProvider: createClientMetadataValidator(config.issuer) });
  const readinessChecks = {
    database: () => sql`select 1`.execute(database.db),
    keyValue: () => store.get('readyz'),
    // Each configured vendor that can say so without a paid call (ports/vendor-reachability.ts).
    ...vendorReachabilityChecks({ identityRegistry: registry, faceVerifier, businessRegistry }),
  };
  const operations = new PlatformOperations({ signingKeys: signingKeyStore, cipher, audit, readinessChecks, features, version: PLATFORM_VERSION });

  const provider = createProvider({
    issuer: config.issuer,
    secureCookies: config.publicUrl.startsWith('https://'),
    trustProxy: config.trustProxy,
    cookieSecrets: config.cookieSecrets,
    signingKeys,
    accounts,
    membership,
    cipher,
    store,
    models,
    clients,
    platformName: config.platformName,
    demo: config.mode === 'demo',
    now,
    clientAuthThrottle: new ClientAuthThrottle({ store, audit, now }),
    sessionActivity,
    onDependencyOutage: (error) => logger?.warn({ dependencyError: describeDependencyError(error) }, 'storage dependency unavailable'),
    audit,
    onAuditWriteError: (error) => logger?.error({ dependencyError: describeDependencyError(error instanceof Error ? error : new Error(String(error))) }, 'audit record not written'),
  });

  // Ending a person's sessions at the services (password reset, a revoked agent grant).
  const sessions = new OidcSessionTerminator({
    provider,
    models,
    // The client id only: the error may carry the relying party's answer, never personal data.
    onError: (error, clientId) => app.log.warn({ err: error, clientId }, 'back-channel logout failed'),
  });
  const entityRegistration = new EntityRegistration({ entities, accounts, cipher, registry: businessRegistry, representatives, sessions, rateLimiter, audit, now });
  const agentGrants = new AgentGrants({ entities, accounts, clients, cipher, representatives, sessions, rateLimiter, audit, maxAgents: config.entityMaxAgents, now });

  const passwordReset = new PasswordReset({
    accounts,
    cipher,
    hasher,
    captcha,
    smsCodes,
    notices: smsNotices,
    sessions,
    rateLimiter,
    throttle: loginThrottle,
    store,
    audit,
    now,
  });

  // 扫码登录.
  const qrLogin = new QrLogin({ store, pubSub, accounts, cipher, appSessions, membership, ipLocator, rateLimiter, throttle: loginThrottle, audit, publicUrl: config.publicUrl, now });

  const userCenterSessions = new UserCenterSessions({ store, accounts, audit, now });
  const accountSessions = new AccountSessions({ sessions, activity: sessionActivity, appSessions, clients, userCenterSessions, audit });
  const accountAdministration = new AccountAdministration({
    accounts,
    cipher,
    throttle: loginThrottle,
    signOut: new SignOutEverywhere({ accounts, sessions }),
    sessions,
    activity: sessionActivity,
    userCenterSessions,
    views: new AdminAccountViews({ cipher, throttle: loginThrottle, accountSessions, userCenter, clients, history: auditTrail, now }),
    audit,
    now,
  });
  const app = await buildApp(
    config,
    {
      provider,
      captcha,
      loginThrottle,
      smsCodes,
      registration,
      passwordLogin,
      passwordReset,
      secondFactor: new SmsSecondFactor({ accounts, cipher, smsCodes, store }),
      requiresTwoFactors: async (clientId) => (await clients.find(clientId))?.metadata[REQUIRE_TWO_FACTORS] === true,
      appLogin,
      faceChallenges,
      appAccount,
      appSessions,
      changePhone,
      qrLogin,
      entityLogin,
      consent: new ConsentDecisions({ provider, audit }),
      userCenterSessions,
      userCenter,
      console: {
        sessions: new ConsoleSessions({ store, accounts, now }),
        roles: consoleRoles,
        audit,
        clientRegistry,
        operations,
        accounts: accountAdministration,
        auditReview: new AuditReview({ trail: auditTrail, audit, findAccount: (request) => findAccountExactly(accounts, cipher, request, new Date(now())) }),
      },
      accountSessions,
      sessionActivity,
      entityRegistration,
      agentGrants,
      rateLimiter,
      devOutbox,
      metrics,
      now,
      demoAccount: config.mode === 'demo' ? { username: DEMO_ACCOUNT.username, phone: DEMO_ACCOUNT.phone, idNumber: DEMO_ACCOUNT.idNumber, password: DEMO_ACCOUNT.password } : null,
      demoAdministrators: config.mode === 'demo' ? DEMO_ADMINISTRATORS.map(({ role, username, phone, password }) => ({ role, username, phone, password })) : [],
      features,
      readinessChecks,
    },
    paths,
    { logStream: options.logStream, ...(options.onRoute ? { onRoute: options.onRoute } : {}) },
  );

  app.log.info(`功能开关 / features:\n${featureTable(vendors)}`);
  logger = app.log;

  provider.on('backchannel.error', (_ctx: unknown, error: unknown, client: { clientId: string }) => {
    app.log.warn({ err: error, clientId: client.clientId }, 'back-channel logout failed');
  });

  const sweeper = setInterval(() => void models.deleteExpired(Date.now()).catch((error) => app.log.warn({ err: error }, 'expired oidc model sweep failed')), 10 * 60_000);
  sweeper.unref();

  return {
    app,
    audit,
    auditTrail,
    database: database.db,
    clients,
    clientRegistry,
    operations,
    captcha,
    console: { accounts: accountAdministration },
    async close() {
      clearInterval(sweeper);
      await app.close();
      await pubSub.close();
      await store.close();
      await database.close();
    },
  };
}
