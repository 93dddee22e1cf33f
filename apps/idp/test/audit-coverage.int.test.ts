// The audit trail is complete (issue 11): refresh grants and their refusals, replayed codes and refresh
// tokens, wrong client credentials, token revocation, every logout, SMS sends refused by limits,
// registration refusals, captcha failures, per-IP limit hits, account lock and unlock, signing-key
// rotation — each its own event, with its outcome, and never a person's name, ID number or phone.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import * as client from 'openid-client';
import { APP_API_PATHS, REGISTRATION_PATHS, USER_CENTER_PATHS } from '@uia/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../src/adapters/sql/database.ts';
import { DEMO_ACCOUNT } from '../src/demo/demo-data.ts';
import type { StoredAuditEvent } from '../src/ports/audit-log.ts';
import { loggedInApp } from './app-helpers.ts';
import { Browser, prepareTestEnvironment, startTestPlatform, type TestPlatform } from './harness.ts';
import { passwordAttempt, pausePasswordLogin } from './login-throttle-helpers.ts';
import { appQr, pcQr } from './qr-helpers.ts';
import { newPerson, registerCitizen, sendRegisterCode } from './registration-helpers.ts';
import { discover, passwordLogin, RP, startLogin, useRelyingPartyPlatform } from './relying-party.ts';
import { userCenterLogin } from './user-center-helpers.ts';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const backend = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

type Database = TestPlatform['platform']['database'];

/** Every stored audit row as the table holds it, every column. */
const storedRows = (db: Database) => db.selectFrom('audit_events').selectAll().orderBy('at', 'asc').execute();

async function storedEvents(db: Database): Promise<StoredAuditEvent[]> {
  return (await storedRows(db)).map((row) => ({
    id: row.id,
    at: Number(row.at),
    type: row.type,
    outcome: row.outcome as StoredAuditEvent['outcome'],
    accountId: row.account_id,
    clientId: row.client_id,
    ip: row.ip,
    detail: row.detail ? (JSON.parse(row.detail) as StoredAuditEvent['detail']) : undefined,
  }));
}

