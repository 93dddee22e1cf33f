// edu-portal against a bare oidc-provider started in the test (no platform needed).
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Provider } from 'oidc-provider';
import type { FastifyInstance } from 'fastify';
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { maskIdNumber, maskName, maskPhone } from '@uia/validators';
import { BACKCHANNEL_LOGOUT_PATH, createEduPortal, ENTITY_LOGIN_PATH, SESSION_COOKIE, TX_COOKIE } from './app.ts';
import { BACKCHANNEL_LOGOUT_EVENT } from './backchannel-logout.ts';
import { loadConfig, type EduConfig } from './config.ts';
import { listenOnLoopback } from '../../idp/test/support/loopback-server.ts';

// The portal itself is driven with fastify.inject(); its base URL is only what the provider
// registers as redirect URIs (and backchannel_logout_uri), nothing listens there: the provider's
// back-channel requests are handed to portal.inject() (see startProvider's `fetch`).
const PORTAL_BASE = 'http://127.0.0.1:4101';
const CLIENT_ID = 'edu-portal';
const CLIENT_SECRET = 'edu-portal-demo-secret';
const ACCOUNT_ID = 'citizen-1';

// The provider's signing key: the tests also sign their own (good and bad) Logout Tokens with it.
const SIGNING_KEY: JWK = await (async () => {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
})();

const CITIZEN = {
  name: '张小三',
  phone_number: '+8613812345678',
  phone_number_verified: true,
  id_type: 'resident_id',
  id_number: '11010519491231002X',
};

// 法人登录 (docs/api.md § 法人登录): the subject is entity:<entityId>:<personAccountId>, and the
// `entity` scope's claims describe the entity and the acting person (masked by the platform).
const ENTITY_ACCOUNT_ID = `entity:ent-1:${ACCOUNT_ID}`;
const ENTITY_CLAIMS = {
  entity: { uscc: '91110000600037341L', name: '北京示例科技有限公司' },
  acting_person: { sub: ACCOUNT_ID, name: maskName(CITIZEN.name), id_number: maskIdNumber(CITIZEN.id_number), role: 'legal_representative' },
};

interface TestProvider {
  issuer: string;
  port: number;
  provider: Provider;
  /** Where the provider's back-channel Logout Tokens go; unset, they are answered 200 unread. */
  backchannel: { portal?: FastifyInstance; delivered: Array<{ token: string; status: number }> };
  close(): Promise<void>;
}

/** Resolves a port that is free right now (and stays closed until someone listens on it). */
async function freePort(): Promise<number> {
  const { port, close } = await listenOnLoopback(http.createServer());
  await close();
  return port;
}

/**
 * A bare oidc-provider under /oidc (like the platform) with the edu-portal client. Login uses a
 * test-only route `/oidc/interaction/:uid/test-login` (inside the interaction cookie's path) that finishes the login interaction with acr/amr (the
 * devInteractions login form cannot set them); consent goes through the devInteractions form.
 * Back-channel logout is on, and the provider's outgoing requests to the portal are handed to the
 * portal by `fastify.inject()`.
 */
