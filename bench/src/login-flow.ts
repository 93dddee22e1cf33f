import { createHash, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DEMO_ACCOUNT, DEMO_CLIENT } from '../../apps/idp/src/demo/demo-data.ts';
import { Browser, randomIp } from '../../apps/idp/test/harness.ts';

/**
 * The relying party's side of an OpenID Connect code flow, done by hand with
 * fetch so every request of the sequence is visible and timed.
 */

export interface RelyingParty {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scope: string;
}

export interface OidcTarget {
  /** Origin of the HTTP server (cookies, X-Forwarded-For, Origin header). */
  origin: string;
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  rp: RelyingParty;
}

export interface TokenSet {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  token_type: string;
  expires_in: number;
}

export interface Credentials {
  identifier: string;
  password: string;
  /** 法人登录: the entity (USCC or 单位账号) the person logs in for; the request then asks for entity login only. */
  entity?: string;
}

/** The demo service (义务教育入学服务平台) asking for everything a refresh grant's id_token carries. */
export const DEMO_RELYING_PARTY: RelyingParty = {
  clientId: DEMO_CLIENT.clientId,
  clientSecret: DEMO_CLIENT.clientSecret,
  redirectUri: 'http://localhost:3001/callback',
  scope: 'openid offline_access profile phone id_card',
};

/** The demo citizen's account and password. */
export const DEMO_CREDENTIALS: Credentials = { identifier: DEMO_ACCOUNT.username, password: DEMO_ACCOUNT.password };

export async function discoverTarget(origin: string, issuer: string, rp: RelyingParty): Promise<OidcTarget> {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`discovery at ${issuer} → ${response.status}`);
  const metadata = (await response.json()) as { issuer: string; authorization_endpoint: string; token_endpoint: string };
  if (metadata.issuer !== issuer) throw new Error(`discovery issuer mismatch: ${metadata.issuer} ≠ ${issuer}`);
  return { origin, issuer, authorizationEndpoint: metadata.authorization_endpoint, tokenEndpoint: metadata.token_endpoint, rp };
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

interface AuthorizationRequest {
  url: string;
  verifier: string;
  state: string;
}

/** A fresh authorization request: PKCE S256 with a real verifier, state and nonce (and `extra` parameters). */
function authorizationRequest(target: OidcTarget, extra: Record<string, string> = {}): AuthorizationRequest {
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));
  const url = new URL(target.authorizationEndpoint);
  url.search = new URLSearchParams({
    client_id: target.rp.clientId,
    response_type: 'code',
    redirect_uri: target.rp.redirectUri,
    scope: target.rp.scope,
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
    state,
    nonce: base64url(randomBytes(16)),
    ...extra,
  }).toString();
  return { url: url.href, verifier, state };
}

export interface AuthorizationCode {
  code: string;
  verifier: string;
}

/** The code only counts when it arrives at the registered callback with our state and the issuer. */
function codeFromCallback(callback: URL, request: AuthorizationRequest, issuer: string): AuthorizationCode {
  const params = callback.searchParams;
  if (params.has('error')) throw new Error(`callback error: ${params.get('error')} ${params.get('error_description') ?? ''}`);
  if (params.get('state') !== request.state) throw new Error('callback state mismatch');
  if (params.has('iss') && params.get('iss') !== issuer) throw new Error('callback iss mismatch');
  const code = params.get('code');
  if (!code) throw new Error('callback without code');
  return { code, verifier: request.verifier };
}

/** A JSON answer with the expected status; anything else stops the measurement with what the server said. */
async function expectJson<T>(browser: Browser, path: string, expected: number, init: Parameters<Browser['request']>[1] = {}): Promise<T> {
  const { status, body } = await browser.json<T>(path, init);
  if (status !== expected) throw new Error(`${init.method ?? 'GET'} ${path} → ${status} ${JSON.stringify(body).slice(0, 200)}`);
  return body;
}

/** Names of the steps of a platform password login, in order. */
export const LOGIN_STEPS = ['authorize', 'captcha', 'captcha answer', 'login POST', 'resume → callback'] as const;
export type LoginStep = (typeof LOGIN_STEPS)[number];
export type StepRecorder = (step: LoginStep, ms: number) => void;

async function timed<T>(step: LoginStep, record: StepRecorder | undefined, work: () => Promise<T>): Promise<T> {
  const began = performance.now();
  const result = await work();
  record?.(step, performance.now() - began);
  return result;
}

async function interactionOf(browser: Browser, request: AuthorizationRequest): Promise<string> {
  const start = await browser.request(request.url);
  await start.arrayBuffer();
  const location = start.headers.get('location') ?? '';
  const found = /\/interaction\/([\w-]+)/.exec(location)?.[1];
  if (!found) throw new Error(`/oidc/auth → ${start.status} ${location || '(no location)'}; expected /interaction/:uid`);
  return found;
}