describe(`the audit trail is complete (${backend})`, () => {
  const rp = useRelyingPartyPlatform();
  type Person = ReturnType<typeof newPerson>;
  const people: Person[] = [];

  const events = async (type: string, where: (event: StoredAuditEvent) => boolean = () => true) => (await storedEvents(rp.t.platform.database)).filter((event) => event.type === type && where(event));
  const subOf = (tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers) => tokens.claims()!.sub;

  async function citizen() {
    const person = await registerCitizen(new Browser(rp.t.baseUrl));
    people.push(person);
    return person;
  }

  /** Names, ID numbers and phones of the demo person and of everyone registered here: none in any stored row. */
  async function expectNoPersonalData() {
    const stored = JSON.stringify(await storedRows(rp.t.platform.database));
    for (const person of [DEMO_ACCOUNT, ...people]) {
      for (const value of [person.name, person.idNumber, person.phone]) expect(stored).not.toContain(value);
    }
  }

  let person: Person;
  beforeAll(async () => {
    person = await citizen();
  });

  it('audits refresh grants, a refused refresh token and a replayed one (its grant revoked)', async () => {
    const { tokens } = await passwordLogin(new Browser(rp.t.baseUrl), rp.config, person.username, person.password);
    const accountId = subOf(tokens);
    const refreshed = await client.refreshTokenGrant(rp.config, tokens.refresh_token!);
    expect(await events('token.refresh', (event) => event.accountId === accountId)).toMatchObject([{ outcome: 'success', clientId: RP.clientId }]);

    // The first refresh token was rotated away: presenting it again is a replay, and oidc-provider revokes the grant…
    await expect(client.refreshTokenGrant(rp.config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await events('token.replay', (event) => event.accountId === accountId)).toMatchObject([
      { outcome: 'failure', clientId: RP.clientId, detail: { token: 'refresh_token', grantRevoked: true } },
    ]);
    // …so the newer one is refused too.
    await expect(client.refreshTokenGrant(rp.config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    const refused = await events('token.refresh', (event) => event.outcome === 'failure' && event.clientId === RP.clientId);
    expect(refused.at(-1)?.detail).toMatchObject({ error: 'invalid_grant' });
    await expectNoPersonalData();
  });

  it('audits a replayed authorization code as token.replay with its grant revoked', async () => {
    const { tokens, callback, login } = await passwordLogin(new Browser(rp.t.baseUrl), rp.config, person.username, person.password);
    const replays = async () => events('token.replay', (event) => event.detail?.token === 'authorization_code');
    const before = (await replays()).length;
    await expect(client.authorizationCodeGrant(rp.config, callback, { pkceCodeVerifier: login.verifier, expectedState: login.state, expectedNonce: login.nonce })).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    expect((await replays()).slice(before)).toMatchObject([{ outcome: 'failure', clientId: RP.clientId, detail: { grantRevoked: true } }]);
    // The revoked grant took the tokens of the first exchange with it.
    await expect(client.fetchUserInfo(rp.config, tokens.access_token, subOf(tokens))).rejects.toBeTruthy();
    await expectNoPersonalData();
  });

  it('audits wrong client credentials as client.auth', async () => {
    const before = (await events('client.auth')).length;
    const impostor = await client.discovery(new URL(rp.t.issuer), RP.clientId, 'not-the-secret', client.ClientSecretBasic('not-the-secret'), { execute: [client.allowInsecureRequests] });
    await expect(client.refreshTokenGrant(impostor, 'any-refresh-token')).rejects.toMatchObject({ status: 401 });
    expect((await events('client.auth')).slice(before)).toMatchObject([{ outcome: 'failure', clientId: RP.clientId, detail: { reason: 'wrong_secret', endpoint: 'token' } }]);
    // No grant event for the same refusal: it is the client's, not the grant's.
    expect(await events('token.refresh', (event) => event.detail?.error === 'invalid_client')).toEqual([]);
  });

  it('audits token revocation with the kind of token revoked', async () => {
    const { tokens } = await passwordLogin(new Browser(rp.t.baseUrl), rp.config, person.username, person.password);
    await client.tokenRevocation(rp.config, tokens.refresh_token!);
    expect(await events('token.revoke', (event) => event.accountId === subOf(tokens))).toMatchObject([{ outcome: 'success', clientId: RP.clientId, detail: { tokenKind: 'refresh_token' } }]);
    await expectNoPersonalData();
  });

  it('audits every logout: OIDC end_session, the user center’s 退出登录 and 退出其他设备, the app’s 退出登录 and a revoked app session', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const { tokens } = await passwordLogin(browser, rp.config, person.username, person.password);
    const accountId = subOf(tokens);
    const endPage = await browser.request(client.buildEndSessionUrl(rp.config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: RP.postLogoutRedirectUri }).href);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(await endPage.text())?.[1];
    const confirm = await browser.request('/oidc/session/end/confirm', {
      method: 'POST',
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(confirm.status).toBe(303);
    expect(await events('session.logout', (event) => event.accountId === accountId)).toMatchObject([{ outcome: 'success', ip: browser.ip, detail: { scope: 'platform' } }]);

    const desk = new Browser(rp.t.baseUrl);
    const laptop = new Browser(rp.t.baseUrl);
    await userCenterLogin(desk, person.username, person.password);
    await userCenterLogin(laptop, person.username, person.password);
    expect((await desk.json('/api/account/sessions/end-others', { json: {} })).status).toBe(200);
    expect(await events('session.end_others', (event) => event.ip === desk.ip)).toMatchObject([{ outcome: 'success', accountId, detail: { browsers: expect.any(Number) } }]);
    expect((await desk.json(USER_CENTER_PATHS.logout, { json: {} })).status).toBe(200);
    expect(await events('user_center.logout', (event) => event.ip === desk.ip)).toMatchObject([{ outcome: 'success', accountId, detail: { hadSession: true } }]);

    const realName = { idType: person.idType, name: person.name, idNumber: person.idNumber };
    const phone = await loggedInApp(rp.t.baseUrl, realName);
    const tablet = await loggedInApp(rp.t.baseUrl, realName);
    expect((await phone.browser.request(APP_API_PATHS.revokeSession.replace(':id', tablet.session.id), { json: {} })).status).toBeLessThan(300);
    expect(await events('app.session_revoke', (event) => event.ip === phone.browser.ip)).toMatchObject([{ outcome: 'success', accountId }]);
    expect((await phone.browser.request(APP_API_PATHS.logout, { json: {} })).status).toBeLessThan(300);
    expect(await events('app.logout', (event) => event.ip === phone.browser.ip)).toMatchObject([{ outcome: 'success', accountId }]);
    await expectNoPersonalData();
  });

  it('audits SMS sends refused by a limit, registration refusals, captcha failures and a per-IP limit hit (once)', async () => {
    const browser = new Browser(rp.t.baseUrl);
    const stranger = newPerson();
    people.push(stranger);
    expect((await sendRegisterCode(browser, stranger.phone)).status).toBe(200);
    expect((await sendRegisterCode(browser, stranger.phone)).body.error.code).toBe('SMS_RESEND_TOO_SOON');
    expect(await events('sms.send', (event) => event.ip === browser.ip && event.outcome === 'failure')).toMatchObject([{ detail: { reason: 'SMS_RESEND_TOO_SOON', purpose: 'register' } }]);

    const code = await browser.latestSmsCode(stranger.phone);
    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect((await browser.json(REGISTRATION_PATHS.register, { json: { ...stranger, smsCode: wrongCode, agreeTerms: true } })).body.error.code).toBe('SMS_CODE_INVALID');
    expect((await browser.json(REGISTRATION_PATHS.register, { json: { ...stranger, username: person.username, smsCode: code, agreeTerms: true } })).body.error.code).toBe('USERNAME_TAKEN');
    expect((await events('account.register', (event) => event.ip === browser.ip)).map((event) => [event.outcome, event.detail?.reason])).toEqual([
      ['failure', 'SMS_CODE_INVALID'],
      ['failure', 'USERNAME_TAKEN'],
    ]);

    const captcha = await browser.solvedCaptcha();
    const refused = await browser.json(REGISTRATION_PATHS.sendSms, { json: { phone: stranger.phone, purpose: 'register', captchaId: captcha.captchaId, captchaAnswer: `${captcha.captchaAnswer}X` } });
    expect(refused.body.error.code).toBe('CAPTCHA_INVALID');
    expect(await events('captcha.verify', (event) => event.ip === browser.ip)).toMatchObject([{ outcome: 'failure', detail: { reason: 'CAPTCHA_INVALID' } }]);

    // 立即注册's budget per address (20 an hour) counts before the body is read: empty bodies spend it.
    const flooder = new Browser(rp.t.baseUrl);
    const answers: number[] = [];
    for (let attempt = 0; attempt < 22; attempt += 1) answers.push((await flooder.request(REGISTRATION_PATHS.register, { json: {} })).status);
    expect(answers.slice(20)).toEqual([429, 429]);
    expect(await events('rate_limit.hit', (event) => event.ip === flooder.ip)).toMatchObject([{ outcome: 'failure', detail: { rule: 'register:ip', limit: 20 } }]);
    await expectNoPersonalData();
  });

  it('audits account lock (a source waits, the daily pause) and unlock (扫码登录 lifts the pause) as events of their own', async () => {
    const owner = await citizen();
    const guesser = new Browser(rp.t.baseUrl);
    const { uid } = await startLogin(guesser, rp.config);
    for (let attempt = 0; attempt < 5; attempt += 1) await passwordAttempt(guesser, uid, owner.username, `Wrong#guess${attempt}`);
    const [sourceLock] = await events('account.locked', (event) => event.ip === guesser.ip);
    expect(sourceLock).toMatchObject({ outcome: 'failure', detail: { scope: 'source', source: 'address', failures: 5, waitSeconds: 60 } });
    const accountId = sourceLock!.accountId!;

    await pausePasswordLogin(rp.t.baseUrl, rp.config, owner.username);
    expect(await events('account.locked', (event) => event.accountId === accountId && event.detail?.scope === 'account')).toMatchObject([{ outcome: 'failure' }]);

    const phone = await loggedInApp(rp.t.baseUrl, { idType: owner.idType, name: owner.name, idNumber: owner.idNumber });
    const pc = new Browser(rp.t.baseUrl);
    const login = await startLogin(pc, rp.config);
    const qr = (await pcQr.create(pc, login.uid)).body;
    expect((await appQr.scan(phone.browser, qr.id)).status).toBe(200);
    expect((await appQr.confirm(phone.browser, qr.id)).status).toBe(200);
    expect((await pcQr.complete(pc, login.uid, qr.id)).status).toBe(200);
    expect(await events('account.unlocked', (event) => event.accountId === accountId)).toMatchObject([{ outcome: 'success', ip: pc.ip, detail: { scope: 'account', via: 'qr' } }]);
    await expectNoPersonalData();
  });
});

describe(`signing-key rotation is audited (${backend})`, () => {
  it('npm run keys:rotate (cli/rotate-signing-key.ts) records signing_key.rotate with the new key ids', async () => {
    const environment = await prepareTestEnvironment();
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'apps/idp/src/cli/rotate-signing-key.ts'], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...environment.env } });
      const database = openDatabase({ databaseUrl: environment.env.DATABASE_URL, dataDir: environment.env.DATA_DIR! });
      try {
        await migrateToLatest(database.db);
        const [rotation] = await storedEvents(database.db);
        expect(rotation).toMatchObject({ type: 'signing_key.rotate', outcome: 'success', detail: { via: 'cli', algs: 'RS256 ES256' } });
        for (const kid of String(rotation!.detail!.kids).split(' ')) expect(stdout).toContain(kid);
      } finally {
        await database.close();
      }
    } finally {
      await environment.cleanUp();
    }
  });
});