async function startProvider(port = 0, options: { entityInIdToken?: boolean } = {}): Promise<TestProvider> {
  const backchannel: TestProvider['backchannel'] = { delivered: [] };
  const server = http.createServer();
  const listening = await listenOnLoopback(server, port);
  const issuer = `${listening.url}/oidc`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${PORTAL_BASE}/callback`],
        post_logout_redirect_uris: [`${PORTAL_BASE}/`],
        backchannel_logout_uri: `${PORTAL_BASE}${BACKCHANNEL_LOGOUT_PATH}`,
        backchannel_logout_session_required: true,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'phone', 'id_card', 'entity', 'offline_access'],
    claims: {
      // acr/amr listed under `openid` so that every ID token carries them (otherwise oidc-provider
      // returns them only when requested through acr_values or the claims parameter).
      openid: ['sub', 'acr', 'amr'],
      profile: ['name'],
      phone: ['phone_number', 'phone_number_verified'],
      id_card: ['id_type', 'id_number'],
      entity: ['entity', 'acting_person'],
    },
    // By default the ID token carries the granted scopes' claims too (the `entity` claim is
    // checked there); `entityInIdToken: false` keeps oidc-provider's default (scope claims in
    // userinfo only, as the platform's provider is configured today).
    conformIdTokenClaims: options.entityInIdToken === false,
    acrValues: ['L1', 'L2', 'L3', 'L4'],
    cookies: { keys: ['edu-portal-test-cookie-key'] },
    jwks: { keys: [SIGNING_KEY] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true }, backchannelLogout: { enabled: true } },
    async fetch(url, init) {
      const target = new URL(url instanceof Request ? url.url : url.toString());
      if (target.origin !== PORTAL_BASE) throw new Error(`unexpected outgoing request to ${target.href}`);
      const body = typeof init?.body === 'string' || init?.body instanceof URLSearchParams ? init.body.toString() : '';
      const token = new URLSearchParams(body).get('logout_token') ?? '';
      if (!backchannel.portal) {
        backchannel.delivered.push({ token, status: 200 });
        return new Response(null, { status: 200 });
      }
      const res = await backchannel.portal.inject({
        method: init?.method ?? 'GET',
        url: target.pathname + target.search,
        headers: { 'content-type': new Headers(init?.headers).get('content-type') ?? '' },
        payload: body,
      });
      backchannel.delivered.push({ token, status: res.statusCode });
      return new Response(res.body || null, { status: res.statusCode });
    },
    async findAccount(_ctx, id) {
      const entity = id.startsWith('entity:') ? ENTITY_CLAIMS : {};
      return {
        accountId: id,
        async claims() {
          return { sub: id, ...CITIZEN, ...entity };
        },
      };
    },
  });
  const callback = provider.callback();
  server.on('request', (req: http.IncomingMessage & { originalUrl?: string }, res) => {
    const url = req.url ?? '/';
    // `?as=entity`: the person logs in for an entity (法人登录), as the platform's entity login does.
    const testLogin = /^\/oidc\/interaction\/([\w-]+)\/test-login(\?as=entity)?$/.exec(url);
    if (testLogin && req.method === 'POST') {
      req.url = `/oidc/interaction/${testLogin[1]}`;
      const accountId = testLogin[2] ? ENTITY_ACCOUNT_ID : ACCOUNT_ID;
      provider.interactionFinished(req, res, { login: { accountId, acr: 'L3', amr: ['face', 'mca'] } }, { mergeWithLastSubmission: false }).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
      return;
    }
    if (url === '/oidc' || url.startsWith('/oidc/') || url.startsWith('/oidc?')) {
      req.originalUrl = url;
      req.url = url.slice('/oidc'.length) || '/';
      void callback(req, res);
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  return {
    issuer,
    port: listening.port,
    provider,
    backchannel,
    close: listening.close,
  };
}

function portalConfig(issuer: string, extra: Record<string, string> = {}): EduConfig {
  return loadConfig({
    EDU_ISSUER: issuer,
    EDU_BASE_URL: PORTAL_BASE,
    EDU_CLIENT_ID: CLIENT_ID,
    EDU_CLIENT_SECRET: CLIENT_SECRET,
    EDU_SESSION_SECRET: 'test-session-secret-0123456789abcdef',
    ...extra,
  });
}

/** A minimal cookie jar for the provider side (all cookies to all paths: enough for one host). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()) || attrs.some((a) => /^\s*max-age=0\b/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

async function providerRequest(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header() } });
  jar.store(res);
  return res;
}

/** Follows provider redirects until one points back at the portal; returns the last response and that URL, if any. */
async function followProvider(jar: CookieJar, start: string, init: RequestInit = {}): Promise<{ res: Response; portalUrl?: URL }> {
  let res = await providerRequest(jar, start, init);
  let current = start;
  for (let i = 0; i < 10 && res.status >= 300 && res.status < 400; i++) {
    const next = new URL(res.headers.get('location')!, current);
    if (next.origin === PORTAL_BASE) return { res, portalUrl: next };
    current = next.href;
    res = await providerRequest(jar, current);
  }
  return { res };
}

/**
 * Steps 1–3 of a login: the portal's /login, the provider's login form, the test login (acr L3,
 * amr face+mca) and consent. `jar` is the browser's cookie jar at the provider (one jar, one
 * provider session). Returns the callback URL the provider sends the browser back to.
 */
async function authorizeAtProvider(
  portal: FastifyInstance,
  op: TestProvider,
  jar = new CookieJar(),
  options: { start?: string; as?: 'entity' } = {},
): Promise<{ tx: string; portalUrl: URL; jar: CookieJar }> {
  // 1. The portal starts the login (使用统一身份认证登录, or 法人登录 with start = /login/entity).
  const login = await portal.inject(options.start ?? '/login');
  expect(login.statusCode).toBe(302);
  const tx = cookieValue(login, TX_COOKIE)!;

  // 2. The provider shows its (devInteractions) login form.
  const toLogin = await followProvider(jar, login.headers.location as string);
  expect(toLogin.portalUrl).toBeUndefined();
  expect(toLogin.res.status).toBe(200);
  const loginPage = await toLogin.res.text();
  expect(loginPage).toContain('name="login"');
  const uid = /\/interaction\/([\w-]+)/.exec(loginPage)![1]!;

  // 3. Log in, then consent through the devInteractions form.
  const afterLogin = await followProvider(jar, `${op.issuer}/interaction/${uid}/test-login${options.as ? `?as=${options.as}` : ''}`, { method: 'POST' });
  let portalUrl = afterLogin.portalUrl;
  if (!portalUrl) {
    const consentPage = await afterLogin.res.text();
    expect(consentPage).toContain('name="prompt" value="consent"');
    const action = /action="([^"]+)"/.exec(consentPage)![1]!;
    const consent = await followProvider(jar, new URL(action, `http://127.0.0.1:${op.port}`).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'prompt=consent',
    });
    portalUrl = consent.portalUrl;
  }
  expect(portalUrl?.pathname).toBe('/callback');
  expect(portalUrl!.searchParams.get('code')).toBeTruthy();
  return { tx, portalUrl: portalUrl!, jar };
}