/** A login page at the platform, as the relying party's redirect opens it: the interaction's uid. */
export function openLoginInteraction(target: OidcTarget, browser: Browser): Promise<string> {
  return interactionOf(browser, authorizationRequest(target));
}

/**
 * One password login through the platform's real API, as the portal SPA does
 * it: /oidc/auth → /interaction/:uid, a captcha (solved through the demo
 * hook), POST /interaction/:uid/login (or /entity-login for 法人登录), then
 * the redirectTo chain back to the relying party's callback. `record`
 * (optional) gets each step's duration.
 */
export async function platformPasswordLogin(target: OidcTarget, credentials: Credentials, record?: StepRecorder): Promise<AuthorizationCode> {
  const browser = new Browser(target.origin, randomIp());
  const request = authorizationRequest(target, credentials.entity ? { login_type: 'entity' } : {});

  const uid = await timed('authorize', record, () => interactionOf(browser, request));
  const captcha = await timed('captcha', record, () => expectJson<{ id: string }>(browser, '/api/captcha', 201, { method: 'POST', json: {} }));
  const { answer } = await timed('captcha answer', record, () => expectJson<{ answer: string }>(browser, `/dev/captcha/${encodeURIComponent(captcha.id)}`, 200));
  const { redirectTo } = await timed('login POST', record, () =>
    expectJson<{ redirectTo: string }>(browser, `/interaction/${uid}/${credentials.entity ? 'entity-login' : 'login'}`, 200, {
      method: 'POST',
      json: {
        ...(credentials.entity ? { entity: credentials.entity } : {}),
        identifier: credentials.identifier,
        password: credentials.password,
        captchaId: captcha.id,
        captchaAnswer: answer,
      },
    }),
  );
  const callback = await timed('resume → callback', record, () => browser.followUntil(redirectTo, target.rp.redirectUri));
  return codeFromCallback(callback, request, target.issuer);
}

/**
 * A login at a provider whose interaction endpoint completes by itself (the
 * bare provider): just follow the redirects to the callback.
 */
export async function selfCompletingLogin(target: OidcTarget): Promise<AuthorizationCode> {
  const browser = new Browser(target.origin, randomIp());
  const request = authorizationRequest(target);
  const callback = await browser.followUntil(request.url, target.rp.redirectUri);
  return codeFromCallback(callback, request, target.issuer);
}

async function tokenRequest(target: OidcTarget, form: Record<string, string>, clientIp: string): Promise<TokenSet> {
  const credentials = `${encodeURIComponent(target.rp.clientId)}:${encodeURIComponent(target.rp.clientSecret)}`;
  const response = await fetch(target.tokenEndpoint, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      'x-forwarded-for': clientIp,
    },
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`token ${form.grant_type} → ${response.status} ${text.slice(0, 200)}`);
  const tokens = JSON.parse(text) as TokenSet;
  if (!tokens.access_token) throw new Error(`token ${form.grant_type} answered without access_token`);
  return tokens;
}

/** Code exchange with client_secret_basic and the PKCE verifier. */
export function exchangeCode(target: OidcTarget, code: AuthorizationCode, clientIp = randomIp()): Promise<TokenSet> {
  return tokenRequest(target, { grant_type: 'authorization_code', code: code.code, redirect_uri: target.rp.redirectUri, code_verifier: code.verifier }, clientIp);
}

/** One refresh-token grant; the answer must carry the rotated refresh token. */
export async function refreshGrant(target: OidcTarget, refreshToken: string, clientIp: string): Promise<TokenSet & { refresh_token: string }> {
  const tokens = await tokenRequest(target, { grant_type: 'refresh_token', refresh_token: refreshToken }, clientIp);
  if (!tokens.refresh_token) throw new Error('refresh grant answered without a refresh_token');
  if (tokens.refresh_token === refreshToken) throw new Error('refresh token was not rotated');
  return tokens as TokenSet & { refresh_token: string };
}

/**
 * A refresh-token chain per worker: each worker logs in once, exchanges its
 * code, then always presents the newest rotated refresh token.
 */
export async function refreshChains(target: OidcTarget, workers: number, login: () => Promise<AuthorizationCode>): Promise<(worker: number) => Promise<void>> {
  // One login after the other: the login throttle counts an attempt before it checks the password, so
  // dozens of one account's logins at once read as guessing (PASSWORD_LOGIN_PAUSED).
  const chains: { ip: string; refreshToken: string }[] = [];
  for (let worker = 0; worker < workers; worker += 1) {
    const ip = randomIp();
    const tokens = await exchangeCode(target, await login(), ip);
    if (!tokens.refresh_token) throw new Error(`no refresh_token from the code exchange at ${target.issuer}`);
    chains.push({ ip, refreshToken: tokens.refresh_token });
  }
  return async (worker) => {
    const chain = chains[worker]!;
    const tokens = await refreshGrant(target, chain.refreshToken, chain.ip);
    chain.refreshToken = tokens.refresh_token;
  };
}
