import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

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
  UIA_SMS_PROVIDER: z.enum(['dev-outbox']).optional(),
  UIA_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  UIA_DEMO_RP_URL: z.url().default('http://localhost:3001'),
  UIA_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type KeyRing = { id: string; key: Buffer }[];

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
  platformName: string;
  dataKeys: KeyRing;
  blindIndexKey: Buffer;
  cookieSecrets: string[];
  smsProvider: 'dev-outbox';
  trustProxy: boolean;
  demoRelyingPartyUrl: string;
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');

  if (e.UIA_MODE === 'production') {
    const problems: string[] = [];
    if (!e.UIA_DATA_KEYS) problems.push('UIA_DATA_KEYS: 生产模式必须配置个人信息加密密钥 / required in production');
    if (!e.UIA_BLIND_INDEX_KEY) problems.push('UIA_BLIND_INDEX_KEY: 生产模式必须配置盲索引密钥 / required in production');
    if (!e.UIA_COOKIE_SECRETS) problems.push('UIA_COOKIE_SECRETS: 生产模式必须配置 Cookie 签名密钥 / required in production');
    if (!publicUrl.startsWith('https://')) problems.push('PUBLIC_URL: 生产模式必须使用 https:// 地址 / must be https in production');
    if (!e.UIA_SMS_PROVIDER || e.UIA_SMS_PROVIDER === 'dev-outbox') {
      problems.push('UIA_SMS_PROVIDER: 生产模式不能使用开发短信发件箱，且本版本尚未提供真实短信通道 / the dev outbox is demo-only; no production SMS adapter is available yet');
    }
    problems.push('UIA_IDENTITY_REGISTRY: 本版本只有实名核验模拟器，不能用于生产 / only the simulated identity registry exists in this version');
    throw new ConfigError(problems);
  }

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
    platformName: e.UIA_PLATFORM_NAME,
    dataKeys: e.UIA_DATA_KEYS ?? [{ id: 'demo1', key: Buffer.from(demo.dataKey, 'base64') }],
    blindIndexKey: Buffer.from(e.UIA_BLIND_INDEX_KEY ?? demo.blindIndexKey, 'base64'),
    cookieSecrets: (e.UIA_COOKIE_SECRETS ?? demo.cookieSecret).split(',').map((s) => s.trim()),
    smsProvider: e.UIA_SMS_PROVIDER ?? 'dev-outbox',
    trustProxy: e.UIA_TRUST_PROXY === 'true',
    demoRelyingPartyUrl: e.UIA_DEMO_RP_URL.replace(/\/$/, ''),
    logLevel: e.UIA_LOG_LEVEL,
  };
}
