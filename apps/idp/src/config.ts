import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ui } from '@uia/i18n';
import type { SessionLifetime } from './services/platform-sessions/session-lifetime.ts';
import { SMS_TEMPLATE_NAMES, type SmsTemplateName } from './ports/sms-sender.ts';
import type { RedisSentinelConnection } from './adapters/redis/redis-client.ts';

/**
 * The one home of configuration: environment variables, validated at start-up
 * with messages an operator can act on. Demo mode invents what it is missing
 * (and keeps it under the data directory); production mode refuses to start.
 */

const base64Key = z.string().refine((value) => Buffer.from(value, 'base64').length === 32, '必须是 base64 编码的 32 字节密钥 / must be a base64 32-byte key');

const keyRing = z.string().transform((value, ctx) => {
  const entries = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [id, key] = part.split(':');
      return { id: id ?? '', key: Buffer.from(key ?? '', 'base64') };
    });
  for (const entry of entries) {
    if (!/^[a-z0-9]{1,16}$/i.test(entry.id) || entry.key.length !== 32) {
      ctx.addIssue({ code: 'custom', message: '格式应为 "keyId:base64(32字节)"，多个以逗号分隔，第一个为当前密钥 / expected "id:base64key,…"' });
      return z.NEVER;
    }
  }
  if (entries.length === 0) {
    ctx.addIssue({ code: 'custom', message: '至少需要一个密钥 / at least one key' });
    return z.NEVER;
  }
  return entries;
});

/** A native app's store page: an https link (the portal opens it from its login page). */
const storeUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      return new URL(value).protocol === 'https:';
    } catch {
      return false;
    }
  }, '应为应用商店页面的 https:// 地址 / expected the https:// address of the store page');

