// The operator console's login as an administrator does it in Chromium: /console/login/start →
// 账号登录 (password) → 短信验证 (the code sent to the bound phone, read from the dev outbox) → the
// console at /console/. Shared by the console's browser tests.
import type { Page } from 'playwright-core';
import { latestSmsCode } from './browser.ts';
import { chooseAccountLogin, fillAccountLogin, loginModes, submitAccountLogin } from './flows.ts';

export interface ConsoleAdmin {
  username: string;
  phone: string;
  password: string;
}

/** The demo administrators (docs/demo.md), one per role. */
export const CONSOLE_ADMINS = {
  system: { username: 'sysadmin', phone: '13800000011', password: 'Demo@2026pw' },
  security: { username: 'secadmin', phone: '13800000012', password: 'Demo@2026pw' },
  audit: { username: 'auditadmin', phone: '13800000013', password: 'Demo@2026pw' },
} as const satisfies Record<string, ConsoleAdmin>;

/** From /console/login/start through 账号登录 to the 短信验证 step; returns the password step's answer status. */
export async function consolePasswordStep(page: Page, platformUrl: string, person: { username: string; password: string }): Promise<number> {
  await page.goto(`${platformUrl}/console/login/start`);
  await loginModes(page).list.waitFor({ state: 'visible' });
  await chooseAccountLogin(page);
  await fillAccountLogin(page, platformUrl, person.username, person.password);
  return (await submitAccountLogin(page)).status();
}

/** 短信验证: the latest code sent to `phone`, then 验证并登录. */
export async function consoleSmsStep(page: Page, platformUrl: string, phone: string): Promise<void> {
  await page.getByLabel('短信验证码').fill(await latestSmsCode(platformUrl, phone));
  await page.getByRole('button', { name: '验证并登录' }).click();
}

/** Both factors, then the console's first page for the administrator's role (its menu shown). */
export async function loginToConsole(page: Page, platformUrl: string, admin: ConsoleAdmin): Promise<void> {
  const status = await consolePasswordStep(page, platformUrl, admin);
  if (status !== 200) throw new Error(`console password step refused: ${status}`);
  await page.getByRole('heading', { name: '短信验证' }).waitFor({ state: 'visible' });
  await consoleSmsStep(page, platformUrl, admin.phone);
  await page.waitForURL(`${platformUrl}/console/`);
  await page.getByRole('navigation', { name: '控制台功能' }).waitFor({ state: 'visible' });
}
