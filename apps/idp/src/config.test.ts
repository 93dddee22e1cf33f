import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const dataDir = () => mkdtempSync(join(tmpdir(), 'uia-config-'));

describe('loadConfig', () => {
  it('starts demo mode with generated secrets that survive a restart', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    expect(first.mode).toBe('demo');
    expect(first.issuer).toBe('http://localhost:3000/oidc');
    expect(first.dataKeys[0]!.key.equals(second.dataKeys[0]!.key)).toBe(true);
    expect(first.cookieSecrets).toEqual(second.cookieSecrets);
  });

  it('explains every invalid variable at once', () => {
    try {
      loadConfig({ DATA_DIR: dataDir(), PORT: 'abc', DATABASE_URL: 'mysql://x', UIA_DATA_KEYS: 'nokey' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('UIA_DATA_KEYS');
    }
  });

  it('names the companion app (UIA_APP_NAME, default 统一认证) and its store pages only where configured', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).companionApp).toEqual({ name: '统一认证', iosUrl: null, androidUrl: null });
    const ios = 'https://apps.apple.com/cn/app/id1234567890';
    const android = 'https://app.example.gov.cn/android.apk';
    expect(loadConfig({ DATA_DIR: dataDir(), UIA_APP_NAME: ' 某市通 ', UIA_APP_IOS_URL: ios, UIA_APP_ANDROID_URL: android }).companionApp).toEqual({
      name: '某市通',
      iosUrl: ios,
      androidUrl: android,
    });
  });

  it('refuses an empty or overlong app name and store links that are not https, naming each', () => {
    expect(problemsOf({ UIA_APP_NAME: '  ' })).toEqual(['UIA_APP_NAME: 不能为空 / must not be empty']);
    expect(problemsOf({ UIA_APP_NAME: '应用'.repeat(11) })).toEqual(['UIA_APP_NAME: 至多 20 个字符 / at most 20 characters']);
    const notHttps = '应为应用商店页面的 https:// 地址 / expected the https:// address of the store page';
    expect(problemsOf({ UIA_APP_IOS_URL: 'http://apps.apple.com/cn/app/id1', UIA_APP_ANDROID_URL: 'market://details?id=cn.gov.example' })).toEqual([
      `UIA_APP_IOS_URL: ${notHttps}`,
      `UIA_APP_ANDROID_URL: ${notHttps}`,
    ]);
    expect(problemsOf({ UIA_APP_ANDROID_URL: 'app store' })).toEqual([`UIA_APP_ANDROID_URL: ${notHttps}`]);
  });

  it('caps agents per entity at UIA_ENTITY_MAX_AGENTS (default 5, 1–100)', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).entityMaxAgents).toBe(5);
    expect(loadConfig({ DATA_DIR: dataDir(), UIA_ENTITY_MAX_AGENTS: '12' }).entityMaxAgents).toBe(12);
    for (const wrong of ['0', '101', 'many']) {
      expect(() => loadConfig({ DATA_DIR: dataDir(), UIA_ENTITY_MAX_AGENTS: wrong })).toThrow(/UIA_ENTITY_MAX_AGENTS/);
    }
  });

  it('reads the audit checkpoint cadence and retention, refusing a retention under 6 months (等保)', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).audit).toEqual({ checkpointEvery: 1000, checkpointIntervalMs: 3_600_000, retentionMonths: 6 });
    expect(loadConfig({ DATA_DIR: dataDir(), UIA_AUDIT_CHECKPOINT_EVERY: '50', UIA_AUDIT_CHECKPOINT_MINUTES: '5', UIA_AUDIT_RETENTION_MONTHS: '12' }).audit).toEqual({
      checkpointEvery: 50,
      checkpointIntervalMs: 300_000,
      retentionMonths: 12,
    });
    expect(() => loadConfig({ DATA_DIR: dataDir(), UIA_AUDIT_RETENTION_MONTHS: '3' })).toThrow(/UIA_AUDIT_RETENTION_MONTHS[\s\S]*6 个月/);
    for (const wrong of ['0', 'often']) {
      expect(() => loadConfig({ DATA_DIR: dataDir(), UIA_AUDIT_CHECKPOINT_EVERY: wrong, UIA_AUDIT_CHECKPOINT_MINUTES: wrong })).toThrow(
        /UIA_AUDIT_CHECKPOINT_EVERY[\s\S]*UIA_AUDIT_CHECKPOINT_MINUTES/,
      );
    }
  });

  it('reads the storage timeouts (statement 5 s, Redis command 1 s by default) and refuses values out of range', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).storageTimeouts).toEqual({ statementMs: 5000, redisCommandMs: 1000 });
    expect(loadConfig({ DATA_DIR: dataDir(), UIA_DB_STATEMENT_TIMEOUT_MS: '2000', UIA_REDIS_COMMAND_TIMEOUT_MS: '500' }).storageTimeouts).toEqual({ statementMs: 2000, redisCommandMs: 500 });
    expect(() => loadConfig({ DATA_DIR: dataDir(), UIA_DB_STATEMENT_TIMEOUT_MS: '0', UIA_REDIS_COMMAND_TIMEOUT_MS: 'soon' })).toThrow(
      /UIA_DB_STATEMENT_TIMEOUT_MS[\s\S]*UIA_REDIS_COMMAND_TIMEOUT_MS|UIA_REDIS_COMMAND_TIMEOUT_MS[\s\S]*UIA_DB_STATEMENT_TIMEOUT_MS/,
    );
  });

  it('forces no periodic password change unless UIA_PASSWORD_MAX_AGE_DAYS says so (0–3650 days)', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).passwordMaxAgeDays).toBe(0);
    expect(loadConfig({ DATA_DIR: dataDir(), UIA_PASSWORD_MAX_AGE_DAYS: '90' }).passwordMaxAgeDays).toBe(90);
    for (const wrong of ['-1', '3651', '1.5', 'quarterly']) {
      expect(() => loadConfig({ DATA_DIR: dataDir(), UIA_PASSWORD_MAX_AGE_DAYS: wrong })).toThrow(/UIA_PASSWORD_MAX_AGE_DAYS/);
    }
  });

  it('sets the platform session lifetimes (idle default 30 min, absolute default 12 h), idle never above absolute', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).sessionLifetime).toEqual({ idleSeconds: 30 * 60, maxSeconds: 12 * 3600 });
    expect(loadConfig({ DATA_DIR: dataDir(), UIA_SESSION_IDLE_MINUTES: '15', UIA_SESSION_MAX_HOURS: '8' }).sessionLifetime).toEqual({ idleSeconds: 900, maxSeconds: 8 * 3600 });
    for (const wrong of ['4', '1441', 'soon']) {
      expect(() => loadConfig({ DATA_DIR: dataDir(), UIA_SESSION_IDLE_MINUTES: wrong })).toThrow(/UIA_SESSION_IDLE_MINUTES/);
    }
    for (const wrong of ['0', '169', '1.5']) {
      expect(() => loadConfig({ DATA_DIR: dataDir(), UIA_SESSION_MAX_HOURS: wrong })).toThrow(/UIA_SESSION_MAX_HOURS/);
    }
    expect(() => loadConfig({ DATA_DIR: dataDir(), UIA_SESSION_IDLE_MINUTES: '120', UIA_SESSION_MAX_HOURS: '1' })).toThrow(/UIA_SESSION_IDLE_MINUTES/);
  });

  it('refuses production mode without keys, https or a real SMS channel', () => {
    expect(() => loadConfig({ UIA_MODE: 'production', DATA_DIR: dataDir() })).toThrow(ConfigError);
    try {
      loadConfig({ UIA_MODE: 'production', DATA_DIR: dataDir(), PUBLIC_URL: 'http://idp.example' });
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('UIA_DATA_KEYS');
      expect(problems).toContain('UIA_BLIND_INDEX_KEY');
      expect(problems).toContain('UIA_COOKIE_SECRETS');
      expect(problems).toContain('https');
      expect(problems).toContain('UIA_SMS_PROVIDER');
      expect(problems).not.toContain('UIA_IDENTITY_PROVIDER');
    }
  });

  it('believes X-Forwarded-For only as far as configured, and never blindly in production', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), UIA_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ DATA_DIR: dataDir(), UIA_TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(() => loadConfig({ DATA_DIR: dataDir(), UIA_TRUST_PROXY: 'yes please' })).toThrow(ConfigError);
    expect(problemsOf({ UIA_MODE: 'production', UIA_TRUST_PROXY: 'true' }).some((p) => p.startsWith('UIA_TRUST_PROXY'))).toBe(true);
  });

  it('refuses an https PUBLIC_URL with no trusted TLS proxy in front, in any mode, and says what to set', () => {
    for (const mode of ['demo', 'production']) {
      const problem = problemsOf({ UIA_MODE: mode, PUBLIC_URL: 'https://idp.example.gov.cn' }).find((p) => p.startsWith('UIA_TRUST_PROXY'));
      expect(problem).toContain('TLS');
      expect(problem).toContain('X-Forwarded-Proto');
    }
    expect(problemsOf({ PUBLIC_URL: 'https://idp.example.gov.cn', UIA_TRUST_PROXY: '10.0.0.5' })).toEqual([]);
    expect(problemsOf({ PUBLIC_URL: 'https://idp.example.gov.cn', UIA_TRUST_PROXY: '1' })).toEqual([]);
    expect(problemsOf({ PUBLIC_URL: 'http://127.0.0.1:3000' })).toEqual([]);
  });

  it('refuses production with the dev outbox', () => {
    const problems = problemsOf({ UIA_MODE: 'production', UIA_SMS_PROVIDER: 'dev-outbox' });
    expect(problems.some((p) => p.startsWith('UIA_SMS_PROVIDER') && p.includes('dev outbox'))).toBe(true);
  });
});

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig({ DATA_DIR: dataDir(), ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

const ALIYUN_TEMPLATES = 'register=SMS_1001,login=SMS_1002,reset_password=SMS_1003,change_phone=SMS_1004,notice_password_reset=SMS_1005,notice_phone_changed=SMS_1006';
const TENCENT_TEMPLATES = 'register=2001, login=2002, reset_password=2003, change_phone=2004, notice_password_reset=2005, notice_phone_changed=2006';
const aliyunEnv = { UIA_SMS_PROVIDER: 'aliyun', UIA_SMS_SIGN_NAME: '某市政务服务', UIA_SMS_TEMPLATES: ALIYUN_TEMPLATES, UIA_SMS_ACCESS_KEY_ID: 'LTAI5tExample', UIA_SMS_ACCESS_KEY_SECRET: 'secret' };
const tencentEnv = {
  UIA_SMS_PROVIDER: 'tencent',
  UIA_SMS_SIGN_NAME: '某市政务服务',
  UIA_SMS_TEMPLATES: TENCENT_TEMPLATES,
  UIA_SMS_ACCESS_KEY_ID: 'AKIDExample',
  UIA_SMS_ACCESS_KEY_SECRET: 'secret',
  UIA_SMS_SDK_APP_ID: '1400006666',
};

describe('SMS configuration', () => {
  it('uses the dev outbox in demo mode by default', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).sms).toEqual({ provider: 'dev-outbox' });
  });

  it('reads an Aliyun channel (a demo may try a real vendor)', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), ...aliyunEnv }).sms).toEqual({
      provider: 'aliyun',
      signName: '某市政务服务',
      templates: { register: 'SMS_1001', login: 'SMS_1002', reset_password: 'SMS_1003', change_phone: 'SMS_1004', notice_password_reset: 'SMS_1005', notice_phone_changed: 'SMS_1006' },
      accessKeyId: 'LTAI5tExample',
      accessKeySecret: 'secret',
      endpoint: 'https://dysmsapi.aliyuncs.com',
      timeoutMs: 5000,
    });
  });

  it('reads a Tencent Cloud channel with its defaults and overrides', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), ...tencentEnv }).sms).toMatchObject({
      provider: 'tencent',
      secretId: 'AKIDExample',
      secretKey: 'secret',
      sdkAppId: '1400006666',
      region: 'ap-guangzhou',
      endpoint: 'https://sms.tencentcloudapi.com',
      templates: { register: '2001', notice_phone_changed: '2006' },
    });
    const custom = loadConfig({ DATA_DIR: dataDir(), ...tencentEnv, UIA_SMS_REGION: 'ap-beijing', UIA_SMS_ENDPOINT: 'https://sms.ap-beijing.tencentcloudapi.com/', UIA_SMS_TIMEOUT_MS: '3000' }).sms;
    expect(custom).toMatchObject({ region: 'ap-beijing', endpoint: 'https://sms.ap-beijing.tencentcloudapi.com', timeoutMs: 3000 });
  });

  it('names everything a vendor channel is missing, at once', () => {
    const problems = problemsOf({ UIA_SMS_PROVIDER: 'tencent' });
    for (const name of ['UIA_SMS_SIGN_NAME', 'UIA_SMS_TEMPLATES', 'UIA_SMS_ACCESS_KEY_ID', 'UIA_SMS_ACCESS_KEY_SECRET', 'UIA_SMS_SDK_APP_ID']) {
      expect(
        problems.some((p) => p.startsWith(`${name}:`)),
        name,
      ).toBe(true);
    }
    expect(problems.join('\n')).toMatch(/腾讯云/);
  });

  it('explains wrong template lists', () => {
    const unknown = problemsOf({ ...aliyunEnv, UIA_SMS_TEMPLATES: `${ALIYUN_TEMPLATES},signup=SMS_9` }).join('\n');
    expect(unknown).toContain('"signup"');
    const missing = problemsOf({ ...aliyunEnv, UIA_SMS_TEMPLATES: 'register=SMS_1001,login=SMS_1002' }).join('\n');
    expect(missing).toContain('reset_password');
    expect(missing).toContain('notice_phone_changed');
    const tencentIdsForAliyun = problemsOf({ ...aliyunEnv, UIA_SMS_TEMPLATES: TENCENT_TEMPLATES }).join('\n');
    expect(tencentIdsForAliyun).toContain('SMS_123456789');
    expect(problemsOf({ ...aliyunEnv, UIA_SMS_SIGN_NAME: '【某市政务服务】' }).join('\n')).toContain('UIA_SMS_SIGN_NAME');
    expect(problemsOf({ UIA_SMS_PROVIDER: 'huawei' }).join('\n')).toContain('UIA_SMS_PROVIDER');
  });

  it('in production, starts with https, keys and a complete vendor SMS channel: the optional vendors default to none', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), ...PRODUCTION, ...tencentEnv });
    expect(config.mode).toBe('production');
    expect({ identity: config.identityRegistry, face: config.faceVerifier, business: config.businessRegistry, ip: config.ipDatabase }).toEqual({
      identity: null,
      face: null,
      business: null,
      ip: null,
    });
    expect(loadConfig({ DATA_DIR: dataDir(), ...PRODUCTION, ...tencentEnv, UIA_IP_DATABASE: 'offline' }).ipDatabase).toBe('offline');
    // The demo locator makes nothing up (本机/内网 or 未知地区): production may keep it.
    expect(loadConfig({ DATA_DIR: dataDir(), ...PRODUCTION, ...tencentEnv, UIA_IP_DATABASE: 'demo' }).ipDatabase).toBe('demo');
    expect(problemsOf({ ...PRODUCTION, ...aliyunEnv, UIA_SMS_ENDPOINT: 'http://sms-proxy.internal' }).some((p) => p.startsWith('UIA_SMS_ENDPOINT'))).toBe(true);
  });
});