const envSchema = z.object({
  UIA_MODE: z.enum(['demo', 'production']).default('demo'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, '只支持 postgres:// 连接串 / only postgres:// URLs')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, '应为 redis:// 连接串 / expected redis:// URL')
    .optional(),
  // Redis Sentinel instead of REDIS_URL: "host:port,host:port" + the master group's name (docs/deployment.md).
  REDIS_SENTINELS: z.string().trim().optional(),
  REDIS_SENTINEL_NAME: z.string().trim().optional(),
  REDIS_SENTINEL_PASSWORD: z.string().optional(),
  REDIS_PASSWORD: z.string().optional(),
  REDIS_SENTINEL_TLS: z.enum(['true', 'false'], '应为 true 或 false / expected true or false').default('false'),
  UIA_REDIS_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,40}$/)
    .default('uia:'),
  UIA_PLATFORM_NAME: z.string().min(1).max(40).default('统一身份认证平台（演示）'),
  // The companion app the 扫码登录 panel names (docs/configuration.md § 手机App); store links only where the city has a native app.
  UIA_APP_NAME: z.string().trim().min(1, '不能为空 / must not be empty').max(20, '至多 20 个字符 / at most 20 characters').default(ui.companionApp.defaultName),
  UIA_APP_IOS_URL: storeUrl.optional(),
  UIA_APP_ANDROID_URL: storeUrl.optional(),
  UIA_DATA_KEYS: keyRing.optional(),
  UIA_BLIND_INDEX_KEY: base64Key.optional(),
  UIA_COOKIE_SECRETS: z.string().min(32, '至少 32 个字符 / at least 32 characters').optional(),
  UIA_SMS_PROVIDER: z.enum(['dev-outbox', 'aliyun', 'tencent'], '应为 dev-outbox、aliyun 或 tencent / expected dev-outbox, aliyun or tencent').optional(),
  UIA_SMS_SIGN_NAME: z.string().trim().optional(),
  UIA_SMS_TEMPLATES: z.string().optional(),
  UIA_SMS_ACCESS_KEY_ID: z.string().trim().optional(),
  UIA_SMS_ACCESS_KEY_SECRET: z.string().trim().optional(),
  UIA_SMS_SDK_APP_ID: z
    .string()
    .regex(/^\d{5,20}$/, '应为短信应用的 SdkAppId（数字，如 1400006666） / expected the numeric SdkAppId')
    .optional(),
  UIA_SMS_REGION: z
    .string()
    .regex(/^[a-z]{2,}-[a-z]+(-\d+)?$/, '应为地域名，如 ap-guangzhou / expected a region such as ap-guangzhou')
    .default('ap-guangzhou'),
  UIA_SMS_ENDPOINT: z.url('应为 https:// 地址 / expected a URL').optional(),
  UIA_SMS_TIMEOUT_MS: z.coerce.number().int().min(200, '至少 200 毫秒 / at least 200 ms').max(30_000, '至多 30000 毫秒 / at most 30000 ms').default(5000),
  // 实名核验 and 企业登记 vendors: checked by identityRegistryConfig / businessRegistryConfig, so that every problem of a vendor is listed together.
  UIA_IDENTITY_PROVIDER: z.enum(['simulated', 'tencent', 'aliyun', 'none'], '应为 simulated、tencent、aliyun 或 none / expected simulated, tencent, aliyun or none').optional(),
  UIA_IDENTITY_SECRET_ID: z.string().trim().optional(),
  UIA_IDENTITY_SECRET_KEY: z.string().trim().optional(),
  UIA_IDENTITY_ACCESS_KEY_ID: z.string().trim().optional(),
  UIA_IDENTITY_ACCESS_KEY_SECRET: z.string().trim().optional(),
  UIA_IDENTITY_ENDPOINT: z.string().trim().optional(),
  UIA_IDENTITY_TIMEOUT_MS: z.string().trim().optional(),
  UIA_BUSINESS_REGISTRY: z.enum(['simulated', 'exchange', 'none'], '应为 simulated、exchange 或 none / expected simulated, exchange or none').optional(),
  UIA_BUSINESS_REGISTRY_URL: z.string().trim().optional(),
  UIA_BUSINESS_REGISTRY_APP_ID: z.string().trim().optional(),
  UIA_BUSINESS_REGISTRY_SECRET: z.string().trim().optional(),
  UIA_BUSINESS_REGISTRY_ID_HASH_KEY: z.string().trim().optional(),
  UIA_BUSINESS_REGISTRY_TIMEOUT_MS: z.string().trim().optional(),
  // false | a hop count ("1": one proxy in front) | the proxies' addresses/CIDRs ("10.0.0.0/8,127.0.0.1").
  // "true" (believe any X-Forwarded-For) is for tests and demos only: production refuses it.
  UIA_TRUST_PROXY: z
    .string()
    .regex(/^(false|true|\d{1,2}|[\da-fA-F.:/]+(,[\da-fA-F.:/]+)*)$/, '应为 false、代理层数（如 1）或代理地址/网段列表（如 10.0.0.0/8,127.0.0.1） / false, a hop count or a list of proxy addresses')
    .default('false'),
  UIA_DEMO_RP_URL: z.url().default('http://localhost:3001'),
  /** 法人: how many current agents (经办人) one entity may have besides its legal representative. */
  UIA_DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100, '至少 100 毫秒 / at least 100 ms').max(60_000, '至多 60000 毫秒 / at most 60000 ms').default(5000),
  UIA_REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(100, '至少 100 毫秒 / at least 100 ms').max(10_000, '至多 10000 毫秒 / at most 10000 ms').default(1000),
  /** A signed audit checkpoint every this many events… */
  UIA_AUDIT_CHECKPOINT_EVERY: z.coerce.number().int().min(1, '至少每 1 条 / at least every 1 event').max(1_000_000, '至多每 1000000 条 / at most every 1000000 events').default(1000),
  /** …and at least this often while events arrive (docs/audit.md). */
  UIA_AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1, '至少 1 分钟 / at least 1 minute').max(1440, '至多 1440 分钟 / at most 1440 minutes').default(60),
  /** 等保 2.0 (GB/T 22239 §8.1.4.3) keeps audit records at least six months. */
  UIA_AUDIT_RETENTION_MONTHS: z.coerce.number().int().min(6, '审计记录至少保留 6 个月（等保要求）/ at least 6 months (等保)').max(1200).default(6),
  UIA_ENTITY_MAX_AGENTS: z.coerce.number().int().min(1, '至少 1 名 / at least 1').max(100, '至多 100 名 / at most 100').default(5),
  /** Days a password stays valid for login (0: no forced periodic change). */
  UIA_PASSWORD_MAX_AGE_DAYS: z.coerce
    .number('应为天数（整数），0 表示不强制定期修改 / expected a number of days, 0 = off')
    .int('应为整数天数 / expected whole days')
    .min(0, '不能为负数，0 表示不强制定期修改 / 0 (off) or more')
    .max(3650, '至多 3650 天 / at most 3650 days')
    .default(0),
  /** The platform session ends after this much inactivity (docs/configuration.md). */
  UIA_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5, '至少 5 分钟 / at least 5 minutes').max(1440, '至多 1440 分钟 / at most 1440 minutes').default(30),
  /** ... and at the latest this long after its login, however much it is used. */
  UIA_SESSION_MAX_HOURS: z.coerce.number().int().min(1, '至少 1 小时 / at least 1 hour').max(168, '至多 168 小时 / at most 168 hours').default(12),
  // 人脸识别 (docs/configuration.md): unset means simulated in demo mode, none in production.
  UIA_FACE_PROVIDER: z.enum(['simulated', 'tencent', 'aliyun', 'none'], '应为 simulated、tencent、aliyun 或 none / expected simulated, tencent, aliyun or none').optional(),
  UIA_FACE_SECRET_ID: z.string().trim().optional(),
  UIA_FACE_SECRET_KEY: z.string().trim().optional(),
  UIA_FACE_ACCESS_KEY_ID: z.string().trim().optional(),
  UIA_FACE_ACCESS_KEY_SECRET: z.string().trim().optional(),
  UIA_FACE_SCENE_ID: z
    .string()
    .regex(/^\d{1,20}$/, '应为认证场景 ID（数字） / expected the numeric SceneId')
    .optional(),
  UIA_FACE_REGION: z
    .string()
    .regex(/^[a-z]{2,}-[a-z]+(-\d+)?$/, '应为地域名，如 ap-guangzhou / expected a region such as ap-guangzhou')
    .default('ap-guangzhou'),
  UIA_FACE_ENDPOINT: z.url('应为 https:// 地址 / expected a URL').optional(),
  UIA_FACE_TIMEOUT_MS: z.coerce.number().int().min(1000, '至少 1000 毫秒 / at least 1000 ms').max(60_000, '至多 60000 毫秒 / at most 60000 ms').default(15_000),
  // 确认登录's place (docs/configuration.md, 功能开关): unset means demo in demo mode, none in production.
  UIA_IP_DATABASE: z.enum(['demo', 'offline', 'none'], '应为 demo、offline 或 none / expected demo, offline or none').optional(),
  UIA_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type KeyRing = { id: string; key: Buffer }[];