/** A whole login in a fresh browser: returns the portal's session cookie and the provider-side jar. */
async function logIn(portal: FastifyInstance, op: TestProvider): Promise<{ session: string; jar: CookieJar }> {
  const { tx, portalUrl, jar } = await authorizeAtProvider(portal, op);
  const callback = await portal.inject({ url: portalUrl.pathname + portalUrl.search, cookies: { [TX_COOKIE]: tx } });
  expect(callback.statusCode, callback.body).toBe(303);
  return { session: cookieValue(callback, SESSION_COOKIE)!, jar };
}

/** Is the portal session behind this cookie still logged in? (The home page says so.) */
async function loggedIn(portal: FastifyInstance, session: string): Promise<boolean> {
  const home = await portal.inject({ url: '/', cookies: { [SESSION_COOKIE]: session } });
  expect(home.statusCode).toBe(200);
  const user = home.body.includes('欢迎，');
  expect(home.body.includes('使用统一身份认证登录')).toBe(!user);
  return user;
}

/** The provider's session id for this client (the ID token's `sid`) of the browser behind `jar`. */
async function providerSid(op: TestProvider, jar: CookieJar): Promise<string> {
  const session = await op.provider.Session.find(jar.get('_session')!);
  const sid = session?.authorizations?.[CLIENT_ID]?.sid;
  expect(sid).toBeTruthy();
  return sid!;
}

/** Ends the browser's session at the provider itself (its end_session endpoint, confirmed with 退出登录), without the portal. */
async function logOutAtProvider(op: TestProvider, jar: CookieJar): Promise<void> {
  const confirmPage = await providerRequest(jar, `${op.issuer}/session/end`);
  expect(confirmPage.status).toBe(200);
  const confirmHtml = await confirmPage.text();
  const formAction = /<form[^>]*action="([^"]+)"/.exec(confirmHtml)![1]!;
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirmHtml)![1]!;
  const confirmed = await providerRequest(jar, new URL(formAction, op.issuer).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
  });
  expect(confirmed.status).toBe(303);
}

/** A Logout Token as the provider would sign it, with `claims` merged over the defaults (undefined removes one). */
async function logoutToken(op: TestProvider, claims: Record<string, unknown>, sign: { key?: JWK; header?: Record<string, unknown> } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {
    iss: op.issuer,
    aud: CLIENT_ID,
    iat: now,
    exp: now + 120,
    jti: crypto.randomUUID(),
    sub: ACCOUNT_ID,
    events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
    ...claims,
  };
  for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
  const key = sign.key ?? SIGNING_KEY;
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'logout+jwt', kid: SIGNING_KEY.kid, ...sign.header }).sign(await importJWK(key, 'RS256'));
}

function postLogoutToken(portal: FastifyInstance, token: string, headers: Record<string, string> = {}) {
  return portal.inject({
    method: 'POST',
    url: BACKCHANNEL_LOGOUT_PATH,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams({ logout_token: token }).toString(),
  });
}

function cookieValue(res: { cookies: Array<{ name: string; value: string }> }, name: string): string | undefined {
  return res.cookies.find((c) => c.name === name)?.value;
}