const PRODUCTION = {
  UIA_MODE: 'production',
  PUBLIC_URL: 'https://idp.example.gov.cn',
  UIA_DATA_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  UIA_BLIND_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'),
  UIA_COOKIE_SECRETS: 'x'.repeat(40),
  UIA_TRUST_PROXY: '1',
};

describe('identity registry configuration (UIA_IDENTITY_PROVIDER)', () => {
  const config = (env: Record<string, string>) => loadConfig({ DATA_DIR: dataDir(), ...env });

  it('is the simulator in demo mode by default; none turns it off', () => {
    expect(config({}).identityRegistry).toEqual({ provider: 'simulated' });
    expect(config({ UIA_IDENTITY_PROVIDER: 'none' }).identityRegistry).toBeNull();
  });

  it('reads Tencent Cloud FaceID and Aliyun Cloudauth with their default endpoints and a 5 s timeout', () => {
    expect(config({ UIA_IDENTITY_PROVIDER: 'tencent', UIA_IDENTITY_SECRET_ID: 'AKIDx', UIA_IDENTITY_SECRET_KEY: 'key' }).identityRegistry).toEqual({
      provider: 'tencent',
      secretId: 'AKIDx',
      secretKey: 'key',
      endpoint: 'https://faceid.tencentcloudapi.com',
      timeoutMs: 5000,
    });
    expect(
      config({
        UIA_IDENTITY_PROVIDER: 'aliyun',
        UIA_IDENTITY_ACCESS_KEY_ID: 'LTAIx',
        UIA_IDENTITY_ACCESS_KEY_SECRET: 'secret',
        UIA_IDENTITY_ENDPOINT: 'https://cloudauth-vpc.cn-shanghai.aliyuncs.com/',
        UIA_IDENTITY_TIMEOUT_MS: '3000',
      }).identityRegistry,
    ).toEqual({
      provider: 'aliyun',
      accessKeyId: 'LTAIx',
      accessKeySecret: 'secret',
      endpoint: 'https://cloudauth-vpc.cn-shanghai.aliyuncs.com',
      timeoutMs: 3000,
    });
  });

  it('lists every problem of a vendor at once: missing secret, bad endpoint, bad timeout', () => {
    expect(problemsOf({ UIA_IDENTITY_PROVIDER: 'tencent', UIA_IDENTITY_SECRET_ID: 'AKIDx', UIA_IDENTITY_ENDPOINT: 'faceid', UIA_IDENTITY_TIMEOUT_MS: '10' })).toEqual([
      'UIA_IDENTITY_TIMEOUT_MS: 应为 200–30000 之间的毫秒数 / expected milliseconds between 200 and 30000',
      'UIA_IDENTITY_SECRET_KEY: 使用腾讯云实名核验 (Tencent Cloud FaceID)时必须配置 SecretKey / 腾讯云实名核验 (Tencent Cloud FaceID) needs SecretKey',
      'UIA_IDENTITY_ENDPOINT: 应为 https:// 地址 / expected a URL',
    ]);
    const aliyun = problemsOf({ UIA_IDENTITY_PROVIDER: 'aliyun' });
    expect(aliyun.map((problem) => problem.split(':')[0])).toEqual(['UIA_IDENTITY_ACCESS_KEY_ID', 'UIA_IDENTITY_ACCESS_KEY_SECRET']);
    expect(problemsOf({ UIA_IDENTITY_PROVIDER: 'baidu' })[0]).toMatch(/^UIA_IDENTITY_PROVIDER: /);
  });

  it('production takes a vendor over https only, and refuses the simulator', () => {
    const tencent = { UIA_IDENTITY_PROVIDER: 'tencent', UIA_IDENTITY_SECRET_ID: 'AKIDx', UIA_IDENTITY_SECRET_KEY: 'key' };
    expect(problemsOf({ ...PRODUCTION, ...tencentEnv, ...tencent }).some((problem) => problem.startsWith('UIA_IDENTITY'))).toBe(false);
    expect(problemsOf({ ...PRODUCTION, ...tencentEnv, ...tencent, UIA_IDENTITY_ENDPOINT: 'http://egress.internal/faceid' })).toContain(
      'UIA_IDENTITY_ENDPOINT: 生产模式必须使用 https:// 地址 / must be https in production',
    );
    expect(problemsOf({ ...PRODUCTION, ...tencentEnv, UIA_IDENTITY_PROVIDER: 'simulated' }).some((problem) => problem.startsWith('UIA_IDENTITY_PROVIDER'))).toBe(true);
  });
});