/** The vendor's template id (Aliyun TemplateCode `SMS_…`, Tencent TemplateId) for each of our templates. */
export type SmsTemplateIds = Record<SmsTemplateName, string>;

/** Which SMS channel sends, and its credentials. Vendor secrets stay in here: never log this object. */
export type SmsConfig =
  | { provider: 'dev-outbox' }
  | {
      provider: 'aliyun';
      signName: string;
      templates: SmsTemplateIds;
      accessKeyId: string;
      accessKeySecret: string;
      endpoint: string;
      timeoutMs: number;
    }
  | {
      provider: 'tencent';
      signName: string;
      templates: SmsTemplateIds;
      secretId: string;
      secretKey: string;
      sdkAppId: string;
      region: string;
      endpoint: string;
      timeoutMs: number;
    };

/** 实名核验: which identity registry confirms name + ID number (null: none). Vendor secrets stay in here: never log this object. */
export type IdentityRegistryConfig =
  | null
  | { provider: 'simulated' }
  | { provider: 'tencent'; secretId: string; secretKey: string; endpoint: string; timeoutMs: number }
  | { provider: 'aliyun'; accessKeyId: string; accessKeySecret: string; endpoint: string; timeoutMs: number };

/** 企业登记: which business registry names entities and their legal representatives (null: none). */
export type BusinessRegistryConfig = null | { provider: 'simulated' } | { provider: 'exchange'; baseUrl: string; appId: string; appSecret: string; idNumberHashKey: Buffer | null; timeoutMs: number };

/** 人脸识别: the verifier and its credentials (never log this object); null: none, the features needing it are off. */
export type FaceVerifierConfig =
  | { provider: 'simulated' }
  | { provider: 'tencent'; secretId: string; secretKey: string; region: string; endpoint: string; timeoutMs: number }
  | { provider: 'aliyun'; accessKeyId: string; accessKeySecret: string; sceneId: string; endpoint: string; timeoutMs: number }
  | null;
/** demo: only loopback/private ranges; offline: the ip2region database shipped in node_modules. */
export type IpDatabaseConfig = 'demo' | 'offline' | null;

