import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_CLIENT_SECRET, loadConfig } from './config.ts';
import { html } from './html.ts';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('loadConfig', () => {
  it('has demo defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3001);
    expect(config.host).toBe('127.0.0.1');
    expect(config.issuer.href).toBe('http://localhost:3000/oidc');
    expect(config.clientId).toBe('edu-portal');
    expect(config.clientSecret).toBe(DEMO_CLIENT_SECRET);
    expect(config.baseUrl).toBe('http://localhost:3001');
    expect(config.redirectUri).toBe('http://localhost:3001/callback');
    expect(config.postLogoutRedirectUri).toBe('http://localhost:3001/');
    expect(config.allowInsecureIssuer).toBe(true);
    expect(config.secureCookies).toBe(false);
    expect(config.acrValues).toBeUndefined();
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    // Random per process when absent.
    expect(loadConfig({}).sessionSecret).not.toBe(config.sessionSecret);
  });

  it('reads overrides and normalises the base URL', () => {
    const config = loadConfig({
      EDU_PORT: '4001',
      EDU_ISSUER: 'https://id.example.gov/oidc',
      EDU_BASE_URL: 'https://edu.example.gov/',
      EDU_CLIENT_ID: 'edu',
      EDU_CLIENT_SECRET: 's3cret',
      EDU_SESSION_SECRET: 'x'.repeat(40),
      EDU_ACR_VALUES: ' L3  L4 ',
    });
    expect(config.port).toBe(4001);
    expect(config.baseUrl).toBe('https://edu.example.gov');
    expect(config.redirectUri).toBe('https://edu.example.gov/callback');
    expect(config.allowInsecureIssuer).toBe(false);
    expect(config.secureCookies).toBe(true);
    expect(config.acrValues).toBe('L3 L4');
  });

  it('reports every problem in Chinese and English', () => {
    const list = problems({
      EDU_PORT: '70000',
      EDU_ISSUER: 'http://id.example.gov/oidc',
      EDU_BASE_URL: 'ftp://x',
      EDU_SESSION_SECRET: 'short',
      EDU_ACR_VALUES: 'L5',
    });
    expect(list).toHaveLength(5);
    expect(list[0]).toContain('EDU_PORT 必须是');
    expect(list[0]).toContain('must be an integer');
    expect(list[1]).toContain('只有在本机');
    expect(list.join('\n')).toContain('EDU_SESSION_SECRET 至少需要 32 个字符');
    expect(list.join('\n')).toContain('EDU_ACR_VALUES');
  });

  it('allows http only for a loopback issuer', () => {
    expect(loadConfig({ EDU_ISSUER: 'http://127.0.0.1:3000/oidc' }).allowInsecureIssuer).toBe(true);
    expect(problems({ EDU_ISSUER: 'http://10.0.0.5:3000/oidc' })).toHaveLength(1);
    expect(problems({ EDU_BASE_URL: 'http://localhost:3001/portal' })).toHaveLength(1);
  });

  it('refuses demo secrets and http in production mode', () => {
    const list = problems({ UIA_MODE: 'production' });
    expect(list.join('\n')).toContain('EDU_CLIENT_SECRET');
    expect(list.join('\n')).toContain('EDU_SESSION_SECRET');
    expect(list.join('\n')).toContain('EDU_ISSUER');
    expect(list.join('\n')).toContain('EDU_BASE_URL');
    expect(
      problems({
        UIA_MODE: 'production',
        EDU_ISSUER: 'https://id.example.gov/oidc',
        EDU_BASE_URL: 'https://edu.example.gov',
        EDU_CLIENT_SECRET: 'a-real-secret',
        EDU_SESSION_SECRET: 'y'.repeat(48),
      }),
    ).toEqual([]);
  });
});

describe('html', () => {
  it('escapes every interpolation except nested html', () => {
    const name = '<img src=x onerror="alert(1)">&\'`';
    const out = html`<p title="${name}">${name}${html`<b>${'<i>'}</b>`}${[html`<br>`, '<hr>']}${undefined}${false}</p>`.value;
    expect(out).toBe('<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;&#96;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;&#96;<b>&lt;i&gt;</b><br>&lt;hr&gt;</p>');
  });
});
