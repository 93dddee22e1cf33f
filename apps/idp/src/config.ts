import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { SessionLifetime } from './services/platform-sessions/session-lifetime.ts';
import { SMS_TEMPLATE_NAMES, type SmsTemplateName } from './ports/sms-sender.ts';

/**
 * The one home of configuration: environment variables, validated at start-up
 * with messages an operator can act on. Demo mode invents what it is missing
 * (and keeps it under the data directory); production mode refuses to start.
 */

const base64Key = z
  .string()
  .refine((value) => Buffer.from(value, 'base64').length === 32, '必须是 base64 编码的 32 字节密钥 / must be a base64 32-byte key');

const keyRing = z
  .string()
  .transform((value, ctx) => {
    const entries = value.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
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

const envSchema = z.object({
  UIA_MODE: z.enum(['demo', 'production']).default('demo'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, '只支持 postgres:// 连接串 / only postgres:// URLs').optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, '应为 redis:// 连接串 / expected redis:// URL').optional(),
  UIA_REDIS_PREFIX: z.string().regex(/^[\w:.-]{1,40}$/).default('uia:'),
  UIA_PLATFORM_NAME: z.string().min(1).max(40).default('统一身份认证平台（演示）'),
  UIA_DATA_KEYS: keyRing.optional(),
  UIA_BLIND_INDEX_KEY: base64Key.optional(),
  UIA_COOKIE_SECRETS: z.string().min(32, '至少 32 个字符 / at least 32 characters').optional(),
  UIA_SMS_PROVIDER: z.enum(['dev-outbox', 'aliyun', 'tencent'], '应为 dev-outbox、aliyun 或 tencent / expected dev-outbox, aliyun or tencent').optional(),
  UIA_SMS_SIGN_NAME: z.string().trim().optional(),
  UIA_SMS_TEMPLATES: z.string().optional(),
  UIA_SMS_ACCESS_KEY_ID: z.string().trim().optional(),
  UIA_SMS_ACCESS_KEY_SECRET: z.string().trim().optional(),
  UIA_SMS_SDK_APP_ID: z.string().regex(/^\d{5,20}$/, '应为短信应用的 SdkAppId（数字，如 1400006666） / expected the numeric SdkAppId').optional(),
  UIA_SMS_REGION: z.string().regex(/^[a-z]{2,}-[a-z]+(-\d+)?$/, '应为地域名，如 ap-guangzhou / expected a region such as ap-guangzhou').default('ap-guangzhou'),
  UIA_SMS_ENDPOINT: z.url('应为 https:// 地址 / expected a URL').optional(),
  UIA_SMS_TIMEOUT_MS: z.coerce.number().int().min(200, '至少 200 毫秒 / at least 200 ms').max(30_000, '至多 30000 毫秒 / at most 30000 ms').default(5000),
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

export interface Config {
  mode: 'demo' | 'production';
  host: string;
  port: number;
  publicUrl: string;
  issuer: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  redisPrefix: string;
  /** PostgreSQL statement_timeout and the Redis command timeout (docs/architecture.md "Dependency failures"). */
  storageTimeouts: { statementMs: number; redisCommandMs: number };
  platformName: string;
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
    problems.push('UIA_IDENTITY_REGISTRY: 本版本只有实名核验模拟器，不能用于生产 / only the simulated identity registry exists in this version');
    problems.push('UIA_FACE_VERIFIER: 本版本只有人脸识别模拟器，不能用于生产 / only the simulated face verifier exists in this version');
    problems.push('UIA_BUSINESS_REGISTRY: 本版本只有企业登记信息模拟器，不能用于生产 / only the simulated business registry exists in this version');
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
    redisPrefix: e.UIA_REDIS_PREFIX,
    storageTimeouts: { statementMs: e.UIA_DB_STATEMENT_TIMEOUT_MS, redisCommandMs: e.UIA_REDIS_COMMAND_TIMEOUT_MS },
    platformName: e.UIA_PLATFORM_NAME,
    dataKeys: e.UIA_DATA_KEYS ?? [{ id: 'demo1', key: Buffer.from(demo.dataKey, 'base64') }],
    blindIndexKey: Buffer.from(e.UIA_BLIND_INDEX_KEY ?? demo.blindIndexKey, 'base64'),
    cookieSecrets: (e.UIA_COOKIE_SECRETS ?? demo.cookieSecret).split(',').map((s) => s.trim()),
    sms,
    trustProxy: parseTrustProxy(e.UIA_TRUST_PROXY),
    demoRelyingPartyUrl: e.UIA_DEMO_RP_URL.replace(/\/$/, ''),
    entityMaxAgents: e.UIA_ENTITY_MAX_AGENTS,
    passwordMaxAgeDays: e.UIA_PASSWORD_MAX_AGE_DAYS,
    sessionLifetime: { idleSeconds: e.UIA_SESSION_IDLE_MINUTES * 60, maxSeconds: e.UIA_SESSION_MAX_HOURS * 3600 },
    logLevel: e.UIA_LOG_LEVEL,
  };
}

type Env = z.infer<typeof envSchema>;

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
  for (const part of raw.split(',').map((item) => item.trim()).filter(Boolean)) {
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