export interface Config {
  mode: 'demo' | 'production';
  host: string;
  port: number;
  publicUrl: string;
  issuer: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** Redis through Sentinel (REDIS_SENTINELS); null when REDIS_URL or the in-process store is used. */
  redisSentinel: RedisSentinelConnection | null;
  redisPrefix: string;
  /** PostgreSQL statement_timeout and the Redis command timeout (docs/architecture.md "Dependency failures"). */
  storageTimeouts: { statementMs: number; redisCommandMs: number };
  /** Signed audit checkpoints (every N events or T minutes) and how long audit rows stay before archiving. */
  audit: { checkpointEvery: number; checkpointIntervalMs: number; retentionMonths: number };
  platformName: string;
  /** The companion app's name and native store pages (UIA_APP_NAME, UIA_APP_IOS_URL, UIA_APP_ANDROID_URL); null: none. */
  companionApp: { name: string; iosUrl: string | null; androidUrl: string | null };
  dataKeys: KeyRing;
  blindIndexKey: Buffer;
  cookieSecrets: string[];
  sms: SmsConfig;
  /** Fastify's trustProxy: which X-Forwarded-For entries are believed (the client IP drives rate limits and 确认登录's IP). */
  trustProxy: boolean | number | string[];
  demoRelyingPartyUrl: string;
  /** 法人: the most current agents per entity (UIA_ENTITY_MAX_AGENTS). */
  entityMaxAgents: number;
  /** UIA_PASSWORD_MAX_AGE_DAYS: a password older than this must be reset before the next password login (0: never). */
  passwordMaxAgeDays: number;
  /** The platform session's idle and absolute lifetimes (UIA_SESSION_IDLE_MINUTES, UIA_SESSION_MAX_HOURS). */
  sessionLifetime: SessionLifetime;
  /** 实名核验 (UIA_IDENTITY_PROVIDER); null: registration gives L1 accounts. */
  identityRegistry: IdentityRegistryConfig;
  /** 人脸识别 (UIA_FACE_PROVIDER); null: the app logs in by SMS only, nothing reaches L3. */
  faceVerifier: FaceVerifierConfig;
  /** 企业登记信息 (UIA_BUSINESS_REGISTRY); null: no 法人登录, no 注册单位. */
  businessRegistry: BusinessRegistryConfig;
  /** IP 归属地 (UIA_IP_DATABASE); null: 确认登录 shows 未知地区. */
  ipDatabase: IpDatabaseConfig;
  logLevel: string;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`配置错误 / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

interface DemoSecrets {
  dataKey: string;
  blindIndexKey: string;
  cookieSecret: string;
}

/** Demo mode keeps generated secrets under the data directory so restarts can still decrypt. */
function loadOrCreateDemoSecrets(dataDir: string): DemoSecrets {
  const file = join(dataDir, 'demo-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DemoSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: DemoSecrets = {
    dataKey: randomBytes(32).toString('base64'),
    blindIndexKey: randomBytes(32).toString('base64'),
    cookieSecret: randomBytes(32).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}

function parseTrustProxy(value: string): boolean | number | string[] {
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');

  const problems: string[] = [];
  const sms = smsConfig(e, problems);
  const redisSentinel = redisSentinelConfig(e, problems);
  const identityRegistry = identityRegistryConfig(e, problems);
  const faceVerifier = faceVerifierConfig(e, problems);
  const businessRegistry = businessRegistryConfig(e, problems);

  if (e.UIA_MODE === 'production') {
    if (!e.UIA_DATA_KEYS) problems.push('UIA_DATA_KEYS: 生产模式必须配置个人信息加密密钥 / required in production');
    if (!e.UIA_BLIND_INDEX_KEY) problems.push('UIA_BLIND_INDEX_KEY: 生产模式必须配置盲索引密钥 / required in production');
    if (!e.UIA_COOKIE_SECRETS) problems.push('UIA_COOKIE_SECRETS: 生产模式必须配置 Cookie 签名密钥 / required in production');
    if (!publicUrl.startsWith('https://')) problems.push('PUBLIC_URL: 生产模式必须使用 https:// 地址 / must be https in production');
    if (e.UIA_TRUST_PROXY === 'true') {
      problems.push('UIA_TRUST_PROXY: 生产模式不能信任任意 X-Forwarded-For，请填写代理层数（如 1）或代理地址/网段 / "true" lets clients forge their IP; give a hop count or the proxies\' addresses');
    }
    if (sms?.provider === 'dev-outbox') {
      problems.push('UIA_SMS_PROVIDER: 生产模式不能使用开发短信发件箱，请配置 aliyun 或 tencent / the dev outbox is demo-only; set aliyun or tencent');
    }
    if (sms && sms.provider !== 'dev-outbox' && !sms.endpoint.startsWith('https://')) {
      problems.push('UIA_SMS_ENDPOINT: 生产模式必须使用 https:// 地址 / must be https in production');
    }
  }
  // The server itself speaks plain HTTP: an https PUBLIC_URL means a TLS proxy in front, and only a trusted
  // proxy's X-Forwarded-Proto tells oidc-provider the browser's connection is https (else it refuses its secure
  // cookies and every login ends in server_error) and only its X-Forwarded-For tells clients apart.
  if (publicUrl.startsWith('https://') && e.UIA_TRUST_PROXY === 'false') {
    problems.push(
      "UIA_TRUST_PROXY: PUBLIC_URL 是 https 地址，而本服务只提供 HTTP，须部署在 TLS 代理之后；请把 UIA_TRUST_PROXY 设为该代理的地址/网段（如 10.0.0.5）或代理层数（如 1） / PUBLIC_URL is https but this server speaks plain HTTP: put it behind a TLS proxy and set UIA_TRUST_PROXY to that proxy's address (e.g. 10.0.0.5) or hop count (e.g. 1), so its X-Forwarded-Proto and X-Forwarded-For are believed",
    );
  }
  if (e.UIA_SESSION_IDLE_MINUTES > e.UIA_SESSION_MAX_HOURS * 60) {
    problems.push('UIA_SESSION_IDLE_MINUTES: 不能长于 UIA_SESSION_MAX_HOURS / must not exceed the absolute lifetime');
  }
  if (problems.length > 0 || !sms) throw new ConfigError(problems);

  const demo = loadOrCreateDemoSecrets(dataDir);
  return {
    mode: e.UIA_MODE,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    issuer: `${publicUrl}/oidc`,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisSentinel,
    redisPrefix: e.UIA_REDIS_PREFIX,
    storageTimeouts: { statementMs: e.UIA_DB_STATEMENT_TIMEOUT_MS, redisCommandMs: e.UIA_REDIS_COMMAND_TIMEOUT_MS },
    audit: { checkpointEvery: e.UIA_AUDIT_CHECKPOINT_EVERY, checkpointIntervalMs: e.UIA_AUDIT_CHECKPOINT_MINUTES * 60_000, retentionMonths: e.UIA_AUDIT_RETENTION_MONTHS },
    platformName: e.UIA_PLATFORM_NAME,
    companionApp: { name: e.UIA_APP_NAME, iosUrl: e.UIA_APP_IOS_URL ?? null, androidUrl: e.UIA_APP_ANDROID_URL ?? null },
    dataKeys: e.UIA_DATA_KEYS ?? [{ id: 'demo1', key: Buffer.from(demo.dataKey, 'base64') }],
    blindIndexKey: Buffer.from(e.UIA_BLIND_INDEX_KEY ?? demo.blindIndexKey, 'base64'),
    cookieSecrets: (e.UIA_COOKIE_SECRETS ?? demo.cookieSecret).split(',').map((s) => s.trim()),
    sms,
    identityRegistry,
    businessRegistry,
    faceVerifier,
    trustProxy: parseTrustProxy(e.UIA_TRUST_PROXY),
    demoRelyingPartyUrl: e.UIA_DEMO_RP_URL.replace(/\/$/, ''),
    entityMaxAgents: e.UIA_ENTITY_MAX_AGENTS,
    passwordMaxAgeDays: e.UIA_PASSWORD_MAX_AGE_DAYS,
    sessionLifetime: { idleSeconds: e.UIA_SESSION_IDLE_MINUTES * 60, maxSeconds: e.UIA_SESSION_MAX_HOURS * 3600 },
    ipDatabase: ipDatabaseConfig(e),
    logLevel: e.UIA_LOG_LEVEL,
  };
}

type Env = z.infer<typeof envSchema>;

/**
 * Redis Sentinel: every sentinel as host:port, the master group's name, and
 * never together with REDIS_URL (which of the two would be meant?). Problems
 * are collected like the schema's; null when Sentinel is not configured.
 */
function redisSentinelConfig(e: Env, problems: string[]): RedisSentinelConnection | null {
  if (!e.REDIS_SENTINELS) {
    if (e.REDIS_SENTINEL_NAME || e.REDIS_SENTINEL_PASSWORD) {
      problems.push('REDIS_SENTINELS: 配置了 REDIS_SENTINEL_NAME/REDIS_SENTINEL_PASSWORD 却没有哨兵地址 / the sentinel settings need REDIS_SENTINELS (host:port,host:port)');
    }
    if (e.REDIS_PASSWORD) problems.push('REDIS_PASSWORD: 只用于哨兵模式，使用 REDIS_URL 时请把密码写在连接串中 / only for Sentinel; with REDIS_URL put the password in the URL');
    return null;
  }
  const before = problems.length;
  if (e.REDIS_URL) problems.push('REDIS_SENTINELS: 不能与 REDIS_URL 同时配置，请二选一 / set either REDIS_URL or REDIS_SENTINELS, not both');
  const sentinels: { host: string; port: number }[] = [];
  for (const entry of e.REDIS_SENTINELS.split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^(\[[\da-fA-F:]+\]|[\w.-]+):(\d{1,5})$/.exec(entry);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65535) {
      problems.push(`REDIS_SENTINELS: "${entry}" 应为 主机:端口，如 10.0.0.5:26379 / expected host:port, e.g. 10.0.0.5:26379`);
      continue;
    }
    sentinels.push({ host: match[1]!.replace(/^\[|\]$/g, ''), port });
  }
  if (sentinels.length === 0 && problems.length === before) problems.push('REDIS_SENTINELS: 至少需要一个哨兵地址 / at least one sentinel');
  if (!e.REDIS_SENTINEL_NAME) {
    problems.push('REDIS_SENTINEL_NAME: 使用哨兵时必须配置主节点组名（sentinel monitor 中的名称，如 mymaster） / the master group name, e.g. mymaster');
  } else if (!/^[\w.-]{1,64}$/.test(e.REDIS_SENTINEL_NAME)) {
    problems.push('REDIS_SENTINEL_NAME: 只能包含字母、数字、点、下划线和连字符 / letters, digits, ".", "_" and "-" only');
  }
  if (problems.length > before) return null;
  return {
    sentinels,
    name: e.REDIS_SENTINEL_NAME!,
    sentinelPassword: e.REDIS_SENTINEL_PASSWORD || undefined,
    password: e.REDIS_PASSWORD || undefined,
    tls: e.REDIS_SENTINEL_TLS === 'true',
  };
}

/**
 * 人脸识别: simulated (demo only), a vendor with its credentials, or none.
 * Unset: the simulator in demo mode, none in production. Every missing
 * setting is listed at once.
 */
function faceVerifierConfig(e: Env, problems: string[]): FaceVerifierConfig {
  const production = e.UIA_MODE === 'production';
  const provider = e.UIA_FACE_PROVIDER ?? (production ? 'none' : 'simulated');
  if (provider === 'none') return null;
  if (provider === 'simulated') {
    if (production) problems.push('UIA_FACE_PROVIDER: simulated 是演示用模拟器，生产模式不能使用；请配置 tencent 或 aliyun，或设为 none / the simulator is demo-only: set tencent, aliyun or none');
    return { provider };
  }
  const before = problems.length;
  const vendorZh = provider === 'aliyun' ? '阿里云' : '腾讯云';
  const required = (name: keyof Env, zh: string, en: string): string => {
    const value = e[name];
    if (typeof value === 'string' && value !== '') return value;
    problems.push(`${name}: 使用${vendorZh}人脸核身时必须配置${zh} / ${provider} face verification needs ${en}`);
    return '';
  };
  const endpoint = (e.UIA_FACE_ENDPOINT ?? (provider === 'aliyun' ? 'https://cloudauth.aliyuncs.com' : 'https://faceid.tencentcloudapi.com')).replace(/\/$/, '');
  if (production && !endpoint.startsWith('https://')) problems.push('UIA_FACE_ENDPOINT: 生产模式必须使用 https:// 地址 / must be https in production');
  if (provider === 'tencent') {
    const secretId = required('UIA_FACE_SECRET_ID', ' SecretId', 'UIA_FACE_SECRET_ID');
    const secretKey = required('UIA_FACE_SECRET_KEY', ' SecretKey', 'UIA_FACE_SECRET_KEY');
    if (problems.length > before) return null;
    return { provider, secretId, secretKey, region: e.UIA_FACE_REGION, endpoint, timeoutMs: e.UIA_FACE_TIMEOUT_MS };
  }
  const accessKeyId = required('UIA_FACE_ACCESS_KEY_ID', ' AccessKey ID', 'UIA_FACE_ACCESS_KEY_ID');
  const accessKeySecret = required('UIA_FACE_ACCESS_KEY_SECRET', ' AccessKey Secret', 'UIA_FACE_ACCESS_KEY_SECRET');
  const sceneId = required('UIA_FACE_SCENE_ID', '认证场景 ID（控制台创建）', 'the SceneId created in the console');
  if (problems.length > before) return null;
  return { provider, accessKeyId, accessKeySecret, sceneId, endpoint, timeoutMs: e.UIA_FACE_TIMEOUT_MS };
}

/**
 * A simulator grants real assurance levels on made-up answers: production
 * refuses it (set none to switch the feature off instead).
 */
function simulatorOutsideProduction(name: keyof Env, e: Env, problems: string[]): { provider: 'simulated' } | null {
  if (e.UIA_MODE !== 'production') return { provider: 'simulated' };
  problems.push(`${name}: simulated 是演示用模拟器，生产模式不能使用；未接入真实服务时请设为 none（相应功能关闭） / the simulator is demo-only: set none to switch the feature off`);
  return null;
}

/** The IP database defaults to the demo locator in demo mode, none in production; the demo locator invents nothing (本机/内网 or 未知地区), so production may keep it. */
function ipDatabaseConfig(e: Env): IpDatabaseConfig {
  const ipDatabase = e.UIA_IP_DATABASE ?? (e.UIA_MODE === 'production' ? 'none' : 'demo');
  return ipDatabase === 'none' ? null : ipDatabase;
}

const TEMPLATE_ID_FORMAT = {
  aliyun: { pattern: /^SMS_\d+$/, example: 'SMS_123456789' },
  tencent: { pattern: /^\d+$/, example: '1234567' },
} as const;

/**
 * The SMS channel. The dev outbox needs nothing; a vendor needs its sign
 * name, one approved template per message kind and its key pair. Problems
 * are collected (all at once, like the schema's); null when there are any.
 */
function smsConfig(e: Env, problems: string[]): SmsConfig | null {
  const provider = e.UIA_SMS_PROVIDER ?? (e.UIA_MODE === 'demo' ? 'dev-outbox' : null);
  if (provider === null) {
    problems.push('UIA_SMS_PROVIDER: 生产模式必须配置短信通道 aliyun 或 tencent / required in production: aliyun or tencent');
    return null;
  }
  if (provider === 'dev-outbox') return { provider };

  const before = problems.length;
  const [vendorZh, vendorEn] = provider === 'aliyun' ? ['阿里云', 'Aliyun'] : ['腾讯云', 'Tencent Cloud'];
  const required = (name: keyof Env, zh: string, en: string) => {
    const value = e[name];
    if (typeof value === 'string' && value.length > 0) return value;
    problems.push(`${name}: 使用${vendorZh}短信时必须配置${zh} / ${vendorEn} SMS needs ${en}`);
    return '';
  };
  const signName = required('UIA_SMS_SIGN_NAME', '已审核通过的短信签名', 'the approved sign name');
  if (/[【】[\]]/.test(signName)) problems.push('UIA_SMS_SIGN_NAME: 只填签名文字，不带【】 / the sign name without 【】');
  const [keyId, keySecret] = provider === 'aliyun' ? ['AccessKey ID', 'AccessKey Secret'] : ['SecretId', 'SecretKey'];
  const accessKeyId = required('UIA_SMS_ACCESS_KEY_ID', keyId, keyId);
  const accessKeySecret = required('UIA_SMS_ACCESS_KEY_SECRET', keySecret, keySecret);
  const templates = smsTemplateIds(e.UIA_SMS_TEMPLATES, provider, problems);
  const endpoint = (e.UIA_SMS_ENDPOINT ?? (provider === 'aliyun' ? 'https://dysmsapi.aliyuncs.com' : 'https://sms.tencentcloudapi.com')).replace(/\/$/, '');

  if (provider === 'aliyun') {
    if (problems.length > before || !templates) return null;
    return { provider, signName, templates, accessKeyId, accessKeySecret, endpoint, timeoutMs: e.UIA_SMS_TIMEOUT_MS };
  }
  const sdkAppId = required('UIA_SMS_SDK_APP_ID', '短信应用 SdkAppId', 'the SdkAppId of the SMS application');
  if (problems.length > before || !templates) return null;
  return { provider, signName, templates, secretId: accessKeyId, secretKey: accessKeySecret, sdkAppId, region: e.UIA_SMS_REGION, endpoint, timeoutMs: e.UIA_SMS_TIMEOUT_MS };
}

/** `register=SMS_1,login=SMS_2,…`: every template named exactly once, ids in the vendor's format. */
function smsTemplateIds(raw: string | undefined, provider: 'aliyun' | 'tencent', problems: string[]): SmsTemplateIds | null {
  const format = TEMPLATE_ID_FORMAT[provider];
  const expected = `${SMS_TEMPLATE_NAMES.map((name) => `${name}=${format.example}`).join(',')}`;
  if (!raw || raw.trim() === '') {
    problems.push(`UIA_SMS_TEMPLATES: 使用短信服务商时必须为每种短信配置模板 / every template needs the vendor's template id, e.g. ${expected}`);
    return null;
  }
  const ids: Partial<SmsTemplateIds> = {};
  const before = problems.length;
  for (const part of raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [name = '', id = '', ...rest] = part.split('=').map((item) => item.trim());
    if (!(SMS_TEMPLATE_NAMES as readonly string[]).includes(name) || rest.length > 0) {
      problems.push(`UIA_SMS_TEMPLATES: 未知的短信模板 "${name}"，应为 ${SMS_TEMPLATE_NAMES.join('、')} / unknown template "${name}"`);
      continue;
    }
    if (ids[name as SmsTemplateName] !== undefined) problems.push(`UIA_SMS_TEMPLATES: 模板 ${name} 重复配置 / ${name} appears twice`);
    if (!format.pattern.test(id)) problems.push(`UIA_SMS_TEMPLATES: ${name} 的模板 ID 应形如 ${format.example} / ${name}: expected an id like ${format.example}`);
    ids[name as SmsTemplateName] = id;
  }
  const missing = SMS_TEMPLATE_NAMES.filter((name) => ids[name] === undefined);
  if (missing.length > 0) problems.push(`UIA_SMS_TEMPLATES: 缺少模板 ${missing.join('、')} / missing ${missing.join(', ')}`);
  return problems.length > before ? null : (ids as SmsTemplateIds);
}

