// 安全管理员's main job in the console, in Chromium: after 5 wrong passwords for the demo citizen
// 张三 (typed into the platform's login page by someone else), the security administrator logs in
// with two factors, finds him by ID number (shown masked, locked), 解锁, then 结束全部会话 — and
// edu-portal, where 张三 was logged in, is told by back-channel logout. In 角色管理 the same
// administrator grants and revokes a role, and cannot revoke their own; 线下核验, 停用 and 启用 last.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot, visibleText } from './support/browser.ts';
import { CONSOLE_ADMINS, loginToConsole } from './support/console.ts';
import { chooseAccountLogin, DEMO, fillAccountLogin, loginAtEdu, startLoginFromEdu, submitAccountLogin } from './support/flows.ts';
import { closeAll, openDesktopPage, useServersAndBrowser } from './support/session.ts';

const setup = useServersAndBrowser();
let citizen: { context: BrowserContext; page: Page };
let admin: { context: BrowserContext; page: Page };

beforeAll(async () => {
  citizen = await openDesktopPage(setup.browser);
  admin = await openDesktopPage(setup.browser);
});

afterAll(async () => {
  await closeAll({ context: citizen?.context });
  await closeAll({ context: admin?.context });
});

/** 张三 logs in to edu-portal in his own browser. */
async function citizenLogsInAtEdu() {
  const { page } = citizen;
  await loginAtEdu(page, setup.servers.eduUrl, setup.servers.platformUrl, DEMO.username, DEMO.password);
  expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe(`欢迎，${DEMO.maskedName}`);
}

/** Someone else types 5 wrong passwords for 张三 in another browser: each is refused. */
async function fiveWrongPasswords() {
  const intruder = await openDesktopPage(setup.browser);
  try {
    await startLoginFromEdu(intruder.page, setup.servers.eduUrl, setup.servers.platformUrl);
    await chooseAccountLogin(intruder.page);
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await fillAccountLogin(intruder.page, setup.servers.platformUrl, DEMO.username, `Wrong#guess${attempt}`);
      statuses.push((await submitAccountLogin(intruder.page)).status());
    }
    expect(statuses.every((status) => status >= 400)).toBe(true);
  } finally {
    await closeAll({ context: intruder.context });
  }
}

const main = (page: Page) => page.getByRole('main');
const fact = (page: Page, name: string) => main(page).locator('dt', { hasText: name }).locator('xpath=following-sibling::dd[1]');
const notice = (page: Page) => page.locator('.notice');

