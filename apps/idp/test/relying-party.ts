import * as client from 'openid-client';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startTestPlatform, type Browser, type TestPlatform } from './harness.ts';
import { startReceiver } from './logout-receiver.ts';

/** The demo relying party (edu-portal's registration: client_secret_basic), driven with openid-client as a real RP would. */
export const RP = {
  clientId: 'edu-portal',
  clientSecret: 'edu-portal-demo-secret',
  redirectUri: 'http://localhost:3001/callback',
  postLogoutRedirectUri: 'http://localhost:3001/',
};

export async function discover(baseUrl: string) {
  return client.discovery(new URL(`${baseUrl}/oidc`), RP.clientId, RP.clientSecret, client.ClientSecretBasic(RP.clientSecret), { execute: [client.allowInsecureRequests] });
}

export interface StartedLogin {
  uid: string;
  verifier: string;
  state: string;
  nonce: string;
}

/** Sends the browser to the authorization endpoint; returns the interaction it lands on. */
export async function startLogin(browser: Browser, config: client.Configuration, extra: Record<string, string> = {}): Promise<StartedLogin> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: RP.redirectUri,
    scope: 'openid profile phone id_card',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  const response = await browser.request(url.href);
  const location = response.headers.get('location') ?? '';
  const uid = /\/interaction\/([\w-]+)/.exec(location)?.[1];
  if (!uid) throw new Error(`expected an interaction redirect, got ${response.status} ${location}`);
  return { uid, verifier, state, nonce };
}

/** An authorization URL of the demo RP (scope openid, a fresh PKCE challenge) with `extra` parameters. */
export async function authorizationUrl(config: client.Configuration, extra: Record<string, string> = {}): Promise<URL> {
  return client.buildAuthorizationUrl(config, {
    redirect_uri: RP.redirectUri,
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
    ...extra,
  });
}

/** Follows redirects inside the platform until the browser is sent back to the RP's callback. */
export function followToRp(browser: Browser, url: string): Promise<URL> {
  return browser.followUntil(url, RP.redirectUri);
}

/**
 * Starts the platform for the calling test file and discovers it as the demo
 * relying party; the fields are filled in by the time the tests run.
 */
/** One platform for the file's tests; `env` adds configuration (e.g. UIA_PASSWORD_MAX_AGE_DAYS). */
export function useRelyingPartyPlatform(env: Record<string, string> = {}) {
  const context = {} as { t: TestPlatform; config: client.Configuration };
  beforeAll(async () => {
    context.t = await startTestPlatform({ env });
    context.config = await discover(context.t.baseUrl);
  });
  afterAll(() => context.t?.stop());
  return context;
}

/**
 * useRelyingPartyPlatform with the demo RP registered at a receiver's URL, so the
 * back-channel logouts the platform sends it arrive there; emptied before each test.
 */
export function useLogoutReceiverPlatform() {
  const context = {} as { receiver: Awaited<ReturnType<typeof startReceiver>>; t: TestPlatform; config: client.Configuration };
  beforeAll(async () => {
    context.receiver = await startReceiver();
    context.t = await startTestPlatform({ env: { UIA_DEMO_RP_URL: context.receiver.url } });
    context.config = await discover(context.t.baseUrl);
  });
  afterAll(async () => {
    await context.t?.stop();
    await context.receiver?.close();
  });
  beforeEach(() => {
    context.receiver.received.length = 0;
  });
  return context;
}

/** Logs in with a password up to the RP's callback, whose code is not redeemed yet. */
export async function passwordLoginToCallback(browser: Browser, config: client.Configuration, identifier: string, password: string) {
  const login = await startLogin(browser, config);
  const captcha = await browser.solvedCaptcha();
  const { status, body } = await browser.json(`/interaction/${login.uid}/login`, { json: { identifier, password, ...captcha } });
  if (status !== 200) throw new Error(`login failed: ${JSON.stringify(body)}`);
  return { callback: await followToRp(browser, body.redirectTo), login };
}

/** The code of a login's callback redeemed as the RP does. */
export function redeemCode(config: client.Configuration, callback: URL, login: StartedLogin) {
  return client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: login.verifier, expectedState: login.state, expectedNonce: login.nonce });
}

export async function passwordLogin(browser: Browser, config: client.Configuration, identifier: string, password: string) {
  const { callback, login } = await passwordLoginToCallback(browser, config, identifier, password);
  return { tokens: await redeemCode(config, callback, login), callback, login };
}
