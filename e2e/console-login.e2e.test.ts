// The operator console's login in Chromium: its client requires two factors, so after the right
// password the login page asks for the SMS code sent to the administrator's bound phone (短信验证),
// and only both open the console; a person without a console role passes both factors and is
// still refused, in Chinese, without a console session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { latestSmsCode, screenshot } from './support/browser.ts';
import { chooseAccountLogin, DEMO, fillAccountLogin, loginModes, submitAccountLogin } from './support/flows.ts';
import { closeAll, openDesktopPage, useServersAndBrowser } from './support/session.ts';

const SECADMIN = { username: 'secadmin', phone: '13800000012', password: 'Demo@2026pw' };

const setup = useServersAndBrowser();
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ({ context, page } = await openDesktopPage(setup.browser));
});

afterAll(() => closeAll({ context }));

/** From /console/login/start through 账号登录 to the 短信验证 step; returns the password step's answer status. */
async function passwordStep(person: { username: string; password: string }) {
  const { platformUrl } = setup.servers;
  await page.goto(`${platformUrl}/console/login/start`);
  await loginModes(page).list.waitFor({ state: 'visible' });
  await chooseAccountLogin(page);
  await fillAccountLogin(page, platformUrl, person.username, person.password);
  return (await submitAccountLogin(page)).status();
}

async function smsStep(phone: string) {
  await page.getByLabel('短信验证码').fill(await latestSmsCode(setup.servers.platformUrl, phone));
  await page.getByRole('button', { name: '验证并登录' }).click();
}

describe('console login with two factors', () => {
  it('asks the security administrator for the SMS code after the password, then opens the console', async () => {
    const { platformUrl } = setup.servers;
    expect(await passwordStep(SECADMIN)).toBe(200);
    // The password alone did not log in: the SMS step, the code sent to the masked bound phone.
    await page.getByRole('heading', { name: '短信验证' }).waitFor({ state: 'visible' });
    expect(page.url()).toContain('/interaction/');
    expect(await page.locator('#second-factor-smsCode-hint').textContent()).toContain('138****0012');
    await screenshot(page, 'console-login-sms-step');

    await smsStep(SECADMIN.phone);
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
    expect(await passwordStep(DEMO)).toBe(200);
    await page.getByRole('heading', { name: '短信验证' }).waitFor({ state: 'visible' });
    await smsStep(DEMO.phone);
    await page.waitForURL((url) => url.pathname === '/console/callback');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('无权使用管理控制台');
    await screenshot(page, 'console-login-refused');
    expect((await page.request.get(`${platformUrl}/api/console/me`)).status()).toBe(401);
  });
});