describe('business registry configuration (UIA_BUSINESS_REGISTRY)', () => {
  const exchange = {
    UIA_BUSINESS_REGISTRY: 'exchange',
    UIA_BUSINESS_REGISTRY_URL: 'https://dsep.example.gov.cn/api/v1/',
    UIA_BUSINESS_REGISTRY_APP_ID: 'uia-idp',
    UIA_BUSINESS_REGISTRY_SECRET: 's'.repeat(32),
  };

  it('is the simulator in demo mode by default; none turns it off', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).businessRegistry).toEqual({ provider: 'simulated' });
    expect(loadConfig({ DATA_DIR: dataDir(), UIA_BUSINESS_REGISTRY: 'none' }).businessRegistry).toBeNull();
  });

  it('reads the exchange, with the optional key of hashed ID numbers', () => {
    const key = Buffer.alloc(32, 7);
    expect(loadConfig({ DATA_DIR: dataDir(), ...exchange, UIA_BUSINESS_REGISTRY_ID_HASH_KEY: key.toString('base64') }).businessRegistry).toEqual({
      provider: 'exchange',
      baseUrl: 'https://dsep.example.gov.cn/api/v1',
      appId: 'uia-idp',
      appSecret: 's'.repeat(32),
      idNumberHashKey: key,
      timeoutMs: 5000,
    });
    expect(loadConfig({ DATA_DIR: dataDir(), ...exchange }).businessRegistry).toMatchObject({ idNumberHashKey: null });
  });

  it('lists every problem at once: missing secret, bad URL, short hash key, bad timeout', () => {
    const problems = problemsOf({
      UIA_BUSINESS_REGISTRY: 'exchange',
      UIA_BUSINESS_REGISTRY_URL: 'dsep',
      UIA_BUSINESS_REGISTRY_APP_ID: 'uia-idp',
      UIA_BUSINESS_REGISTRY_ID_HASH_KEY: 'c2hvcnQ=',
      UIA_BUSINESS_REGISTRY_TIMEOUT_MS: 'soon',
    });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'UIA_BUSINESS_REGISTRY_URL',
      'UIA_BUSINESS_REGISTRY_SECRET',
      'UIA_BUSINESS_REGISTRY_ID_HASH_KEY',
      'UIA_BUSINESS_REGISTRY_TIMEOUT_MS',
    ]);
    expect(problemsOf({ ...exchange, UIA_BUSINESS_REGISTRY_SECRET: 'short' })).toEqual(['UIA_BUSINESS_REGISTRY_SECRET: 至少 16 个字符 / at least 16 characters']);
  });

  it('production takes the exchange over https only', () => {
    expect(problemsOf({ ...PRODUCTION, ...tencentEnv, ...exchange }).some((problem) => problem.startsWith('UIA_BUSINESS_REGISTRY'))).toBe(false);
    expect(problemsOf({ ...PRODUCTION, ...tencentEnv, ...exchange, UIA_BUSINESS_REGISTRY_URL: 'http://dsep.internal' })).toContain(
      'UIA_BUSINESS_REGISTRY_URL: 生产模式必须使用 https:// 地址 / must be https in production',
    );
  });
});

