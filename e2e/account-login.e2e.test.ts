// 账号登录 from the demo relying party with each of the three identifiers the
// manual names (用户名/手机号/身份证号), logging out in between. One browser
// profile throughout: that each later login shows the login page again proves
// 退出登录 ended the platform's session too, not only edu-portal's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { newDesktopContext, screenshot } from './support/browser.ts';
import { chooseAccountLogin, DEMO, fillAccountLogin, loginForm, logoutFromEdu, startLoginFromEdu, submitAccountLogin } from './support/flows.ts';
import { closeAll, openDesktopPage, useServersAndBrowser } from './support/session.ts';

const setup = useServersAndBrowser();
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ({ context, page } = await openDesktopPage(setup.browser));
});

afterAll(() => closeAll({ context }));

const cases = [
  { kind: '用户名', identifier: DEMO.username, hint: '按用户名登录', shots: true },
  { kind: '手机号', identifier: DEMO.phone, hint: '按手机号登录', shots: false },
  { kind: '身份证号', identifier: DEMO.idNumber, hint: '按身份证号登录', shots: false },
];

describe('账号登录 from edu-portal', () => {
  for (const [index, c] of cases.entries()) {
    it(`logs in with the ${c.kind} and out again${index > 0 ? ' (the platform asks for the password again after the previous 退出登录)' : ''}`, async () => {
      const { eduUrl, platformUrl } = setup.servers;
      await page.goto(`${eduUrl}/`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('义务教育入学服务平台（演示）');
      if (c.shots) await screenshot(page, 'edu-portal-home-logged-out');

      // Lands on the platform's login page — for the 2nd and 3rd login this is
      // the proof that the previous 退出登录 ended the platform session (with a
      // live session oidc-provider would send the browser straight back).
      await startLoginFromEdu(page, eduUrl, platformUrl);
      expect(await page.getByTestId('login-client').textContent()).toBe('正在登录：义务教育入学服务平台（演示）');
      const cookies = await context.cookies(platformUrl);
      expect(cookies.map((cookie) => cookie.name)).not.toContain('_session');

      await chooseAccountLogin(page);
      expect(await page.getByRole('tab', { name: '账号登录' }).getAttribute('aria-selected')).toBe('true');
      await fillAccountLogin(page, platformUrl, c.identifier, DEMO.password);
      expect(await loginForm(page).identifierKind.textContent()).toBe(c.hint);
      if (c.shots) await screenshot(page, 'platform-login-page-filled');

      const answer = await submitAccountLogin(page);
      expect(answer.status()).toBe(200);
      await page.waitForURL(`${eduUrl}/`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`欢迎，${DEMO.maskedName}`);
      const profile = page.locator('dl.profile');
      expect(await profile.locator('div', { hasText: '姓名' }).locator('dd').textContent()).toBe(DEMO.maskedName);
      expect(await profile.locator('div', { hasText: '证件号码' }).locator('dd').textContent()).toBe(DEMO.maskedIdNumber);
      expect(await profile.locator('div', { hasText: '认证等级' }).locator('dd').textContent()).toBe('L2 实名用户');
      expect(await profile.locator('div', { hasText: '登录方式' }).locator('dd').textContent()).toBe('密码');
      // Nothing unmasked reaches the page.
      const text = await page.locator('body').innerText();
      expect(text).not.toContain(DEMO.idNumber);
      expect(text).not.toContain(DEMO.phone);
      expect(text).not.toContain('张三');
      if (c.shots) await screenshot(page, 'edu-portal-logged-in');

      await logoutFromEdu(page, eduUrl, platformUrl, async (confirm) => {
        if (c.shots) await screenshot(confirm, 'platform-logout-confirmation');
      });
      // Back on edu-portal, logged out there …
      expect(page.url()).toBe(`${eduUrl}/`);
      expect(await page.getByRole('button', { name: '退出登录' }).count()).toBe(0);
      // … and at the platform.
      expect((await context.cookies(platformUrl)).map((cookie) => cookie.name)).not.toContain('_session');
    });
  }

  it('(control) with a live platform session the login page is skipped — single sign-on', async () => {
    // Shows that "the login page appears" above really measures the platform
    // session: logged in at the platform first, edu-portal gets the user
    // without any login page.
    const { eduUrl, platformUrl } = setup.servers;
    const sso = await newDesktopContext(setup.browser);
    try {
      const tab = await sso.newPage();
      await tab.goto(`${platformUrl}/`);
      await chooseAccountLogin(tab);
      await fillAccountLogin(tab, platformUrl, DEMO.username, DEMO.password);
      expect((await submitAccountLogin(tab)).status()).toBe(200);
      // The platform's own login ends in its user center.
      await tab.waitForURL(`${platformUrl}/account`);
      await tab.getByRole('heading', { level: 1, name: '用户中心' }).waitFor();

      const visited: string[] = [];
      tab.on('framenavigated', (frame) => {
        if (frame === tab.mainFrame()) visited.push(frame.url());
      });
      await tab.goto(`${eduUrl}/`);
      await tab.getByRole('link', { name: '使用统一身份认证登录' }).click();
      await tab.waitForURL(`${eduUrl}/`);
      await tab.getByRole('heading', { name: `欢迎，${DEMO.maskedName}` }).waitFor();
      expect(visited.filter((url) => url.includes('/interaction/'))).toEqual([]);

      await logoutFromEdu(tab, eduUrl, platformUrl);
    } finally {
      await sso.close();
    }
  });
});
