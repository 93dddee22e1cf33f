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
    }
  });
});