function expectNoStack(body: string): void {
  expect(body).not.toMatch(/\bat [\w.<>]+ \(|node_modules|Error:|ClientError|TypeError|stack/i);
}

/**
 * A provider and a portal wired to it (back-channel deliveries go to the
 * portal) for the calling describe block; the fields are set once its
 * beforeAll has run.
 */
function usePortalWithProvider(options: { entityInIdToken?: boolean } = {}): { op: TestProvider; portal: FastifyInstance } {
  const running = {} as { op: TestProvider; portal: FastifyInstance };
  beforeAll(async () => {
    running.op = await startProvider(0, options);
    running.portal = createEduPortal(portalConfig(running.op.issuer));
    running.op.backchannel.portal = running.portal;
    await running.portal.ready();
  });
  afterAll(async () => {
    await running.portal?.close();
    await running.op?.close();
  });
  return running;
}

describe('edu-portal with a reachable provider', () => {
  const running = usePortalWithProvider();

  it('serves health, CSS and security headers', async () => {
    const { op, portal } = running;
    const health = await portal.inject('/healthz');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });

    const css = await portal.inject('/static/site.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);

    const home = await portal.inject('/');
    expect(home.headers['content-security-policy']).toContain("default-src 'none'");
    expect(home.headers['content-security-policy']).toContain("style-src 'self'");
    expect(home.headers['content-security-policy']).toContain(`form-action 'self' http://127.0.0.1:${op.port}`);
    expect(home.headers['x-frame-options']).toBe('DENY');
    // Not no-referrer: that makes Chrome send `Origin: null` on the logout form post.
    expect(home.headers['referrer-policy']).toBe('same-origin');
    expect(home.headers['cache-control']).toBe('no-store');
  });

  it('shows the home page with the login button and the demo banner', async () => {
    const { portal } = running;
    const res = await portal.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<title>义务教育入学服务平台（演示）</title>');
    expect(res.body).toContain('演示环境');
    expect(res.body).toMatch(/<a class="btn btn-primary btn-lg" href="\/login">使用统一身份认证登录<\/a>/);
    expect(res.body).toMatch(/<a class="btn btn-secondary btn-lg" href="\/login\/entity">法人登录<\/a>/);
    expect(res.body).toContain('href="/static/site.css"');
    expect(res.body).not.toContain('退出登录');
  });

  it('redirects /login to the authorization endpoint with PKCE S256, state, nonce and the id_card scope', async () => {
    const { op, portal } = running;
    const res = await portal.inject('/login');
    expect(res.statusCode).toBe(302);
    const location = new URL(res.headers.location as string);
    expect(location.href.startsWith(`${op.issuer}/auth`)).toBe(true);
    const p = location.searchParams;
    expect(p.get('client_id')).toBe(CLIENT_ID);
    expect(p.get('response_type')).toBe('code');
    expect(p.get('redirect_uri')).toBe(`${PORTAL_BASE}/callback`);
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(p.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(p.get('nonce')).toMatch(/^[\w-]{20,}$/);
    // `entity` too: the platform then offers 个人登录 and 法人登录; no login_type (both allowed).
    expect(p.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['openid', 'profile', 'phone', 'id_card', 'entity']));
    expect(p.has('login_type')).toBe(false);
    expect(p.has('acr_values')).toBe(false);

    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${TX_COOKIE}=`));
    expect(setCookie).toBeDefined();
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Max-Age=600/);
    expect(setCookie).toMatch(/Path=\/callback/);
  });

  it('sends acr_values when configured', async () => {
    const { op } = running;
    const strict = createEduPortal(portalConfig(op.issuer, { EDU_ACR_VALUES: 'L3' }));
    try {
      const res = await strict.inject('/login');
      expect(res.statusCode).toBe(302);
      expect(new URL(res.headers.location as string).searchParams.get('acr_values')).toBe('L3');
    } finally {
      await strict.close();
    }
  });

  it('rejects a callback with a wrong state: Chinese error page, 400, no stack', async () => {
    const { op, portal } = running;
    const login = await portal.inject('/login');
    const tx = cookieValue(login, TX_COOKIE)!;
    const res = await portal.inject({
      url: `/callback?code=abc&state=wrong-state&iss=${encodeURIComponent(op.issuer)}`,
      cookies: { [TX_COOKIE]: tx },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('登录验证失败');
    expect(res.body).toContain('href="/"');
    expect(res.body).toContain('演示环境');
    expectNoStack(res.body);
    // The transaction cookie is spent.
    expect(([] as string[]).concat(res.headers['set-cookie'] ?? []).some((c) => c.startsWith(`${TX_COOKIE}=;`))).toBe(true);
  });

  it('rejects a callback without, or with a tampered, login transaction cookie', async () => {
    const { portal } = running;
    const none = await portal.inject('/callback?code=abc&state=xyz');
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('登录请求已失效');
    expectNoStack(none.body);

    const login = await portal.inject('/login');
    const tx = cookieValue(login, TX_COOKIE)!;
    const tampered = await portal.inject({ url: '/callback?code=abc&state=xyz', cookies: { [TX_COOKIE]: `x${tx}` } });
    expect(tampered.statusCode).toBe(400);
    expect(tampered.body).toContain('登录请求已失效');
  });

  it('renders a friendly message for error=access_denied', async () => {
    const { portal } = running;
    const res = await portal.inject('/callback?error=access_denied&error_description=End-User%20aborted%20interaction&state=abc');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('登录已取消');
    expect(res.body).toContain('您已取消登录');
    expect(res.body).not.toContain('End-User aborted');
    expect(res.body).toContain('href="/"');
    expectNoStack(res.body);
  });

  it('escapes and does not echo arbitrary error codes', async () => {
    const { portal } = running;
    const res = await portal.inject(`/callback?error=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('<script>');
    expect(res.body).toContain('登录未完成');
  });

  it('answers unknown paths with a Chinese 404 page and refuses a foreign-origin logout', async () => {
    const { portal } = running;
    const missing = await portal.inject('/no-such-page');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('页面不存在');

    const foreign = await portal.inject({ method: 'POST', url: '/logout', headers: { origin: 'https://evil.example' } });
    expect(foreign.statusCode).toBe(403);

    const anonymous = await portal.inject({ method: 'POST', url: '/logout', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/');
  });

  it('completes a full code flow: masked claims on the home page, replay refused, RP-initiated logout', async () => {
    const { op, portal } = running;
    // 1.–3. The portal starts the login; the provider logs the person in (acr L3, amr face+mca).
    const { tx, portalUrl, jar } = await authorizeAtProvider(portal, op);

    // 4. The callback logs in and redirects home.
    const callbackPath = portalUrl.pathname + portalUrl.search;
    const callback = await portal.inject({ url: callbackPath, cookies: { [TX_COOKIE]: tx } });
    expect(callback.statusCode, callback.body).toBe(303);
    expect(callback.headers.location).toBe('/');
    const sid = cookieValue(callback, SESSION_COOKIE)!;
    expect(sid).toBeTruthy();
    const sessionCookie = ([] as string[]).concat(callback.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);

    // 5. The home page shows masked claims, the assurance level and methods in Chinese.
    const home = await portal.inject({ url: '/', cookies: { [SESSION_COOKIE]: sid } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(`欢迎，${maskName(CITIZEN.name)}`);
    expect(home.body).toContain(maskIdNumber(CITIZEN.id_number));
    expect(home.body).toContain(maskPhone('13812345678'));
    expect(home.body).toContain('居民身份证');
    expect(home.body).toContain('L3 实人认证');
    expect(home.body).toContain('人脸、手机确认');
    expect(home.body).toContain('已验证');
    expect(home.body).toMatch(/<form method="post" action="\/logout">[\s\S]*退出登录/);
    expect(home.body).not.toContain(CITIZEN.name);
    expect(home.body).not.toContain(CITIZEN.id_number);
    expect(home.body).not.toContain('13812345678');
    expect(home.body).not.toContain('使用统一身份认证登录');

    // 6. Replaying the same code (even with the transaction cookie) is refused by the provider.
    const replay = await portal.inject({ url: callbackPath, cookies: { [TX_COOKIE]: tx } });
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('授权码无效、已过期或已被使用');
    expectNoStack(replay.body);

    // 7. Logout ends the local session and hands over to the provider's end_session_endpoint.
    const logout = await portal.inject({
      method: 'POST',
      url: '/logout',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: PORTAL_BASE },
      payload: '',
      cookies: { [SESSION_COOKIE]: sid },
    });
    expect(logout.statusCode).toBe(303);
    const endSession = new URL(logout.headers.location as string);
    expect(endSession.href.startsWith(`${op.issuer}/session/end`)).toBe(true);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${PORTAL_BASE}/`);
    expect(endSession.searchParams.get('client_id')).toBe(CLIENT_ID);

    const after = await portal.inject({ url: '/', cookies: { [SESSION_COOKIE]: sid } });
    expect(after.body).toContain('使用统一身份认证登录');
    expect(after.body).not.toContain('欢迎');

    // 8. The provider accepts the hint and, once confirmed, returns to the portal's home page
    //    (telling the portal by back channel too; its session is already gone, which is fine).
    const deliveredBefore = op.backchannel.delivered.length;
    const confirmPage = await providerRequest(jar, endSession.href);
    expect(confirmPage.status).toBe(200);
    const confirmHtml = await confirmPage.text();
    const formAction = /<form[^>]*action="([^"]+)"/.exec(confirmHtml)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirmHtml)![1]!;
    const confirmed = await followProvider(jar, new URL(formAction, endSession).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    });
    expect(confirmed.portalUrl?.href).toBe(`${PORTAL_BASE}/`);
    expect(op.backchannel.delivered.slice(deliveredBefore).map((d) => d.status)).toEqual([200]);
  });
});

describe('edu-portal 法人登录', () => {
  const running = usePortalWithProvider();

  it('starts 法人登录 as the same code flow with the entity scope and login_type=entity', async () => {
    const { op, portal } = running;
    const personal = new URL((await portal.inject('/login')).headers.location as string);
    const res = await portal.inject(ENTITY_LOGIN_PATH);
    expect(res.statusCode).toBe(302);
    const location = new URL(res.headers.location as string);
    expect(location.href.startsWith(`${op.issuer}/auth`)).toBe(true);
    const p = location.searchParams;
    expect(p.get('login_type')).toBe('entity');
    expect(p.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['openid', 'entity']));
    expect(p.get('scope')).toBe(personal.searchParams.get('scope'));
    expect(p.get('client_id')).toBe(CLIENT_ID);
    expect(p.get('response_type')).toBe('code');
    expect(p.get('redirect_uri')).toBe(`${PORTAL_BASE}/callback`);
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(p.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(p.get('nonce')).toMatch(/^[\w-]{20,}$/);
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${TX_COOKIE}=`));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Path=\/callback/);
  });

  it('shows the 单位信息 block after an entity login, with the acting person masked', async () => {
    const { op, portal } = running;
    const { tx, portalUrl } = await authorizeAtProvider(portal, op, new CookieJar(), { start: ENTITY_LOGIN_PATH, as: 'entity' });
    const callback = await portal.inject({ url: portalUrl.pathname + portalUrl.search, cookies: { [TX_COOKIE]: tx } });
    expect(callback.statusCode, callback.body).toBe(303);
    const session = cookieValue(callback, SESSION_COOKIE)!;
    expect(session).toBeTruthy();

    const home = await portal.inject({ url: '/', cookies: { [SESSION_COOKIE]: session } });
    expect(home.statusCode).toBe(200);
    const body = home.body;
    expect(body).toContain('单位信息');
    expect(body).toContain('<dt>单位名称</dt><dd>北京示例科技有限公司</dd>');
    expect(body).toContain('<dt>统一社会信用代码</dt><dd>91110000600037341L</dd>');
    expect(body).toContain(`<dt>经办人</dt><dd>${maskName(CITIZEN.name)}（${maskIdNumber(CITIZEN.id_number)}）</dd>`);
    expect(body).toContain('<dt>身份</dt><dd>法定代表人</dd>');
    // The person's own (personal) claims are still shown below, masked.
    expect(body).toContain(`欢迎，${maskName(CITIZEN.name)}`);
    expect(body).toContain('L3 实人认证');
    expect(body).not.toContain(CITIZEN.name);
    expect(body).not.toContain(CITIZEN.id_number);
    expect(body).not.toContain('使用统一身份认证登录');
  });

  it('shows the 单位信息 block when the person chose 法人登录 at the platform after the personal button', async () => {
    const { op, portal } = running;
    const { tx, portalUrl } = await authorizeAtProvider(portal, op, new CookieJar(), { as: 'entity' });
    const callback = await portal.inject({ url: portalUrl.pathname + portalUrl.search, cookies: { [TX_COOKIE]: tx } });
    expect(callback.statusCode, callback.body).toBe(303);
    const home = await portal.inject({ url: '/', cookies: { [SESSION_COOKIE]: cookieValue(callback, SESSION_COOKIE)! } });
    expect(home.body).toContain('<dt>单位名称</dt><dd>北京示例科技有限公司</dd>');
  });

  it('keeps the personal view without 单位信息 for a personal login', async () => {
    const { op, portal } = running;
    const { session } = await logIn(portal, op);
    const home = await portal.inject({ url: '/', cookies: { [SESSION_COOKIE]: session } });
    expect(home.body).toContain(`欢迎，${maskName(CITIZEN.name)}`);
    expect(home.body).not.toContain('单位信息');
    expect(home.body).not.toContain('统一社会信用代码');
  });

  it('refuses a 法人登录 whose tokens carry no entity (login_type dropped on the way): Chinese error page, no session', async () => {
    const { op, portal } = running;
    const { tx, portalUrl } = await authorizeAtProvider(portal, op, new CookieJar(), { start: ENTITY_LOGIN_PATH });
    const callback = await portal.inject({ url: portalUrl.pathname + portalUrl.search, cookies: { [TX_COOKIE]: tx } });
    expect(callback.statusCode).toBe(403);
    expect(callback.headers['content-type']).toMatch(/^text\/html/);
    expect(callback.body).toContain('法人登录未完成');
    expect(callback.body).toContain('未返回单位信息');
    expect(callback.body).toContain(`href="${ENTITY_LOGIN_PATH}">重新登录</a>`);
    expect(callback.body).toContain('href="/"');
    expectNoStack(callback.body);
    expect(cookieValue(callback, SESSION_COOKIE)).toBeUndefined();
    // The transaction is spent all the same.
    expect(([] as string[]).concat(callback.headers['set-cookie'] ?? []).some((c) => c.startsWith(`${TX_COOKIE}=;`))).toBe(true);
  });
});

