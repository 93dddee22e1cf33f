import { mkdtempSync } from 'node:fs';
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

  it('caps agents per entity at UIA_ENTITY_MAX_AGENTS (default 5, 1–100)', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).entityMaxAgents).toBe(5);
    expect(loadConfig({ DATA_DIR: dataDir(), UIA_ENTITY_MAX_AGENTS: '12' }).entityMaxAgents).toBe(12);
    for (const wrong of ['0', '101', 'many']) {
      expect(() => loadConfig({ DATA_DIR: dataDir(), UIA_ENTITY_MAX_AGENTS: wrong })).toThrow(/UIA_ENTITY_MAX_AGENTS/);
    }
  });

  it('reads the storage timeouts (statement 5 s, Redis command 1 s by default) and refuses values out of range', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).storageTimeouts).toEqual({ statementMs: 5000, redisCommandMs: 1000 });
    expect(loadConfig({ DATA_DIR: dataDir(), UIA_DB_STATEMENT_TIMEOUT_MS: '2000', UIA_REDIS_COMMAND_TIMEOUT_MS: '500' }).storageTimeouts).toEqual({ statementMs: 2000, redisCommandMs: 500 });
    expect(() => loadConfig({ DATA_DIR: dataDir(), UIA_DB_STATEMENT_TIMEOUT_MS: '0', UIA_REDIS_COMMAND_TIMEOUT_MS: 'soon' })).toThrow(/UIA_DB_STATEMENT_TIMEOUT_MS[\s\S]*UIA_REDIS_COMMAND_TIMEOUT_MS|UIA_REDIS_COMMAND_TIMEOUT_MS[\s\S]*UIA_DB_STATEMENT_TIMEOUT_MS/);
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

  it('refuses production mode without keys, https or real adapters', () => {
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
      expect(problems).toContain('UIA_IDENTITY_REGISTRY');
      expect(problems).toContain('UIA_FACE_VERIFIER');
    }
  });

  it('believes X-Forwarded-For only as far as configured, and never blindly in production', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), UIA_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ DATA_DIR: dataDir(), UIA_TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(() => loadConfig({ DATA_DIR: dataDir(), UIA_TRUST_PROXY: 'yes please' })).toThrow(ConfigError);
    expect(problemsOf({ UIA_MODE: 'production', UIA_TRUST_PROXY: 'true' }).some((p) => p.startsWith('UIA_TRUST_PROXY'))).toBe(true);
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
const tencentEnv = { UIA_SMS_PROVIDER: 'tencent', UIA_SMS_SIGN_NAME: '某市政务服务', UIA_SMS_TEMPLATES: TENCENT_TEMPLATES, UIA_SMS_ACCESS_KEY_ID: 'AKIDExample', UIA_SMS_ACCESS_KEY_SECRET: 'secret', UIA_SMS_SDK_APP_ID: '1400006666' };

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
      expect(problems.some((p) => p.startsWith(`${name}:`)), name).toBe(true);
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

  it('in production, accepts a complete vendor channel (only the simulators still stop it)', () => {
    const production = { UIA_MODE: 'production', PUBLIC_URL: 'https://idp.example.gov.cn', UIA_DATA_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`, UIA_BLIND_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'), UIA_COOKIE_SECRETS: 'x'.repeat(40) };
    expect(problemsOf({ ...production, ...tencentEnv })).toEqual([
      'UIA_IDENTITY_REGISTRY: 本版本只有实名核验模拟器，不能用于生产 / only the simulated identity registry exists in this version',
      'UIA_FACE_VERIFIER: 本版本只有人脸识别模拟器，不能用于生产 / only the simulated face verifier exists in this version',
      'UIA_BUSINESS_REGISTRY: 本版本只有企业登记信息模拟器，不能用于生产 / only the simulated business registry exists in this version',
    ]);
    expect(problemsOf({ ...production, ...aliyunEnv, UIA_SMS_ENDPOINT: 'http://sms-proxy.internal' }).some((p) => p.startsWith('UIA_SMS_ENDPOINT'))).toBe(true);
  });
});