/** A vendor's timeout in milliseconds (default 5000, 200–30000). */
function vendorTimeout(name: keyof Env, raw: string | undefined, problems: string[]): number {
  if (raw === undefined || raw === '') return 5000;
  const value = Number(raw);
  if (Number.isInteger(value) && value >= 200 && value <= 30_000) return value;
  problems.push(`${name}: 应为 200–30000 之间的毫秒数 / expected milliseconds between 200 and 30000`);
  return 5000;
}

/** A vendor's address: an http(s) URL, https in production. */
function vendorUrl(name: keyof Env, raw: string, mode: Env['UIA_MODE'], problems: string[]): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`${name}: 应为 https:// 地址 / expected a URL`);
    return raw;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') problems.push(`${name}: 应为 https:// 地址 / expected a URL`);
  else if (mode === 'production' && url.protocol !== 'https:') problems.push(`${name}: 生产模式必须使用 https:// 地址 / must be https in production`);
  return raw.replace(/\/+$/, '');
}

/** Reads a required vendor setting; a missing one is a problem named after the vendor. */
function requiredSetting(e: Env, problems: string[], vendor: string) {
  return (name: keyof Env, what: string) => {
    const value = e[name];
    if (typeof value === 'string' && value.length > 0) return value;
    problems.push(`${name}: 使用${vendor}时必须配置 ${what} / ${vendor} needs ${what}`);
    return '';
  };
}

