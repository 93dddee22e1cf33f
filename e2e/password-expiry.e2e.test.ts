// UIA_PASSWORD_MAX_AGE_DAYS (off by default): an operator whose rules demand
// periodic change sets it; a right password past that age is refused on the
// login page with the way out (忘记密码) in the message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, newDesktopContext, screenshot } from './support/browser.ts';
import { chooseAccountLogin, DEMO, fillAccountLogin, loginForm, shownError, startLoginFromEdu, submitAccountLogin } from './support/flows.ts';
import { startServers, type Servers } from './support/servers.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

let browser: Browser;
let context: BrowserContext | undefined;
let servers: Servers;

beforeAll(async () => {
  browser = await launchBrowser();
  servers = await startServers({ platformEnv: { UIA_PASSWORD_MAX_AGE_DAYS: '90' } });
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await servers?.stop();
  await browser?.close();
});

describe('账号登录 with an expired password', () => {
  it('refuses the right password after 90 days with 密码已超过有效期 under 密码, pointing to 忘记密码', async () => {
    const { eduUrl, platformUrl, clock } = servers;
    context = await newDesktopContext(browser);
    const page = await context.newPage();
    // Before the page fetches its captcha, which the jump would expire.
    clock.advance(91 * DAY_MS);
    await startLoginFromEdu(page, eduUrl, platformUrl);
    await chooseAccountLogin(page);
    await fillAccountLogin(page, platformUrl, DEMO.username, DEMO.password);
    const refused = await submitAccountLogin(page);
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('PASSWORD_EXPIRED');
    expect(await shownError(loginForm(page).passwordError)).toBe('密码已超过有效期，请点击“忘记密码”设置新密码后再登录');
    expect(await page.getByRole('link', { name: '忘记密码?' }).isVisible()).toBe(true);
    await screenshot(page, 'login-password-expired', { fullPage: false });
  });
});
