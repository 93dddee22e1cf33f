// Steps shared by the browser flows: the way a person goes from the demo
// relying party (edu-portal) to the platform's login page and back.
import type { Locator, Page, Response } from 'playwright-core';
import { currentCaptchaId, solveCaptcha, waitForNewCaptcha } from './browser.ts';

export const DEMO = {
  username: 'zhangsan',
  phone: '13800000001',
  idNumber: '11010519491231002X',
  password: 'Demo@2026pw',
  maskedName: '张*',
  maskedIdNumber: '110***********002X',
};

/** The 账号登录 form's controls (selectors that match what a person sees). */
export function loginForm(page: Page) {
  return {
    identifier: page.locator('input[placeholder="用户名/手机号/身份证号"]'),
    password: page.locator('input[type=password]'),
    captcha: page.locator('input[placeholder="请输入图形验证码"]'),
    // Not the 个人登录/账号登录 tabs, which are buttons too.
    submit: page.locator('form.login-form button[type=submit]'),
    identifierKind: page.locator('#login-identifier-hint'),
    identifierError: page.locator('#login-identifier-error'),
    passwordError: page.locator('#login-password-error'),
    captchaError: page.locator('#login-captcha-error'),
    formError: page.locator('#login-form-error'),
  };
}

/** The login page's 登录方式 tabs (扫码登录 is the default, 账号登录 one click away). */
export function loginModes(page: Page) {
  return {
    list: page.getByRole('tablist', { name: '登录方式' }),
    qr: page.getByRole('tab', { name: /^扫码登录/ }),
    account: page.getByRole('tab', { name: '账号登录' }),
  };
}

/**
 * On edu-portal's home page (logged out): 使用统一身份认证登录 → the
 * platform's login page (which opens on 扫码登录; account flows then call
 * {@link chooseAccountLogin}).
 */
export async function startLoginFromEdu(page: Page, eduUrl: string, platformUrl: string): Promise<void> {
  if (!page.url().startsWith(eduUrl)) await page.goto(`${eduUrl}/`);
  await page.getByRole('link', { name: '使用统一身份认证登录' }).click();
  await page.waitForURL((url) => url.href.startsWith(`${platformUrl}/interaction/`));
  await loginModes(page).list.waitFor({ state: 'visible' });
}

/** 账号登录 from edu-portal's home page with the right password, back on edu-portal logged in. */
export async function loginAtEdu(page: Page, eduUrl: string, platformUrl: string, identifier: string, password: string): Promise<void> {
  await startLoginFromEdu(page, eduUrl, platformUrl);
  await chooseAccountLogin(page);
  await fillAccountLogin(page, platformUrl, identifier, password);
  const answer = await submitAccountLogin(page);
  if (answer.status() !== 200) throw new Error(`edu-portal login refused: ${answer.status()}`);
  await page.waitForURL(`${eduUrl}/`);
}

/** Picks 个人登录 → 账号登录 explicitly (as the manual describes; 扫码登录 is the default). */
export async function chooseAccountLogin(page: Page): Promise<void> {
  await page.getByRole('tab', { name: '个人登录' }).click();
  await loginModes(page).account.click();
  await loginForm(page).identifier.waitFor({ state: 'visible' });
}

/** Fills the 账号登录 form (solving the captcha through the demo hook); does not submit. */
export async function fillAccountLogin(page: Page, platformUrl: string, identifier: string, password: string): Promise<string> {
  const form = loginForm(page);
  await form.identifier.fill(identifier);
  await form.password.fill(password);
  return solveCaptcha(page, platformUrl, form.captcha);
}

/**
 * Submits the 账号登录 form and waits for the platform's answer. When the
 * login is refused, also waits for the fresh captcha the page must fetch.
 */
export async function submitAccountLogin(page: Page): Promise<Response> {
  const before = await currentCaptchaId(page);
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && /\/interaction\/[^/]+\/login$/.test(new URL(r.url()).pathname));
  await loginForm(page).submit.click();
  const response = await answer;
  if (response.status() !== 200) await waitForNewCaptcha(page, before);
  return response;
}

/** The row `label` (认证等级, 登录方式 …) of edu-portal's profile of the logged-in person. */
export async function eduProfile(page: Page, label: string): Promise<string> {
  return ((await page.locator('dl.profile').locator('div', { hasText: label }).locator('dd').textContent()) ?? '').trim();
}

/** The text of a field error, once it is shown. */
export async function shownError(locator: Locator): Promise<string> {
  await locator.waitFor({ state: 'visible' });
  return ((await locator.textContent()) ?? '').trim();
}

/** On edu-portal logged in: 退出登录 → the platform's confirmation page (returned for a screenshot) → 退出登录 → edu-portal home. */
export async function logoutFromEdu(page: Page, eduUrl: string, platformUrl: string, onConfirmPage?: (page: Page) => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL((url) => url.href.startsWith(`${platformUrl}/oidc/session/end`));
  await page.getByText('是否退出统一身份认证平台？').waitFor({ state: 'visible' });
  if (onConfirmPage) await onConfirmPage(page);
  await page.locator('button[type=submit]', { hasText: '退出登录' }).click();
  await page.waitForURL(`${eduUrl}/`);
  await page.getByRole('link', { name: '使用统一身份认证登录' }).waitFor({ state: 'visible' });
}

/**
 * Opens the user center at `<platform>/account` in a page without its session: the page goes to the
 * platform's login (for the portal itself), 账号登录, then back to 用户中心. `beforeSubmit` e.g. takes a screenshot.
 */
export async function loginToUserCenter(page: Page, platformUrl: string, identifier: string, password: string, beforeSubmit?: (page: Page) => Promise<void>): Promise<void> {
  await page.goto(`${platformUrl}/account`);
  await page.waitForURL((url) => url.href.startsWith(`${platformUrl}/interaction/`));
  await loginModes(page).list.waitFor();
  await chooseAccountLogin(page);
  await fillAccountLogin(page, platformUrl, identifier, password);
  if (beforeSubmit) await beforeSubmit(page);
  const answer = await submitAccountLogin(page);
  if (answer.status() !== 200) throw new Error(`user center login refused: ${answer.status()}`);
  await page.waitForURL(`${platformUrl}/account`);
  await page.getByRole('heading', { level: 1, name: '用户中心' }).waitFor();
}