/**
 * 实名核验 (UIA_IDENTITY_PROVIDER): simulated by default in demo mode, none
 * in production. Problems are collected, every one of them; null when none
 * or when there are problems (start-up then fails).
 */
function identityRegistryConfig(e: Env, problems: string[]): IdentityRegistryConfig {
  const provider = e.UIA_IDENTITY_PROVIDER ?? (e.UIA_MODE === 'demo' ? 'simulated' : 'none');
  if (provider === 'none') return null;
  if (provider === 'simulated') return simulatorOutsideProduction('UIA_IDENTITY_PROVIDER', e, problems);
  const before = problems.length;
  const timeoutMs = vendorTimeout('UIA_IDENTITY_TIMEOUT_MS', e.UIA_IDENTITY_TIMEOUT_MS, problems);
  if (provider === 'tencent') {
    const required = requiredSetting(e, problems, '腾讯云实名核验 (Tencent Cloud FaceID)');
    const secretId = required('UIA_IDENTITY_SECRET_ID', 'SecretId');
    const secretKey = required('UIA_IDENTITY_SECRET_KEY', 'SecretKey');
    const endpoint = vendorUrl('UIA_IDENTITY_ENDPOINT', e.UIA_IDENTITY_ENDPOINT || 'https://faceid.tencentcloudapi.com', e.UIA_MODE, problems);
    return problems.length > before ? null : { provider, secretId, secretKey, endpoint, timeoutMs };
  }
  const required = requiredSetting(e, problems, '阿里云实人认证 (Aliyun Cloudauth)');
  const accessKeyId = required('UIA_IDENTITY_ACCESS_KEY_ID', 'AccessKey ID');
  const accessKeySecret = required('UIA_IDENTITY_ACCESS_KEY_SECRET', 'AccessKey Secret');
  const endpoint = vendorUrl('UIA_IDENTITY_ENDPOINT', e.UIA_IDENTITY_ENDPOINT || 'https://cloudauth.aliyuncs.com', e.UIA_MODE, problems);
  return problems.length > before ? null : { provider, accessKeyId, accessKeySecret, endpoint, timeoutMs };
}