describe('账号管理 (安全管理员)', () => {
  it('finds 张三 by ID number masked and locked, unlocks him and ends his sessions; edu-portal hears the logout', async () => {
    const { platformUrl, eduUrl } = setup.servers;
    await citizenLogsInAtEdu();
    await fiveWrongPasswords();

    const { page } = admin;
    await loginToConsole(page, platformUrl, CONSOLE_ADMINS.security);
    expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe('账号管理');
    const nav = page.getByRole('navigation', { name: '控制台功能' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['账号管理', '角色管理']);

    await page.getByLabel('查找方式').selectOption('id_number');
    await page.getByLabel('证件号码', { exact: true }).fill(DEMO.idNumber);
    await page.getByRole('button', { name: '查找' }).click();
    await expect.poll(() => visibleText(notice(page))).toBe(`已找到账号：${DEMO.maskedName}`);
    expect(await visibleText(fact(page, '证件号码'))).toBe(DEMO.maskedIdNumber);
    expect(await visibleText(fact(page, '锁定状态'))).toContain('已锁定');
    const shown = await main(page).innerText();
    expect(shown).not.toContain(DEMO.idNumber);
    expect(shown).not.toContain(DEMO.phone);
    await screenshot(page, 'console-accounts-locked');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '解锁' }).click();
    await expect.poll(() => visibleText(notice(page))).toBe('已解锁');
    await expect.poll(() => fact(page, '锁定状态').textContent()).toContain('未锁定');
    // The result takes the focus (keyboard and screen-reader users land on it).
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('notice');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '结束全部会话' }).click();
    await expect.poll(() => visibleText(notice(page))).toBe('已结束该账号的全部会话');
    await screenshot(page, 'console-accounts-sessions-ended');

    // edu-portal was told (back-channel logout): 张三's browser is logged out there.
    await citizen.page.goto(`${eduUrl}/`);
    await citizen.page.getByRole('link', { name: '使用统一身份认证登录' }).waitFor({ state: 'visible' });
  });

  it('shows the server’s Chinese message for an identifier nobody has', async () => {
    const { page } = admin;
    await page.getByLabel('查找方式').selectOption('phone');
    await page.getByLabel('手机号', { exact: true }).fill('13900000999');
    await page.getByRole('button', { name: '查找' }).click();
    expect(await visibleText(page.getByRole('alert').filter({ hasText: '未找到该账号' }))).toContain('未找到该账号');
  });

  it('角色管理: grants 张三 审计管理员 by ID number, lists him masked, revokes it; revoking one’s own role is refused in Chinese', async () => {
    const { page } = admin;
    await page.getByRole('navigation', { name: '控制台功能' }).getByRole('link', { name: '角色管理' }).click();
    expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe('角色管理');
    const holders = main(page).locator('tbody tr');
    await expect.poll(() => holders.count()).toBe(3);

    await page.getByLabel('用户名、手机号或证件号码').fill(DEMO.idNumber);
    await page.getByLabel('角色', { exact: true }).selectOption('audit');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '授予', exact: true }).click();
    await expect.poll(() => visibleText(notice(page))).toBe(`已授予 ${DEMO.maskedName} 审计管理员角色`);
    const granted = holders.filter({ hasText: DEMO.maskedIdNumber });
    await granted.waitFor({ state: 'visible' });
    expect(await granted.innerText()).toContain('审计管理员');
    expect(await main(page).innerText()).not.toContain(DEMO.idNumber);
    await screenshot(page, 'console-roles-granted');

    page.once('dialog', (dialog) => void dialog.accept());
    await granted.getByRole('button', { name: /^撤销/ }).click();
    await expect.poll(() => visibleText(notice(page))).toBe(`已撤销 ${DEMO.maskedName} 的角色`);
    await expect.poll(() => holders.count()).toBe(3);

    page.once('dialog', (dialog) => void dialog.accept());
    await holders.filter({ hasText: '安全管理员' }).getByRole('button', { name: /^撤销/ }).click();
    expect(await visibleText(page.getByRole('alert').filter({ hasText: '不能授予或撤销自己的管理角色' }))).toBe('不能授予或撤销自己的管理角色');
  });

  it('records 线下核验 (L4) with a hall’s reference number, refusing a malformed one, then 停用 and 启用 张三', async () => {
    const { page } = admin;
    await page.getByRole('navigation', { name: '控制台功能' }).getByRole('link', { name: '账号管理' }).click();
    await page.getByLabel('查找方式').selectOption('username');
    await page.getByLabel('用户名', { exact: true }).fill(DEMO.username);
    await page.getByRole('button', { name: '查找' }).click();
    await expect.poll(() => visibleText(notice(page))).toBe(`已找到账号：${DEMO.maskedName}`);

    await page.getByLabel('办件编号').fill('12');
    await page.getByRole('button', { name: '记录线下核验' }).click();
    expect(await visibleText(page.locator('#in-person-reference-error'))).toBe('办件编号为 6–32 位大写字母、数字或连字符');
    await page.getByLabel('办件编号').fill('bjdc-20261205-0042');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '记录线下核验' }).click();
    await expect.poll(() => visibleText(notice(page))).toBe('已记录线下核验');
    await expect.poll(() => fact(page, '认证等级').textContent()).toContain('L4');
    expect(await visibleText(fact(page, '线下核验'))).toContain('BJDC-20261205-0042');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '停用' }).click();
    await expect.poll(() => visibleText(notice(page))).toBe('已停用该账号');
    await expect.poll(() => fact(page, '账号状态').textContent()).toBe('已停用');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '启用' }).click();
    await expect.poll(() => visibleText(notice(page))).toBe('已启用该账号');
    await expect.poll(() => fact(page, '账号状态').textContent()).toBe('正常');
  });
});
