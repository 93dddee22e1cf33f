// The platform's own login page opened directly at `/` (no relying party):
// it opens on 扫码登录 (the manual's default, 推荐), starting a login of the
// portal's built-in client for the QR; 账号登录 works through that client and
// ends in the user center (/account). The platform's own login is a personal
// one (个人登录 only); a relying party that accepts entities (edu-portal) gets
// the 法人登录 tab too, with its own 扫码登录 and 账号登录 form.
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot, visibleText } from './support/browser.ts';
import { chooseAccountLogin, DEMO, fillAccountLogin, loginForm, loginModes, startLoginFromEdu, submitAccountLogin } from './support/flows.ts';
import { openDesktopPage, useServersAndBrowser } from './support/session.ts';

const setup = useServersAndBrowser();
let context: BrowserContext;
let page: Page;

async function openHome(): Promise<void> {
  ({ context, page } = await openDesktopPage(setup.browser));
  await page.goto(`${setup.servers.platformUrl}/`);
  await loginModes(page).list.waitFor({ state: 'visible' });
}

describe('platform login page at /', () => {
  it('loads without a relying party and logs zhangsan in to the platform itself (the user center)', async () => {
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

      await fillAccountLogin(page, setup.servers.platformUrl, DEMO.username, DEMO.password);
      expect((await submitAccountLogin(page)).status()).toBe(200);
      // /account/callback opens the user center's session and redirects to it.
      await page.waitForURL(`${setup.servers.platformUrl}/account`);
      await page.getByRole('heading', { level: 1, name: '用户中心' }).waitFor();
      expect(await page.title()).toBe('用户中心 - 统一身份认证平台（演示）');
      await page.getByRole('region', { name: '个人信息' }).waitFor();
      const text = await page.locator('main').innerText();
      expect(text).toContain(`欢迎，${DEMO.maskedName}`);
      expect(text).toContain(DEMO.maskedIdNumber);
      expect(text).toContain('L2 实名用户');
      expect(text).not.toContain('张三');
      expect(text).not.toContain(DEMO.idNumber);
      expect(await page.getByRole('button', { name: '退出登录' }).isVisible()).toBe(true);
      await screenshot(page, 'platform-home-logged-in');
    } finally {
      await context.close();
    }
  });

  it('opens on 个人登录 → 扫码登录 with a QR code for a login of the platform itself, beside the 法人登录 tab', async () => {
    await openHome();
    try {
      const panel = page.locator('#login-panel');

      // The QR needs a login interaction: the page started one for the portal's own client.
      const qrImage = panel.getByRole('img', { name: '扫码登录二维码，请使用「统一认证」扫描' });
      await qrImage.waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/interaction\/[A-Za-z0-9_-]+$/);
      expect(await qrImage.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
      expect(await visibleText(panel.getByRole('status'))).toBe('请使用「统一认证」扫码');
      expect(await panel.getByText('打开「统一认证」，点击首页“扫一扫”').isVisible()).toBe(true);
      expect(await loginForm(page).identifier.count()).toBe(0);
      await screenshot(page, 'platform-home-qr-login');

      // The manual's tabs (DESIGN.md §2): 个人登录, selected, and 法人登录.
      const tabs = page.getByRole('tablist', { name: '登录身份' }).getByRole('tab');
      expect(await tabs.allTextContents()).toEqual(['个人登录', '法人登录']);
      expect(await page.getByRole('tab', { name: '个人登录' }).getAttribute('aria-selected')).toBe('true');
    } finally {
      await context.close();
    }
  });

  it('from a relying party that accepts entities, the 法人登录 tab offers an entity QR and the entity\'s 账号登录 form (no "not yet available" notice)', async () => {
    ({ context, page } = await openDesktopPage(setup.browser));
    try {
      await startLoginFromEdu(page, setup.servers.eduUrl, setup.servers.platformUrl);
      const panel = page.locator('#login-panel');
      const tabs = page.getByRole('tablist', { name: '登录身份' }).getByRole('tab');
      expect(await tabs.allTextContents()).toEqual(['个人登录', '法人登录']);
      expect(await page.getByRole('tab', { name: '个人登录' }).getAttribute('aria-selected')).toBe('true');
      await panel.getByRole('img', { name: '扫码登录二维码，请使用「统一认证」扫描' }).waitFor();

      // 法人登录 → a fresh QR, for an entity login.
      const entityQr = page.waitForResponse((r) => r.request().method() === 'POST' && /^\/interaction\/[^/]+\/qr$/.test(new URL(r.url()).pathname));
      await page.getByRole('tab', { name: '法人登录' }).click();
      expect(await page.getByRole('tab', { name: '法人登录' }).getAttribute('aria-selected')).toBe('true');
      const created = await entityQr;
      expect(created.status()).toBe(201);
      expect(created.request().postDataJSON()).toMatchObject({ loginType: 'entity' });
      await panel.getByRole('img', { name: '扫码登录二维码，请使用「统一认证」扫描' }).waitFor();
      await panel.getByText('请使用「统一认证」扫码，并在手机上选择要代表登录的单位').waitFor();
      expect(await panel.getByText('法人登录将在后续版本开放').count()).toBe(0);

      // 账号登录 under 法人登录: the entity, then the person's own account.
      await loginModes(page).account.click();
      await page.getByLabel('统一社会信用代码/单位账号').waitFor();
      expect(await page.getByTestId('entity-login-hint').textContent()).toBe('法定代表人或经办人使用本人账号登录；经办人需由法定代表人在用户中心授权');
      expect(await page.getByLabel('用户名/手机号/身份证号').isVisible()).toBe(true);
      expect(await page.getByLabel('密码', { exact: true }).isVisible()).toBe(true);
      expect(await panel.locator('img[data-captcha-id]').isVisible()).toBe(true);
      await screenshot(page, 'platform-entity-login-tab');

      // Back to 个人登录: its own form.
      await page.getByRole('tab', { name: '个人登录' }).click();
      await loginForm(page).identifier.waitFor({ state: 'visible' });
      expect(await page.getByLabel('统一社会信用代码/单位账号').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