/** 企业登记 (UIA_BUSINESS_REGISTRY): simulated by default in demo mode, none in production; `exchange` needs its URL and app credentials. */
function businessRegistryConfig(e: Env, problems: string[]): BusinessRegistryConfig {
  const provider = e.UIA_BUSINESS_REGISTRY ?? (e.UIA_MODE === 'demo' ? 'simulated' : 'none');
  if (provider === 'none') return null;
  if (provider === 'simulated') return simulatorOutsideProduction('UIA_BUSINESS_REGISTRY', e, problems);
  const before = problems.length;
  const required = requiredSetting(e, problems, '政务数据共享交换平台 (exchange)');
  const rawUrl = required('UIA_BUSINESS_REGISTRY_URL', '接口地址 / the base URL');
  const baseUrl = rawUrl ? vendorUrl('UIA_BUSINESS_REGISTRY_URL', rawUrl, e.UIA_MODE, problems) : '';
  const appId = required('UIA_BUSINESS_REGISTRY_APP_ID', '应用标识 / the app id');
  const appSecret = required('UIA_BUSINESS_REGISTRY_SECRET', '签名密钥 / the signing secret');
  if (appSecret && appSecret.length < 16) problems.push('UIA_BUSINESS_REGISTRY_SECRET: 至少 16 个字符 / at least 16 characters');
  let idNumberHashKey: Buffer | null = null;
  if (e.UIA_BUSINESS_REGISTRY_ID_HASH_KEY) {
    idNumberHashKey = Buffer.from(e.UIA_BUSINESS_REGISTRY_ID_HASH_KEY, 'base64');
    if (idNumberHashKey.length < 16) problems.push('UIA_BUSINESS_REGISTRY_ID_HASH_KEY: 应为 base64 编码、至少 16 字节的密钥 / expected a base64 key of at least 16 bytes');
  }
  const timeoutMs = vendorTimeout('UIA_BUSINESS_REGISTRY_TIMEOUT_MS', e.UIA_BUSINESS_REGISTRY_TIMEOUT_MS, problems);
  return problems.length > before ? null : { provider, baseUrl, appId, appSecret, idNumberHashKey, timeoutMs };
}
