import type { Browser } from './harness.ts';

/**
 * The user center (/account) as its page uses it: the portal's own code flow
 * (/login/start → personal login → /account/callback, cookie `uia_account`)
 * and the `/api/account/*` calls.
 */

/**
 * Logs the browser in to the user center. Without a platform session it
 * passes the login page (账号登录 with `identifier`/`password`); with one, single
 * sign-on goes straight to the callback. Returns the callback's answer.
 */
export async function userCenterLogin(browser: Browser, identifier: string, password: string) {
  const response = await loginThroughOwnClient(browser, { start: '/login/start', callback: '/account/callback' }, identifier, password);
  if (response.status !== 303 || response.headers.get('location') !== '/account') {
    throw new Error(`user center callback failed: ${response.status} ${response.headers.get('location')}`);
  }
  return response;
}

/**
 * A code flow of one of the platform's own clients (the user center's, the
 * console's): from `start` through the login page (账号登录; `afterPassword` may
 * answer a further step such as the SMS code, and returns where to go next)
 * to `callback`, whose answer it returns unchecked.
 */
export async function loginThroughOwnClient(
  browser: Browser,
  paths: { start: string; callback: string },
  identifier: string,
  password: string,
  afterPassword: (uid: string, answer: { status: number; body: any }) => Promise<string> = async (_uid, answer) => {
    if (answer.status !== 200) throw new Error(`login failed: ${JSON.stringify(answer.body)}`);
    return answer.body.redirectTo as string;
  },
) {
  const callbackPrefix = `${browser.baseUrl}${paths.callback}`;
  let next = new URL(paths.start, browser.baseUrl).href;
  for (let hop = 0; hop < 10; hop += 1) {
    if (next.startsWith(callbackPrefix)) {
      const response = await browser.request(next);
      await response.arrayBuffer();
      return response;
    }
    const uid = /\/interaction\/([\w-]+)$/.exec(new URL(next).pathname)?.[1];
    if (uid) {
      const answer = await browser.json(`/interaction/${uid}/login`, { json: { identifier, password, ...(await browser.solvedCaptcha()) } });
      next = new URL(await afterPassword(uid, answer), next).href;
      continue;
    }
    const response = await browser.request(next);
    await response.arrayBuffer();
    const location = response.headers.get('location');
    if (!location) throw new Error(`expected a redirect from ${new URL(next).pathname}, got ${response.status}`);
    next = new URL(location, next).href;
  }
  throw new Error(`login did not reach ${paths.callback}`);
}

export interface EntityBody {
  id: string;
  uscc: string;
  name: string;
  accountName: string | null;
  role: 'legal_representative' | 'agent';
  services: { id: string; name: string }[] | null;
  expiresAt: string | null;
}

export interface AgentBody {
  id: string;
  person: { name: string; idNumber: string };
  services: { id: string; name: string }[] | null;
  expiresAt: string;
  grantedAt: string;
  status: 'active' | 'expired';
}

/** The user center's API, in a browser holding the `uia_account` cookie. */
export const account = {
  me: (browser: Browser) => browser.json('/api/account/me'),
  logout: (browser: Browser) => browser.json('/api/account/logout', { json: {} }),
  entities: (browser: Browser) => browser.json<{ entities: EntityBody[] }>('/api/account/entities'),
  register: (browser: Browser, body: Record<string, unknown>) => browser.json('/api/account/entities', { json: body }),
  agents: (browser: Browser, entityId: string) => browser.json(`/api/account/entities/${entityId}/agents`),
  /** The body as sent (`agentName`, `agent`, `services`, `expiresOn`), unchecked so tests can send bad ones. */
  grant: (browser: Browser, entityId: string, body: Record<string, unknown>) => browser.json(`/api/account/entities/${entityId}/agents`, { json: body }),
  revoke: (browser: Browser, entityId: string, grantId: string) => browser.json(`/api/account/entities/${entityId}/agents/${grantId}/revoke`, { json: {} }),
};

/** The id of the entity with this USCC among those the browser's person may act for, or the test fails. */
export async function entityIdOf(browser: Browser, uscc: string): Promise<string> {
  const { status, body } = await account.entities(browser);
  const found = status === 200 ? body.entities.find((entity) => entity.uscc === uscc) : undefined;
  if (!found) throw new Error(`no entity ${uscc} in ${status} ${JSON.stringify(body)}`);
  return found.id;
}

/** The Beijing calendar date `days` after the one at `now` (epoch ms), as YYYY-MM-DD. */
export function beijingDate(now: number, days = 0): string {
  return new Date(now + 8 * 3600_000 + days * 24 * 3600_000).toISOString().slice(0, 10);
}

/** Milliseconds from `now` to the next Beijing midnight. */
export function untilBeijingMidnight(now: number): number {
  const day = 24 * 3600_000;
  const beijing = now + 8 * 3600_000;
  return day - (beijing % day);
}

/** The Beijing calendar date `years` after the one at `now`, plus `days` (29 February counts as 28 February). */
export function beijingDateYearsAhead(now: number, years: number, days = 0): string {
  const today = new Date(now + 8 * 3600_000);
  const day = Math.min(today.getUTCDate(), today.getUTCMonth() === 1 ? 28 : 31);
  return new Date(Date.UTC(today.getUTCFullYear() + years, today.getUTCMonth(), day + days)).toISOString().slice(0, 10);
}
