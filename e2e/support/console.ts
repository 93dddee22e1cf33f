// The operator console in Chromium: its demo administrators and its two-factor login
// (/console/login/start → 账号登录 → 短信验证 → the console).
import type { Page } from 'playwright-core';
import { latestSmsCode } from './browser.ts';
import { chooseAccountLogin, fillAccountLogin, loginModes, submitAccountLogin } from './flows.ts';

/** The seeded administrators (apps/idp/src/demo/demo-data.ts DEMO_ADMINISTRATORS), one per role. */
export const CONSOLE_ADMINS = {
  system: { username: 'sysadmin', phone: '13800000011', password: 'Demo@2026pw', roleName: '系统管理员' },
  security: { username: 'secadmin', phone: '13800000012', password: 'Demo@2026pw', roleName: '安全管理员' },
  audit: { username: 'auditadmin', phone: '13800000013', password: 'Demo@2026pw', roleName: '审计管理员' },
} as const;

/** From /console/login/start through 账号登录 to the 短信验证 step; answers the password step's HTTP status. */
export async function consolePasswordStep(page: Page, platformUrl: string, person: { username: string; password: string }): Promise<number> {
  await page.goto(`${platformUrl}/console/login/start`);
  await loginModes(page).list.waitFor({ state: 'visible' });
  await chooseAccountLogin(page);
  await fillAccountLogin(page, platformUrl, person.username, person.password);
  return (await submitAccountLogin(page)).status();
}

/** 短信验证: the code the demo outbox holds for `phone`, then 验证并登录. */
export async function consoleSmsStep(page: Page, platformUrl: string, phone: string): Promise<void> {
  await page.getByLabel('短信验证码').fill(await latestSmsCode(platformUrl, phone));
  await page.getByRole('button', { name: '验证并登录' }).click();
}

/** Logs `person` in to the console with both factors and waits for the console's page with their role. */
export async function loginToConsole(page: Page, platformUrl: string, person: { username: string; password: string; phone: string; roleName: string }): Promise<void> {
  const status = await consolePasswordStep(page, platformUrl, person);
  if (status !== 200) throw new Error(`console password step answered ${status}`);
  await page.getByRole('heading', { name: '短信验证' }).waitFor({ state: 'visible' });
  await consoleSmsStep(page, platformUrl, person.phone);
  await page.waitForURL((url) => url.pathname.startsWith('/console/') && url.pathname !== '/console/callback');
  await page.getByText(person.roleName, { exact: false }).first().waitFor({ state: 'visible' });
}
