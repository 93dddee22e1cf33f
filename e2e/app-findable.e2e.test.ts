// The app is named and findable (issue 13 item 5): the 扫码登录 panel says
// which app to scan with and, under 如何获取「统一认证」？, how to get it — a
// second QR code that opens the web app (/app/) and the 添加到主屏幕 steps.
// A phone's browser cannot scan its own screen: there the login page opens on
// 账号登录, and 扫码登录 offers 在手机App中打开, which takes the same phone to
// the app's 确认登录 page for that QR; the login page then completes.
import jpeg from 'jpeg-js';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Response } from 'playwright-core';
import { newDesktopContext, screenshot, visibleText } from './support/browser.ts';
import { appFaceLogin, launchPhoneBrowser, newPhoneContext } from './support/app.ts';
import { DEMO, eduProfile, loginForm, loginModes, startLoginFromEdu } from './support/flows.ts';
import { startServers, type Servers } from './support/servers.ts';

let servers: Servers;
let browser: Browser;

beforeAll(async () => {
  servers = await startServers();
  // The fake camera's moving test pattern passes the simulated face check of the app's login.
  browser = await launchPhoneBrowser();
});

afterAll(async () => {
  await browser?.close();
  await servers?.stop();
});

const isQrCreate = (r: Response) => r.request().method() === 'POST' && /^\/interaction\/[^/]+\/qr$/.test(new URL(r.url()).pathname);

/** The text of the QR code `image` shows, read from a screenshot of it as a camera would. */
async function decodeQr(image: Locator): Promise<string | null> {
  const shot = jpeg.decode(await image.screenshot({ type: 'jpeg', quality: 100 }), { useTArray: true, formatAsRGBA: true });
  return jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height)?.data ?? null;
}

/** Waits until the image has loaded (it is fetched when the dialog shows it). */
async function loaded(image: Locator): Promise<void> {
  await image.waitFor();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
}

describe('the companion app is named and findable', () => {
  it('on a PC: the panel names the app; 如何获取 shows a QR of /app/ and the 添加到主屏幕 steps', async () => {
    const { platformUrl } = servers;
    const context = await newDesktopContext(browser);
    const page = await context.newPage();
    await page.goto(`${platformUrl}/`);
    const panel = page.locator('#login-panel');
    await panel.getByRole('img', { name: '扫码登录二维码，请使用「统一认证」扫描' }).waitFor();
    expect(await visibleText(panel.getByRole('status'))).toBe('请使用「统一认证」扫码');
    expect(await panel.getByText('打开「统一认证」，点击首页“扫一扫”').isVisible()).toBe(true);
    await screenshot(page, 'findable-pc-qr', { fullPage: false });

    const open = panel.getByRole('button', { name: '如何获取「统一认证」？' });
    await open.click();
    const dialog = page.getByRole('dialog', { name: '如何获取「统一认证」' });
    await dialog.waitFor();
    // Focus moved into the dialog (its first control), so a keyboard or screen reader is there too.
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    const appQr = dialog.getByRole('img', { name: '「统一认证」网页版的二维码，用手机相机扫描即可打开' });
    await loaded(appQr);
    expect(await decodeQr(appQr)).toBe(`${platformUrl}/app/`);
    expect(await dialog.getByRole('link', { name: new RegExp(`^${platformUrl}/app/`) }).getAttribute('href')).toBe(`${platformUrl}/app/`);
    const steps = await dialog.innerText();
    expect(steps).toContain('选择“添加到主屏幕”，再点击“添加”');
    expect(steps).toContain('选择“添加到主屏幕”或“安装应用”');
    // No native app configured: no store links.
    expect(await dialog.getByRole('link', { name: /下载/ }).count()).toBe(0);
    await screenshot(page, 'findable-pc-help', { fullPage: false });

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await open.evaluate((button) => button === document.activeElement)).toBe(true);
    await context.close();
  });

  it('on a phone: opens on 账号登录; 在手机App中打开 confirms the QR in the app and the login completes', async () => {
    const { platformUrl, eduUrl } = servers;
    const context = await newPhoneContext(browser, platformUrl);
    const page = await context.newPage();
    await startLoginFromEdu(page, eduUrl, platformUrl);
    const modes = loginModes(page);
    expect(await modes.account.getAttribute('aria-selected')).toBe('true');
    await loginForm(page).identifier.waitFor();
    await screenshot(page, 'findable-phone-account', { fullPage: false });

    const created = page.waitForResponse(isQrCreate);
    await modes.qr.click();
    const qr = (await (await created).json()) as { id: string; qrUrl: string };
    const panel = page.locator('#login-panel');
    const openInApp = panel.getByRole('link', { name: /^在手机App中打开/ });
    await openInApp.waitFor();
    // No QR the phone could not scan; the status says where to confirm.
    expect(await panel.getByRole('img', { name: /扫码登录二维码/ }).count()).toBe(0);
    expect(await visibleText(panel.getByRole('status'))).toBe('请在「统一认证」中确认登录');
    expect(await openInApp.getAttribute('href')).toBe(qr.qrUrl);
    await screenshot(page, 'findable-phone-qr', { fullPage: false });

    // A new page, so this one stays to complete the login: the app (not logged in yet) asks for its login first.
    const [app] = await Promise.all([context.waitForEvent('page'), openInApp.click()]);
    await app.waitForURL((url) => url.pathname === '/app/login');
    await appFaceLogin(app, platformUrl, { name: '张三', idNumber: DEMO.idNumber, maskedName: DEMO.maskedName }, 1, undefined, `/app/qr/${qr.id}`);
    await app.getByRole('button', { name: '确认登录' }).click();
    await app.getByText('已确认登录').waitFor();
    expect(await app.getByText('请回到显示二维码的登录页面继续操作。').isVisible()).toBe(true);

    await page.bringToFront();
    await page.waitForURL(`${eduUrl}/`, { timeout: 25_000 });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`欢迎，${DEMO.maskedName}`);
    expect(await eduProfile(page, '认证等级')).toBe('L3 实人认证');
    expect(await eduProfile(page, '登录方式')).toBe('人脸、手机确认');
    await context.close();
  });

  it('on a phone: 如何获取 names the app and links to the web app', async () => {
    const { platformUrl } = servers;
    const context = await newPhoneContext(browser, platformUrl);
    const page = await context.newPage();
    await page.goto(`${platformUrl}/`);
    await loginModes(page).qr.click();
    await page.getByRole('button', { name: '如何获取「统一认证」？' }).click();
    const dialog = page.getByRole('dialog', { name: '如何获取「统一认证」' });
    await loaded(dialog.getByRole('img'));
    expect(await dialog.getByRole('link', { name: new RegExp(`^${platformUrl}/app/`) }).isVisible()).toBe(true);
    await screenshot(page, 'findable-phone-help', { fullPage: false });
    await dialog.getByRole('button', { name: '关闭' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await context.close();
  });
});