describe(`an audit record that cannot be written (${backend})`, () => {
  const logLines: string[] = [];
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({ env: { UIA_LOG_LEVEL: 'error' }, logStream: { write: (line) => void logLines.push(line) } });
  });
  afterAll(() => t?.stop());

  /** Inserts into audit_events fail until the returned function is called. */
  async function refuseAuditInserts(db: Database): Promise<() => Promise<void>> {
    if (process.env.DATABASE_URL) {
      await sql`create function refuse_audit_insert() returns trigger language plpgsql as $$ begin raise exception 'audit store unavailable'; end $$`.execute(db);
      await sql`create trigger refuse_audit_insert before insert on audit_events for each row execute function refuse_audit_insert()`.execute(db);
      return async () => {
        await sql`drop trigger refuse_audit_insert on audit_events`.execute(db);
        await sql`drop function refuse_audit_insert()`.execute(db);
      };
    }
    await sql`create trigger refuse_audit_insert before insert on audit_events begin select raise(abort, 'audit store unavailable'); end`.execute(db);
    return async () => {
      await sql`drop trigger refuse_audit_insert`.execute(db);
    };
  }

  it('leaves an answered refresh grant answered and logs the lost event', async () => {
    const config = await discover(t.baseUrl);
    const { tokens } = await passwordLogin(new Browser(t.baseUrl), config, 'zhangsan', DEMO_ACCOUNT.password);
    const allowInserts = await refuseAuditInserts(t.platform.database);
    try {
      const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
      expect(refreshed.access_token).toBeTruthy();
    } finally {
      await allowInserts();
    }
    expect(logLines.some((line) => line.includes('audit record not written'))).toBe(true);
    expect((await storedEvents(t.platform.database)).filter((event) => event.type === 'token.refresh')).toEqual([]);
  });
});