describe('docs/deploy/uia.env.example', () => {
  const example = readFileSync(new URL('../../../docs/deploy/uia.env.example', import.meta.url), 'utf8');
  /** The file as systemd reads it (KEY=value lines), with its key placeholders replaced by real keys. */
  const env = Object.fromEntries(
    example
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [
        line.slice(0, line.indexOf('=')),
        line.slice(line.indexOf('=') + 1).replace(/REPLACE-WITH-openssl-rand-base64-(\d+)=?/, (_, bytes: string) => randomBytes(Number(bytes)).toString('base64')),
      ]),
  );

  it('holds no real secret: its keys are placeholders the platform refuses', () => {
    const asShipped = Object.fromEntries(
      example
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    const problems = problemsOf({ ...asShipped, DATA_DIR: dataDir() }).join('\n');
    for (const name of ['UIA_DATA_KEYS', 'UIA_BLIND_INDEX_KEY']) expect(problems).toContain(`${name}:`);
  });

  it('is otherwise a valid production configuration: no problem names a variable it sets', () => {
    const problems = problemsOf({ ...env, DATA_DIR: dataDir() });
    expect(problems.filter((problem) => Object.keys(env).some((name) => problem.startsWith(`${name}:`)))).toEqual([]);
    expect(env.UIA_MODE).toBe('production');
  });
});