describe('edu-portal 法人登录 with the entity claims in userinfo only', () => {
  const running = usePortalWithProvider({ entityInIdToken: false });

  it('shows the 单位信息 block from userinfo, and still refuses a 法人登录 without an entity', async () => {
    const { op, portal } = running;
    const entity = await authorizeAtProvider(portal, op, new CookieJar(), { start: ENTITY_LOGIN_PATH, as: 'entity' });
    const callback = await portal.inject({ url: entity.portalUrl.pathname + entity.portalUrl.search, cookies: { [TX_COOKIE]: entity.tx } });
    expect(callback.statusCode, callback.body).toBe(303);
    const home = await portal.inject({ url: '/', cookies: { [SESSION_COOKIE]: cookieValue(callback, SESSION_COOKIE)! } });
    expect(home.body).toContain('<dt>单位名称</dt><dd>北京示例科技有限公司</dd>');
    expect(home.body).toContain('<dt>身份</dt><dd>法定代表人</dd>');

    const personal = await authorizeAtProvider(portal, op, new CookieJar(), { start: ENTITY_LOGIN_PATH });
    const refused = await portal.inject({ url: personal.portalUrl.pathname + personal.portalUrl.search, cookies: { [TX_COOKIE]: personal.tx } });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('法人登录未完成');
    expect(cookieValue(refused, SESSION_COOKIE)).toBeUndefined();
  });
});

