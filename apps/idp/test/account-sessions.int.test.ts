// 登录设备与会话 in the user center: the person's browser sessions (browser, OS, place, last use,
// services), app sessions, 退出 for one and 全部退出 for all but this one, told to the services
// by back-channel logout; nobody else's sessions.
import type { AccountSessionList } from '@uia/schemas';
import { decodeJwt } from 'jose';
import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { DEMO_CLIENT } from '../src/demo/demo-data.ts';
import { IPHONE_UA, loggedInApp } from './app-helpers.ts';
import { Browser } from './harness.ts';
import { logoutTokenOf } from './logout-receiver.ts';
import { registerCitizen } from './registration-helpers.ts';
import { startLogin, useLogoutReceiverPlatform } from './relying-party.ts';
import { userCenterLogin } from './user-center-helpers.ts';

const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

describe(`登录设备与会话 (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  const rp = useLogoutReceiverPlatform();

  const redirectUri = () => `${rp.receiver.url}/callback`;
  const sessions = (browser: Browser) => browser.json<AccountSessionList>('/api/account/sessions');
  const end = (browser: Browser, id: string) => browser.json(`/api/account/sessions/${encodeURIComponent(id)}/end`, { json: {} });
  const endOthers = (browser: Browser) => browser.json('/api/account/sessions/end-others', { json: {} });

  /** The edu-portal's login in this browser (password), then its user center by single sign-on; returns the RP's sid. */
  async function loginEverywhere(browser: Browser, person: { username: string; password: string }) {
    const started = await startLogin(browser, rp.config, { redirect_uri: redirectUri() });
    const { status, body } = await browser.json(`/interaction/${started.uid}/login`, {
      json: { identifier: person.username, password: person.password, ...(await browser.solvedCaptcha()) },
    });
    expect(status, JSON.stringify(body)).toBe(200);
    const callback = await browser.followUntil(body.redirectTo, redirectUri());
    const tokens = await client.authorizationCodeGrant(rp.config, callback, { pkceCodeVerifier: started.verifier, expectedState: started.state, expectedNonce: started.nonce });
    await userCenterLogin(browser, person.username, person.password);
    const sid = tokens.claims()!.sid;
    if (typeof sid !== 'string') throw new Error('the ID token carries no sid');
    return sid;
  }

  /** Whether the edu-portal's next authorization in this browser needs a login (else single sign-on answers at once). */
  async function needsLogin(browser: Browser): Promise<boolean> {
    const url = client.buildAuthorizationUrl(rp.config, {
      redirect_uri: redirectUri(),
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const location = new URL((await browser.request(url.href)).headers.get('location')!, rp.t.baseUrl);
    if (location.pathname.startsWith('/interaction/')) return true;
    expect(location.href.startsWith(redirectUri())).toBe(true);
    return false;
  }

  async function person() {
    const registered = await registerCitizen(new Browser(rp.t.baseUrl));
    return registered;
  }

  it('lists two browsers (this one first) and an app session; 退出 ends the other browser and tells its service', async () => {
    const owner = await person();
    const pc = new Browser(rp.t.baseUrl, undefined, CHROME_WINDOWS);
    const laptop = new Browser(rp.t.baseUrl, undefined, FIREFOX_LINUX);
    await loginEverywhere(pc, owner);
    const laptopSid = await loginEverywhere(laptop, owner);
    await loggedInApp(rp.t.baseUrl, { idType: owner.idType, name: owner.name, idNumber: owner.idNumber });

    const listed = await sessions(pc);
    expect(listed.status).toBe(200);
    expect(listed.body.browsers).toHaveLength(2);
    const [current, other] = listed.body.browsers;
    expect(current).toMatchObject({
      current: true,
      browser: 'Chrome 126',
      os: 'Windows 10',
      place: '本机/内网',
      entityLogin: false,
      services: [{ id: DEMO_CLIENT.clientId, name: DEMO_CLIENT.clientName }],
    });
    expect(other).toMatchObject({ current: false, browser: 'Firefox 128', os: 'Linux', place: '本机/内网' });
    expect(other!.id).toMatch(/^pc\./);
    expect(Date.parse(other!.expiresAt) - Date.parse(other!.loginAt)).toBe(12 * 3600_000);
    expect(listed.body.apps).toEqual([expect.objectContaining({ id: expect.stringMatching(/^app\./), device: 'iPhone · Safari' })]);
    // The other browser sees itself as the current one.
    expect((await sessions(laptop)).body.browsers.find((session) => session.current)?.id).toBe(other!.id);
    // No address or raw User-Agent in what the page gets.
    expect(JSON.stringify(listed.body)).not.toContain(pc.ip);
    expect(JSON.stringify(listed.body)).not.toContain('Mozilla');

    expect(await needsLogin(laptop)).toBe(false);
    const ended = await end(pc, other!.id);
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body).toEqual({ ended: true });

    // The edu-portal was told, for exactly that browser's session.
    expect(rp.receiver.received).toHaveLength(1);
    expect(decodeJwt(logoutTokenOf(rp.receiver.received[0]!))).toMatchObject({ aud: DEMO_CLIENT.clientId, sid: laptopSid });
    // That browser logs in again (the login page, not an error); this one still signs in at once.
    expect(await needsLogin(laptop)).toBe(true);
    expect(await needsLogin(pc)).toBe(false);
    expect((await sessions(pc)).body.browsers.map((session) => session.id)).toEqual([current!.id]);
    // ...and lost the user center it had opened.
    expect((await sessions(laptop)).status).toBe(401);

    const audited = (await rp.t.platform.audit.recent(50)).find((event) => event.type === 'session.end');
    expect(audited).toMatchObject({ outcome: 'success', detail: { kind: 'browser', signedOutServices: 2 } });
    expect(audited?.accountId).toBeTruthy();

    // Again: it is gone.
    expect((await end(pc, other!.id)).status).toBe(404);
  });

  it('全部退出 ends every other browser and the app sessions, and keeps this one', async () => {
    const owner = await person();
    const pc = new Browser(rp.t.baseUrl, undefined, CHROME_WINDOWS);
    const second = new Browser(rp.t.baseUrl, undefined, FIREFOX_LINUX);
    const third = new Browser(rp.t.baseUrl);
    await loginEverywhere(pc, owner);
    await loginEverywhere(second, owner);
    await loginEverywhere(third, owner);
    const app = await loggedInApp(rp.t.baseUrl, { idType: owner.idType, name: owner.name, idNumber: owner.idNumber });

    const done = await endOthers(pc);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toEqual({ browsers: 2, apps: 1 });
    expect(rp.receiver.received).toHaveLength(2);
    expect(await needsLogin(second)).toBe(true);
    expect(await needsLogin(third)).toBe(true);
    expect(await needsLogin(pc)).toBe(false);
    // The app is logged out too.
    expect((await app.browser.json('/app/api/me', { headers: { 'user-agent': IPHONE_UA } })).status).toBe(401);
    const listed = (await sessions(pc)).body;
    expect(listed.browsers).toHaveLength(1);
    expect(listed.browsers[0]!.current).toBe(true);
    expect(listed.apps).toEqual([]);
    expect((await rp.t.platform.audit.recent(50)).find((event) => event.type === 'session.end_others')).toMatchObject({
      outcome: 'success',
      detail: { browsers: 2, apps: 1, signedOutServices: 4 },
    });
  });

  it("ends an app session by its id; refuses the browser's own session, unknown ids, and another person's sessions", async () => {
    const owner = await person();
    const stranger = await person();
    const pc = new Browser(rp.t.baseUrl);
    const strangerPc = new Browser(rp.t.baseUrl);
    const ownerLaptop = new Browser(rp.t.baseUrl);
    await loginEverywhere(pc, owner);
    await loginEverywhere(ownerLaptop, owner);
    await loginEverywhere(strangerPc, stranger);
    await loggedInApp(rp.t.baseUrl, { idType: owner.idType, name: owner.name, idNumber: owner.idNumber });
    const { browsers, apps } = (await sessions(pc)).body;
    const own = browsers.find((session) => session.current)!;
    const laptop = browsers.find((session) => !session.current)!;

    const refused = await end(pc, own.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({ code: 'SESSION_IS_CURRENT', message: expect.stringContaining('退出登录') });
    for (const id of ['pc.nope', 'app.00000000-0000-4000-8000-000000000000', 'whatever']) {
      const unknown = await end(pc, id);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('SESSION_NOT_FOUND');
    }
    // The stranger cannot end the owner's browser or app session: they read as unknown.
    expect((await end(strangerPc, laptop.id)).status).toBe(404);
    expect((await end(strangerPc, apps[0]!.id)).status).toBe(404);
    expect(await needsLogin(ownerLaptop)).toBe(false);
    expect((await rp.t.platform.audit.recent(50)).find((event) => event.type === 'session.end' && event.outcome === 'failure')?.detail?.reason).toBe('SESSION_NOT_FOUND');

    const appEnded = await end(pc, apps[0]!.id);
    expect(appEnded.status).toBe(200);
    expect((await sessions(pc)).body.apps).toEqual([]);

    // Without the user center's session: 401; a cross-site POST: refused.
    expect((await new Browser(rp.t.baseUrl).json('/api/account/sessions')).status).toBe(401);
    const crossSite = await pc.json('/api/account/sessions/end-others', { json: {}, headers: { origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect(await needsLogin(ownerLaptop)).toBe(false);
  });
});