describe('face verifier configuration', () => {
  const production = { ...PRODUCTION, ...tencentEnv };
  const faceProblems = (env: Record<string, string>) => problemsOf(env).filter((p) => p.startsWith('UIA_FACE_'));

  it('is the simulator in demo mode, none in production, and none when asked', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).faceVerifier).toEqual({ provider: 'simulated' });
    expect(loadConfig({ DATA_DIR: dataDir(), UIA_FACE_PROVIDER: 'none' }).faceVerifier).toBeNull();
    expect(faceProblems(production)).toEqual([]);
    expect(faceProblems({ ...production, UIA_FACE_PROVIDER: 'simulated' })).toEqual([expect.stringMatching(/^UIA_FACE_PROVIDER: simulated 是演示用模拟器/)]);
    expect(faceProblems({ UIA_FACE_PROVIDER: 'baidu' })).toEqual([expect.stringMatching(/^UIA_FACE_PROVIDER:/)]);
  });

  it('reads Tencent Cloud FaceID with its defaults and overrides', () => {
    const env = { DATA_DIR: dataDir(), UIA_FACE_PROVIDER: 'tencent', UIA_FACE_SECRET_ID: 'AKIDFace', UIA_FACE_SECRET_KEY: 'face-secret' };
    expect(loadConfig(env).faceVerifier).toEqual({
      provider: 'tencent',
      secretId: 'AKIDFace',
      secretKey: 'face-secret',
      region: 'ap-guangzhou',
      endpoint: 'https://faceid.tencentcloudapi.com',
      timeoutMs: 15_000,
    });
    expect(loadConfig({ ...env, UIA_FACE_REGION: 'ap-beijing', UIA_FACE_ENDPOINT: 'http://127.0.0.1:9000/', UIA_FACE_TIMEOUT_MS: '8000' }).faceVerifier).toMatchObject({
      region: 'ap-beijing',
      endpoint: 'http://127.0.0.1:9000',
      timeoutMs: 8000,
    });
  });

  it('reads Aliyun Cloudauth with its scene', () => {
    const env = { DATA_DIR: dataDir(), UIA_FACE_PROVIDER: 'aliyun', UIA_FACE_ACCESS_KEY_ID: 'LTAI5tFace', UIA_FACE_ACCESS_KEY_SECRET: 'face-secret', UIA_FACE_SCENE_ID: '1000000006' };
    expect(loadConfig(env).faceVerifier).toEqual({
      provider: 'aliyun',
      accessKeyId: 'LTAI5tFace',
      accessKeySecret: 'face-secret',
      sceneId: '1000000006',
      endpoint: 'https://cloudauth.aliyuncs.com',
      timeoutMs: 15_000,
    });
  });

  it('names everything a vendor is missing or has wrong, at once', () => {
    expect(faceProblems({ UIA_FACE_PROVIDER: 'tencent' }).map((p) => p.split(':')[0])).toEqual(['UIA_FACE_SECRET_ID', 'UIA_FACE_SECRET_KEY']);
    expect(faceProblems({ UIA_FACE_PROVIDER: 'aliyun' }).map((p) => p.split(':')[0])).toEqual(['UIA_FACE_ACCESS_KEY_ID', 'UIA_FACE_ACCESS_KEY_SECRET', 'UIA_FACE_SCENE_ID']);
    expect(faceProblems({ UIA_FACE_PROVIDER: 'aliyun' }).join('\n')).toMatch(/阿里云/);
    const wrong = faceProblems({ UIA_FACE_PROVIDER: 'aliyun', UIA_FACE_SCENE_ID: 'scene-1', UIA_FACE_TIMEOUT_MS: '50', UIA_FACE_REGION: 'Guangzhou' }).map((p) => p.split(':')[0]);
    expect(wrong).toEqual(expect.arrayContaining(['UIA_FACE_SCENE_ID', 'UIA_FACE_TIMEOUT_MS', 'UIA_FACE_REGION']));
    expect(faceProblems({ ...production, UIA_FACE_PROVIDER: 'tencent', UIA_FACE_SECRET_ID: 'AKIDFace', UIA_FACE_SECRET_KEY: 'k', UIA_FACE_ENDPOINT: 'http://faceid.internal' })).toEqual([
      expect.stringMatching(/^UIA_FACE_ENDPOINT: 生产模式必须使用 https/),
    ]);
  });

  it('runs the simulators by default in demo mode, and switches each optional vendor off with none', () => {
    const demo = loadConfig({ DATA_DIR: dataDir() });
    expect({ identity: demo.identityRegistry, face: demo.faceVerifier, business: demo.businessRegistry, ip: demo.ipDatabase }).toEqual({
      identity: { provider: 'simulated' },
      face: { provider: 'simulated' },
      business: { provider: 'simulated' },
      ip: 'demo',
    });
    const off = loadConfig({ DATA_DIR: dataDir(), UIA_IDENTITY_PROVIDER: 'none', UIA_FACE_PROVIDER: 'none', UIA_BUSINESS_REGISTRY: 'none', UIA_IP_DATABASE: 'none' });
    expect({ identity: off.identityRegistry, face: off.faceVerifier, business: off.businessRegistry, ip: off.ipDatabase }).toEqual({ identity: null, face: null, business: null, ip: null });
    expect(problemsOf({ UIA_FACE_PROVIDER: 'magic' }).join('\n')).toContain('UIA_FACE_PROVIDER');
  });

  it('refuses every simulator in production, all at once, saying to set none', () => {
    const problems = problemsOf({ ...production, ...tencentEnv, UIA_IDENTITY_PROVIDER: 'simulated', UIA_FACE_PROVIDER: 'simulated', UIA_BUSINESS_REGISTRY: 'simulated' });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual(['UIA_IDENTITY_PROVIDER', 'UIA_FACE_PROVIDER', 'UIA_BUSINESS_REGISTRY']);
    for (const problem of problems) expect(problem).toContain('none');
  });
});