describe('edu-portal back-channel logout', () => {
  const running = usePortalWithProvider();

  it('ends exactly the session a logout at the platform names (sid), from a real Logout Token', async () => {
    const { op, portal } = running;
    const a = await logIn(portal, op);
    const b = await logIn(portal, op); // the same person in a second browser: another platform session
    expect(await providerSid(op, a.jar)).not.toBe(await providerSid(op, b.jar));
    expect(await loggedIn(portal, a.session)).toBe(true);
    expect(await loggedIn(portal, b.session)).toBe(true);

    // Browser A logs out at the platform itself (not through the portal).
    const before = op.backchannel.delivered.length;
    await logOutAtProvider(op, a.jar);
    const delivered = op.backchannel.delivered.slice(before);
    expect(delivered.map((d) => d.status)).toEqual([200]);

    // What the provider sent: a Logout Token as the spec has it.
    const header = decodeProtectedHeader(delivered[0]!.token);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'logout+jwt', kid: SIGNING_KEY.kid });
    const claims = decodeJwt(delivered[0]!.token);
    expect(claims).toMatchObject({ iss: op.issuer, aud: CLIENT_ID, sub: ACCOUNT_ID, events: { [BACKCHANNEL_LOGOUT_EVENT]: {} } });
    expect(claims.sid).toBeTruthy();
    expect(claims.jti).toBeTruthy();
    expect(claims).not.toHaveProperty('nonce');

    // A's portal session is over (the anonymous home page again, cookie cleared); B's is not.
    const home = await portal.inject({ url: '/', cookies: { [SESSION_COOKIE]: a.session } });
    expect(home.body).toMatch(/<a class="btn btn-primary btn-lg" href="\/login">使用统一身份认证登录<\/a>/);
    expect(home.body).not.toContain('欢迎');
    expect(([] as string[]).concat(home.headers['set-cookie'] ?? []).some((c) => c.startsWith(`${SESSION_COOKIE}=;`))).toBe(true);
    expect(await loggedIn(portal, b.session)).toBe(true);

    // The same token again is a replay.
    const replay = await postLogoutToken(portal, delivered[0]!.token);
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ error: 'invalid_request' });
    expect(await loggedIn(portal, b.session)).toBe(true);
  });

  it('accepts a Logout Token sent outside any request at the platform: Client.backchannelLogout(accountId, sid)', async () => {
    const { op, portal } = running;
    // What a platform service (e.g. a password reset ending a person's sessions) does.
    const a = await logIn(portal, op);
    const b = await logIn(portal, op);
    // Client#backchannelLogout is oidc-provider's own (lib/models/client.js), missing from its types.
    const client = (await op.provider.Client.find(CLIENT_ID)) as unknown as { backchannelLogout(sub: string, sid: string): Promise<void> };
    const before = op.backchannel.delivered.length;
    await client.backchannelLogout(ACCOUNT_ID, await providerSid(op, b.jar));
    expect(op.backchannel.delivered.slice(before).map((d) => d.status)).toEqual([200]);
    expect(await loggedIn(portal, b.session)).toBe(false);
    expect(await loggedIn(portal, a.session)).toBe(true);
  });

  it("answers 200 with Cache-Control: no-store, ignores Origin and cookies, and with only sub ends all of that person's sessions", async () => {
    const { op, portal } = running;
    const a = await logIn(portal, op);
    const b = await logIn(portal, op);
    const res = await postLogoutToken(portal, await logoutToken(op, { sub: ACCOUNT_ID }), { origin: 'https://elsewhere.example' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(await loggedIn(portal, a.session)).toBe(false);
    expect(await loggedIn(portal, b.session)).toBe(false);

    // sid + sub: both must match.
    const c = await logIn(portal, op);
    const sidC = await providerSid(op, c.jar);
    expect((await postLogoutToken(portal, await logoutToken(op, { sid: sidC, sub: 'someone-else' }))).statusCode).toBe(200);
    expect(await loggedIn(portal, c.session)).toBe(true);
    expect((await postLogoutToken(portal, await logoutToken(op, { sid: sidC, sub: undefined }))).statusCode).toBe(200);
    expect(await loggedIn(portal, c.session)).toBe(false);
  });

  it('refuses bad Logout Tokens with 400 invalid_request and ends nothing', async () => {
    const { op, portal } = running;
    const { session, jar } = await logIn(portal, op);
    const sid = await providerSid(op, jar);
    const { privateKey: otherKey } = await generateKeyPair('RS256', { extractable: true });
    const now = Math.floor(Date.now() / 1000);
    const unsigned = (payload: object) => `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'logout+jwt' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;

    // Each with the reason the portal gives (error_description), to be sure it fails where meant to.
    const bad: Array<[string, string, string]> = [
      ['bad signature', await logoutToken(op, { sid }, { key: await exportJWK(otherKey) }), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'],
      ['wrong aud', await logoutToken(op, { sid, aud: 'another-client' }), 'aud: check_failed'],
      ['wrong iss', await logoutToken(op, { sid, iss: 'http://127.0.0.1:1/oidc' }), 'iss: check_failed'],
      ['no events', await logoutToken(op, { sid, events: undefined }), 'events: missing'],
      ['events without the logout event', await logoutToken(op, { sid, events: { 'http://schemas.openid.net/event/other': {} } }), 'back-channel logout event'],
      ['with nonce', await logoutToken(op, { sid, nonce: 'n-0S6_WzA2Mj' }), 'nonce'],
      ['no jti', await logoutToken(op, { sid, jti: undefined }), 'jti: missing'],
      ['no iat', await logoutToken(op, { sid, iat: undefined }), 'iat: missing'],
      ['no exp', await logoutToken(op, { sid, exp: undefined }), 'exp: missing'],
      ['issued too long ago', await logoutToken(op, { sid, iat: now - 600, exp: now + 60 }), 'iat: check_failed'],
      ['expired', await logoutToken(op, { sid, iat: now - 100, exp: now - 60 }), 'exp: check_failed'],
      ['neither sub nor sid', await logoutToken(op, { sub: undefined }), 'neither sub nor sid'],
      ['not typed logout+jwt', await logoutToken(op, { sid }, { header: { typ: 'JWT' } }), 'typ: check_failed'],
      ['alg none', unsigned({ iss: op.issuer, aud: CLIENT_ID, iat: now, exp: now + 120, jti: 'none-1', sub: ACCOUNT_ID, sid, events: { [BACKCHANNEL_LOGOUT_EVENT]: {} } }), 'ERR_JOSE_ALG_NOT_ALLOWED'],
      ['not a JWT', 'not-a-jwt', 'ERR_JWS_INVALID'],
    ];
    for (const [name, token, reason] of bad) {
      const res = await postLogoutToken(portal, token);
      expect(res.statusCode, name).toBe(400);
      expect(res.headers['cache-control'], name).toBe('no-store');
      expect(res.json(), name).toMatchObject({ error: 'invalid_request' });
      expect(res.json().error_description, name).toContain(reason);
      expectNoStack(res.body);
    }

    // A valid token the first time (naming nobody here), a replay the second.
    const once = await logoutToken(op, { sid: 'unknown-sid', sub: 'someone-else' });
    expect((await postLogoutToken(portal, once)).statusCode).toBe(200);
    const replayed = await postLogoutToken(portal, once);
    expect(replayed.statusCode).toBe(400);
    expect(replayed.json().error_description).toContain('jti');

    // Malformed requests.
    const missing = await portal.inject({ method: 'POST', url: BACKCHANNEL_LOGOUT_PATH, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: 'invalid_request' });
    const valid = await logoutToken(op, { sid });
    const twice = await portal.inject({
      method: 'POST',
      url: BACKCHANNEL_LOGOUT_PATH,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `logout_token=${valid}&logout_token=${valid}`,
    });
    expect(twice.statusCode).toBe(400);
    const json = await portal.inject({ method: 'POST', url: BACKCHANNEL_LOGOUT_PATH, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ logout_token: valid }) });
    expect(json.statusCode).toBe(400);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.json()).toMatchObject({ error: 'invalid_request' });

    // Nothing above ended the session.
    expect(await loggedIn(portal, session)).toBe(true);
    // The same valid token, sent properly, does.
    expect((await postLogoutToken(portal, valid)).statusCode).toBe(200);
    expect(await loggedIn(portal, session)).toBe(false);
  });
});

describe('edu-portal when the provider is down', () => {
  it('shows the friendly unreachable page (503), then recovers once the provider is up', async () => {
    const port = await freePort();
    const portal = createEduPortal(portalConfig(`http://127.0.0.1:${port}/oidc`), { platformTimeoutSeconds: 5 });
    let op: TestProvider | undefined;
    try {
      const down = await portal.inject('/login');
      expect(down.statusCode).toBe(503);
      expect(down.body).toContain('统一身份认证平台暂时无法访问，请稍后重试');
      expect(down.body).toContain('href="/"');
      expectNoStack(down.body);

      // The home page does not need the platform.
      expect((await portal.inject('/')).statusCode).toBe(200);

      // A Logout Token cannot be checked without the platform's keys: 503, not 400 (nor 200).
      const logout = await postLogoutToken(portal, 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln');
      expect(logout.statusCode).toBe(503);
      expect(logout.json()).toEqual({ error: 'temporarily_unavailable' });
      expect(logout.headers['cache-control']).toBe('no-store');

      // Discovery failures are not cached: the next request tries again.
      op = await startProvider(port);
      const up = await portal.inject('/login');
      expect(up.statusCode).toBe(302);
      expect(up.headers.location).toContain(`127.0.0.1:${port}/oidc/auth`);
    } finally {
      await portal.close();
      await op?.close();
    }
  });
});
