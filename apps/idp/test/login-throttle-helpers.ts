import type * as client from 'openid-client';
import { Browser } from './harness.ts';
import { startLogin } from './relying-party.ts';

/** One 账号登录 attempt with a solved captcha, in a login interaction of the demo relying party. */
export async function passwordAttempt(browser: Browser, uid: string, identifier: string, password: string) {
  const response = await browser.request(`/interaction/${uid}/login`, { json: { identifier, password, ...(await browser.solvedCaptcha()) } });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { redirectTo?: string; error?: Record<string, any> } };
}

/** A fresh browser (its own address and cookies) trying once in a fresh login interaction. */
export async function attemptFromNewBrowser(baseUrl: string, config: client.Configuration, identifier: string, password: string) {
  const browser = new Browser(baseUrl);
  const { uid } = await startLogin(browser, config);
  return passwordAttempt(browser, uid, identifier, password);
}

/**
 * Strangers from ten addresses (by default), five wrong passwords each (fewer
 * once the pause begins): the account's daily limit
 * (LOGIN_THROTTLE_POLICY.accountDailyLimit = 50) is reached, so password
 * login from devices the account never used is paused. `authorizationParams`
 * for a relying party registered elsewhere (its redirect_uri).
 */
export async function pausePasswordLogin(baseUrl: string, config: client.Configuration, identifier: string, strangers = 10, authorizationParams: Record<string, string> = {}) {
  await Promise.all(
    Array.from({ length: strangers }, async (_, stranger) => {
      const browser = new Browser(baseUrl);
      const { uid } = await startLogin(browser, config, authorizationParams);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const { body } = await passwordAttempt(browser, uid, identifier, `Stranger#${stranger}guess${attempt}`);
        if (body.error?.code === 'PASSWORD_LOGIN_PAUSED') return;
        if (body.error?.code !== (attempt < 4 ? 'CREDENTIALS_INVALID' : 'LOGIN_THROTTLED')) throw new Error(`unexpected answer: ${JSON.stringify(body)}`);
      }
    }),
  );
}
