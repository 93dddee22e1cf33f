// The operator console's login in Chromium: its client requires two factors, so after the right
// password the login page asks for the SMS code sent to the administrator's bound phone (短信验证),
// and only both open the console; a person without a console role passes both factors and is
// still refused, in Chinese, without a console session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot } from './support/browser.ts';
import { CONSOLE_ADMINS, consolePasswordStep, consoleSmsStep } from './support/console.ts';
import { DEMO } from './support/flows.ts';
import { closeAll, openDesktopPage, useServersAndBrowser } from './support/session.ts';

const SECADMIN = CONSOLE_ADMINS.security;

const setup = useServersAndBrowser();
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ({ context, page } = await openDesktopPage(setup.browser));
});

afterAll(() => closeAll({ context }));

describe('console login with two factors', () => {
  it('asks the security administrator for the SMS code after the password, then opens the console', async () => {
    const { platformUrl } = setup.servers;
    expect(await consolePasswordStep(page, platformUrl, SECADMIN)).toBe(200);
    // The password alone did not log in: the SMS step, the code sent to the masked bound phone.
    await page.getByRole('heading', { name: '短信验证' }).waitFor({ state: 'visible' });
    expect(page.url()).toContain('/interaction/');
    expect(await page.locator('#second-factor-smsCode-hint').textContent()).toContain('138****0012');
    await screenshot(page, 'console-login-sms-step');

    await consoleSmsStep(page, platformUrl, SECADMIN.phone);
    await page.waitForURL(`${platformUrl}/console/`);
    const me = await page.request.get(`${platformUrl}/api/console/me`);
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ role: 'security', roleName: '安全管理员' });
    const logout = await page.request.post(`${platformUrl}/console/logout`, { data: {}, headers: { origin: platformUrl } });
    expect(logout.status()).toBe(200);
  });

  it('refuses a citizen without a console role after both factors, and opens no console session', async () => {
    const { platformUrl } = setup.servers;
    // Another person: a browser of their own (the administrator's platform session stays in the first).
    await closeAll({ context });
    ({ context, page } = await openDesktopPage(setup.browser));
    expect(await consolePasswordStep(page, platformUrl, DEMO)).toBe(200);
    await page.getByRole('heading', { name: '短信验证' }).waitFor({ state: 'visible' });
    await consoleSmsStep(page, platformUrl, DEMO.phone);
    await page.waitForURL((url) => url.pathname === '/console/callback');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('无权使用管理控制台');
    await screenshot(page, 'console-login-refused');
    expect((await page.request.get(`${platformUrl}/api/console/me`)).status()).toBe(401);
  });
});
