// 登录设备与会话 in the user center (docs/api.md § 登录设备与会话): two browser profiles of 张三 and
// his phone app are logged in; from the user center of the first, 退出 ends the second — the
// platform tells edu-portal by back-channel logout, so the second profile's edu-portal session is
// over and its next login shows the platform's login page — and 全部退出 then logs the app out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { newDesktopContext, screenshot, visibleText } from './support/browser.ts';
import { appFaceLogin, launchPhoneBrowser, newPhoneContext } from './support/app.ts';
import { DEMO, loginAtEdu, loginModes, loginToUserCenter, startLoginFromEdu } from './support/flows.ts';
import { useServersAndBrowser } from './support/session.ts';

const setup = useServersAndBrowser();
let office: BrowserContext;
let home: BrowserContext;
let phoneBrowser: Browser;
let phone: BrowserContext;

beforeAll(async () => {
  office = await newDesktopContext(setup.browser);
  home = await newDesktopContext(setup.browser);
  phoneBrowser = await launchPhoneBrowser();
  phone = await newPhoneContext(phoneBrowser, setup.servers.platformUrl);
});

afterAll(async () => {
  await phone?.close();
  await phoneBrowser?.close();
  await home?.close();
  await office?.close();
});

/** 张三's 账号登录 at edu-portal in this page; ends on edu-portal's welcome. */
async function loginAtEduAsDemo(page: Page) {
  await loginAtEdu(page, setup.servers.eduUrl, setup.servers.platformUrl, DEMO.username, DEMO.password);
  expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe(`欢迎，${DEMO.maskedName}`);
}

const sessionsRegion = (page: Page) => page.getByRole('region', { name: '登录设备与会话' });
const browserItems = (page: Page): Locator => sessionsRegion(page).getByRole('list', { name: '电脑浏览器' }).getByRole('listitem');

describe('登录设备与会话', () => {
  it('lists both browsers and the app; 退出 on the other browser ends its edu-portal session (back-channel logout) and its platform session; 全部退出 logs the app out', async () => {
    const homePage = await home.newPage();
    await loginAtEduAsDemo(homePage);
    const phonePage = await phone.newPage();
    await appFaceLogin(phonePage, setup.servers.platformUrl, { name: '张三', idNumber: DEMO.idNumber, maskedName: DEMO.maskedName }, 7);

    const page = await office.newPage();
    await loginToUserCenter(page, setup.servers.platformUrl, DEMO.username, DEMO.password);
    const region = sessionsRegion(page);
    await region.getByRole('heading', { name: '电脑浏览器' }).waitFor();
    await expect.poll(() => browserItems(page).count()).toBe(2);
    const [first, second] = [browserItems(page).nth(0), browserItems(page).nth(1)];
    expect(await first.innerText()).toContain('当前设备');
    expect(await first.getByRole('button', { name: /^退出/ }).count()).toBe(0);
    const other = await second.innerText();
    expect(other).toContain('Chrome');
    expect(other).toContain('本机/内网');
    expect(other).toContain('义务教育入学服务平台（演示）');
    const appItem = region.getByRole('list', { name: '手机应用' }).getByRole('listitem');
    expect(await appItem.count()).toBe(1);
    expect(await appItem.innerText()).toContain('Android · Chrome');
    expect(await appItem.innerText()).toContain('有效期至');

    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1366, height: 768 },
    ]) {
      await page.setViewportSize(viewport);
      await screenshot(page, `account-sessions-${viewport.width}`);
    }

    page.once('dialog', (dialog) => void dialog.accept());
    await second.getByRole('button', { name: /^退出/ }).click();
    await expect.poll(() => visibleText(region.getByRole('status'))).toMatch(/^已退出“Chrome \d+ · Linux”$/);
    await expect.poll(() => browserItems(page).count()).toBe(1);

    // edu-portal heard it: the other profile is logged out there, and the platform asks for a login again.
    await homePage.goto(`${setup.servers.eduUrl}/`);
    await homePage.getByRole('link', { name: '使用统一身份认证登录' }).waitFor({ state: 'visible' });
    await startLoginFromEdu(homePage, setup.servers.eduUrl, setup.servers.platformUrl);
    expect(await loginModes(homePage).list.isVisible()).toBe(true);

    // This profile still signs in to edu-portal at once (single sign-on).
    const eduHere = await office.newPage();
    await eduHere.goto(`${setup.servers.eduUrl}/`);
    await eduHere.getByRole('link', { name: '使用统一身份认证登录' }).click();
    await eduHere.waitForURL(`${setup.servers.eduUrl}/`);
    expect(await visibleText(eduHere.getByRole('heading', { level: 1 }))).toBe(`欢迎，${DEMO.maskedName}`);

    // 全部退出: only the app is left besides this browser; afterwards the app asks for a login again.
    page.once('dialog', (dialog) => void dialog.accept());
    await region.getByRole('button', { name: '全部退出' }).click();
    await expect.poll(() => visibleText(region.getByRole('status'))).toBe('已退出 0 个电脑浏览器、1 个手机应用');
    await region.getByText('手机应用未登录。').waitFor();
    expect(await browserItems(page).count()).toBe(1);
    await phonePage.goto(`${setup.servers.platformUrl}/app/me`);
    await phonePage.waitForURL((url) => url.pathname === '/app/login');
  });
});
