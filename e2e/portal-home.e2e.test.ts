// The platform's own login page opened directly at `/` (no relying party):
// it opens on 扫码登录 (the manual's default, 推荐), starting a login of the
// portal's built-in client for the QR; 账号登录 works through that client and
// ends on the platform's 您已登录 page; 法人登录 says honestly that it is not
// available yet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { screenshot, visibleText } from './support/browser.ts';
import { chooseAccountLogin, DEMO, fillAccountLogin, loginForm, loginModes, submitAccountLogin } from './support/flows.ts';
import type { Servers } from './support/servers.ts';
import { closeAll, openDesktopPage, startServersAndBrowser } from './support/session.ts';

let servers: Servers;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ({ servers, browser } = await startServersAndBrowser());
});

afterAll(() => closeAll({ browser, servers }));

async function openHome(): Promise<void> {
  ({ context, page } = await openDesktopPage(browser));
  await page.goto(`${servers.platformUrl}/`);
  await loginModes(page).list.waitFor({ state: 'visible' });
}

describe('platform login page at /', () => {
  it('loads without a relying party and logs zhangsan in to the platform itself (您已登录)', async () => {
    await openHome();
    try {
      expect(await page.title()).toBe('登录 - 统一身份认证平台（演示）');
      expect(await page.getByText('演示环境').first().isVisible()).toBe(true);
      expect(await page.getByRole('tab', { name: '个人登录' }).getAttribute('aria-selected')).toBe('true');
      expect(await loginModes(page).qr.getAttribute('aria-selected')).toBe('true');
      // No relying party behind this login.
      expect(await page.getByTestId('login-client').count()).toBe(0);

      await chooseAccountLogin(page);
      expect(await loginModes(page).account.getAttribute('aria-selected')).toBe('true');
      await screenshot(page, 'platform-home-login-page');

      await fillAccountLogin(page, servers.platformUrl, DEMO.username, DEMO.password);
      expect((await submitAccountLogin(page)).status()).toBe(200);
      await page.waitForURL((url) => url.href.startsWith(`${servers.platformUrl}/account/callback`));
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('您已登录');
      const text = await page.locator('body').innerText();
      expect(text).toContain(`欢迎，${DEMO.maskedName}。您已登录统一身份认证平台`);
      expect(text).toContain('认证等级：L2');
      expect(text).not.toContain('张三');
      expect(await page.getByRole('link', { name: '退出登录' }).isVisible()).toBe(true);
      await screenshot(page, 'platform-home-logged-in');
    } finally {
      await context.close();
    }
  });

  it('opens on 扫码登录 with a QR code for a login of the platform itself; 法人登录 shows a "not yet available" notice', async () => {
    await openHome();
    try {
      const panel = page.locator('#login-panel');

      // The QR needs a login interaction: the page started one for the portal's own client.
      const qrImage = panel.getByRole('img', { name: '扫码登录二维码，请使用手机App扫描' });
      await qrImage.waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/interaction\/[A-Za-z0-9_-]+$/);
      expect(await qrImage.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
      expect(await visibleText(panel.getByRole('status'))).toBe('请使用手机App扫码');
      expect(await panel.getByText('打开手机App，点击首页“扫一扫”').isVisible()).toBe(true);
      expect(await loginForm(page).identifier.count()).toBe(0);
      await screenshot(page, 'platform-home-qr-login');

      await page.getByRole('tab', { name: '法人登录' }).click();
      expect(await page.getByRole('tab', { name: '法人登录' }).getAttribute('aria-selected')).toBe('true');
      const entityNotice = panel.getByRole('status');
      await entityNotice.waitFor();
      expect(await entityNotice.locator('.unavailable-text').textContent()).toBe('法人登录将在后续版本开放');
      expect(await entityNotice.locator('.unavailable-hint').textContent()).toBe('目前请使用个人账号登录。');
      // The QR is gone with its panel (its event stream closed).
      expect(await panel.locator('img, canvas').count()).toBe(0);
      expect(await loginForm(page).identifier.count()).toBe(0);
      await screenshot(page, 'platform-entity-login-unavailable');
      await entityNotice.getByRole('button', { name: '切换到个人账号登录' }).click();
      await loginForm(page).identifier.waitFor({ state: 'visible' });
      expect(await page.getByRole('tab', { name: '个人登录' }).getAttribute('aria-selected')).toBe('true');
    } finally {
      await context.close();
    }
  });
});
