// What a browser meets beyond the happy path (issue 13 items 3, 6, 7): the shell before the bundle
// runs (no JavaScript, a browser too old for the bundle), the HTML 404 page, 听语音验证码 by keyboard,
// and 忘记密码 reloaded after 获取验证码 (the page takes the code already received).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO } from './support/flows.ts';
import { captchaAnswer, launchBrowser, screenshot } from './support/browser.ts';
import { forgotWizard, requestResetCode, resetCode, submitAccountStep, submitResetCode } from './support/password-reset.ts';
import { startServers, type Servers } from './support/servers.ts';

let browser: Browser;
let servers: Servers;

beforeAll(async () => {
  browser = await launchBrowser();
  servers = await startServers();
});

afterAll(async () => {
  await browser?.close();
  await servers?.stop();
});

const SIZES = [
  { name: 'pc', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

async function openPage(options: { javaScriptEnabled?: boolean; oldBrowser?: boolean; size?: (typeof SIZES)[number] } = {}): Promise<Page> {
  const size = options.size ?? SIZES[0];
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, locale: 'zh-CN', javaScriptEnabled: options.javaScriptEnabled ?? true });
  // A browser without the functions the bundle's target has (as Chromium before 97 lacks findLast).
  if (options.oldBrowser) await context.addInitScript(() => delete (Array.prototype as { findLast?: unknown }).findLast);
  return context.newPage();
}

describe('the shell before the bundle runs', () => {
  it('tells a browser without JavaScript to enable it, naming the supported browsers', async () => {
    for (const size of SIZES) {
      const page = await openPage({ javaScriptEnabled: false, size });
      await page.goto(`${servers.platformUrl}/`);
      await expect(page.getByRole('heading', { name: '请启用 JavaScript' }).isVisible()).resolves.toBe(true);
      expect(await page.locator('.boot-loading').isVisible()).toBe(false);
      expect(await page.locator('#root').innerText()).toContain('Chrome、Edge 111 及以上版本');
      await screenshot(page, `shell-noscript-${size.name}`);
      await page.context().close();
    }
  });

  it('tells a browser too old for the bundle 浏览器版本过低, with the Chinese browsers in 极速模式', async () => {
    for (const [size, path] of [
      [SIZES[0], '/forgot-password'],
      [SIZES[1], '/app/'],
    ] as const) {
      const page = await openPage({ oldBrowser: true, size });
      await page.goto(`${servers.platformUrl}${path}`);
      const alert = page.getByRole('alert');
      await alert.getByRole('heading', { name: '浏览器版本过低' }).waitFor();
      expect(await alert.innerText()).toContain('360安全浏览器');
      expect(await alert.innerText()).toContain('极速模式');
      await screenshot(page, `shell-old-browser-${size.name}`);
      await page.context().close();
    }
  });

  it('shows 加载中 until the bundle arrives', async () => {
    const page = await openPage();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${servers.platformUrl}/register`, { waitUntil: 'commit' });
    await page.getByRole('status').filter({ hasText: '正在加载，请稍候…' }).waitFor();
    await screenshot(page, 'shell-loading-pc');
    release();
    await page
      .getByRole('heading', { name: '立即注册' })
      .or(page.getByRole('heading', { name: '用户注册' }))
      .first()
      .waitFor();
    expect(await page.locator('#uia-boot').count()).toBe(0);
    await page.context().close();
  });
});

describe('页面不存在', () => {
  it('is an HTML page in the portal’s frame with a way home', async () => {
    for (const size of SIZES) {
      const page = await openPage({ size });
      const response = await page.goto(`${servers.platformUrl}/no-such-page`);
      expect(response?.status()).toBe(404);
      await page.getByRole('heading', { level: 1, name: '页面不存在' }).waitFor();
      await screenshot(page, `not-found-${size.name}`);
      await page.getByRole('link', { name: '返回首页' }).click();
      await page.waitForURL(`${servers.platformUrl}/`);
      await page.context().close();
    }
  });
});

describe('听语音验证码', () => {
  it('is reached by keyboard, plays a spoken challenge whose answer opens 忘记密码', async () => {
    const page = await openPage();
    await page.goto(`${servers.platformUrl}/forgot-password`);
    const w = forgotWizard(page);
    await w.account.fill(DEMO.username);
    await page.locator('img[data-captcha-id]').waitFor();
    // Tab from the answer field: the picture (refresh), then 听语音验证码.
    await w.accountCaptcha.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const listen = page.getByRole('button', { name: '听语音验证码' });
    expect(await listen.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    const replay = page.getByRole('button', { name: '重新播放语音验证码' });
    await replay.and(page.locator('[data-captcha-id]')).waitFor();
    await page.getByRole('status').filter({ hasText: '正在播放语音验证码' }).waitFor();
    await screenshot(page, 'captcha-audio-pc');
    const id = (await replay.getAttribute('data-captcha-id'))!;
    const answer = await captchaAnswer(servers.platformUrl, id);
    expect(answer).toMatch(/^\d{6}$/);
    await w.accountCaptcha.fill(answer);
    const started = page.waitForResponse((r) => r.url().endsWith('/api/password-reset/start'));
    await w.next.click();
    expect((await started).status()).toBe(200);
    await w.goRecover.waitFor();
    await page.context().close();
  });
});

describe('忘记密码 reloaded after 获取验证码', () => {
  it('comes back at 验证身份 with the countdown, and the code already received goes through', async () => {
    const page = await openPage();
    await page.goto(`${servers.platformUrl}/forgot-password`);
    expect((await submitAccountStep(page, servers.platformUrl, DEMO.username)).status()).toBe(200);
    expect((await requestResetCode(page, servers.platformUrl, DEMO.idNumber)).status()).toBe(200);
    const code = await resetCode(servers.platformUrl, DEMO.phone);

    await page.reload();
    const w = forgotWizard(page);
    await w.countdown.waitFor();
    await w.smsCode.waitFor();
    expect(await w.smsCodeHint.innerText()).toContain('138****0001');
    expect(await page.locator('.method-account').innerText()).toContain(DEMO.username);
    await screenshot(page, 'forgot-reloaded-pc');
    expect((await submitResetCode(page, code)).status()).toBe(200);
    await w.password.waitFor();
    await page.context().close();
  });
});
