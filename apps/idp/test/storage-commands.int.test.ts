// How many SQL statements and Redis commands a password login and a refresh
// grant cost on PostgreSQL + Redis (docs/architecture.md, 每次登录/授权的存储操作).
// The bounds are today's counts: a change that adds a round trip to a hot path
// has to raise them here and say why in the table.
import { Redis } from 'ioredis';
import pg from 'pg';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestPlatform, type TestPlatform } from './harness.ts';
import { discover, followToRp, startLogin } from './relying-party.ts';

const missing = ['DATABASE_URL', 'REDIS_URL'].filter((name) => !process.env[name]);
const title = missing.length ? `storage operations per login and grant — skipped: set ${missing.join(' and ')}` : 'storage operations per login and grant (PostgreSQL + Redis)';

/** Counts what this process sends to PostgreSQL and Redis while `during` runs, by statement kind and command name. */
async function countStorage(during: () => Promise<void>) {
  const sqlStatements: string[] = [];
  const redisCommands: string[] = [];
  const query: typeof pg.Client.prototype.query = Reflect.get(pg.Client.prototype, 'query');
  const sendCommand: typeof Redis.prototype.sendCommand = Reflect.get(Redis.prototype, 'sendCommand');
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text;
    sqlStatements.push(text.replace(/\s+/g, ' ').slice(0, 60));
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  Redis.prototype.sendCommand = function (this: Redis, command: { name: string; args: unknown[] }, ...rest: unknown[]) {
    const key = String(command.name === 'eval' ? command.args[2] : command.args[0])
      .replace(/^uia-test-\w+:/, '')
      .slice(0, 40);
    if (!['subscribe', 'unsubscribe', 'info'].includes(command.name)) redisCommands.push(`${command.name} ${key}`);
    return (sendCommand as (...a: unknown[]) => unknown).call(this, command, ...rest);
  };
  try {
    await during();
  } finally {
    pg.Client.prototype.query = query;
    Redis.prototype.sendCommand = sendCommand;
  }
  return { sqlStatements, redisCommands };
}

/** The login as `bench/` measures it: /oidc/auth → captcha → 账号登录 → redirects until the RP's callback has its code. */
async function passwordLoginToCallback(t: TestPlatform, config: client.Configuration, authorization: Record<string, string> = {}) {
  const browser = new Browser(t.baseUrl);
  const login = await startLogin(browser, config, authorization);
  const captcha = await browser.solvedCaptcha();
  const answer = await browser.json(`/interaction/${login.uid}/login`, { json: { identifier: 'zhangsan', password: 'Demo@2026pw', ...captcha } });
  expect(answer.status).toBe(200);
  return { browser, login, next: answer.body.redirectTo as string };
}

// docs/architecture.md lists each of them and why it is needed.
const LOGIN_SQL = 5;
const LOGIN_REDIS = 23;
const GRANT_SQL = 3;
const GRANT_REDIS = 2;

describe.skipIf(missing.length > 0)(title, () => {
  let t: TestPlatform;
  let config: client.Configuration;
  beforeAll(async () => {
    t = await startTestPlatform();
    config = await discover(t.baseUrl);
    // Warm: the first use of a client or a statement may cost more than the steady state.
    const { browser, login, next } = await passwordLoginToCallback(t, config, { prompt: 'consent', scope: 'openid offline_access profile phone id_card' });
    const consent = await browser.followUntil(next, `${t.baseUrl}/interaction/`);
    const confirmed = await browser.json(`${consent.pathname}/confirm`, { method: 'POST' });
    const callback = await followToRp(browser, confirmed.body.redirectTo);
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: login.verifier, expectedState: login.state, expectedNonce: login.nonce });
    refreshToken = tokens.refresh_token!;
    refreshToken = (await client.refreshTokenGrant(config, refreshToken)).refresh_token!;
  });
  afterAll(() => t?.stop());
  let refreshToken: string;

  it('a password login (captcha, 账号登录, back to the relying party) stays within its SQL statements and Redis commands', async () => {
    const counted = await countStorage(async () => {
      const browser = new Browser(t.baseUrl);
      const login = await startLogin(browser, config);
      const captcha = await browser.solvedCaptcha();
      const answer = await browser.json(`/interaction/${login.uid}/login`, { json: { identifier: 'zhangsan', password: 'Demo@2026pw', ...captcha } });
      expect(answer.status).toBe(200);
      expect((await followToRp(browser, answer.body.redirectTo)).searchParams.get('code')).toBeTruthy();
    });
    console.info('password login', counted);
    expect(counted.sqlStatements.length).toBeLessThanOrEqual(LOGIN_SQL);
    expect(counted.redisCommands.length).toBeLessThanOrEqual(LOGIN_REDIS);
  });

  it('a refresh grant stays within its SQL statements and Redis commands', async () => {
    const counted = await countStorage(async () => {
      refreshToken = (await client.refreshTokenGrant(config, refreshToken)).refresh_token!;
    });
    console.info('refresh grant', counted);
    expect(counted.sqlStatements.length).toBeLessThanOrEqual(GRANT_SQL);
    expect(counted.redisCommands.length).toBeLessThanOrEqual(GRANT_REDIS);
  });

  it('a refresh grant of a token that ends with the platform session (no offline_access, as bench/ logs in) reads the Session in the same statement', async () => {
    const { browser, login, next } = await passwordLoginToCallback(t, config);
    const callback = await followToRp(browser, next);
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: login.verifier, expectedState: login.state, expectedNonce: login.nonce });
    let sessionBound = (await client.refreshTokenGrant(config, tokens.refresh_token!)).refresh_token!;
    const counted = await countStorage(async () => {
      sessionBound = (await client.refreshTokenGrant(config, sessionBound)).refresh_token!;
    });
    console.info('session-bound refresh grant', counted);
    expect(counted.sqlStatements.length).toBeLessThanOrEqual(GRANT_SQL);
    expect(counted.redisCommands.length).toBeLessThanOrEqual(GRANT_REDIS);
  });
});
