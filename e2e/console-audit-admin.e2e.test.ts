// 审计管理员's main job in the console, in Chromium: the security administrator unlocks the demo
// citizen 张三 (through the console API, in a browser of their own); the audit administrator logs
// in with two factors, finds that action in the trail by its type, sees the newest events first,
// finds 张三's events by his ID number, runs 完整性校验 (the chain holds), gets the CSV export of the same filter, and logs out (退出).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { CONSOLE_ACCOUNT_PATHS, pathOf } from '@uia/schemas';
import { screenshot, visibleText } from './support/browser.ts';
import { CONSOLE_ADMINS, loginToConsole } from './support/console.ts';
import { DEMO } from './support/flows.ts';
import { closeAll, openDesktopPage, useServersAndBrowser } from './support/session.ts';

const setup = useServersAndBrowser();
let auditor: { context: BrowserContext; page: Page };

beforeAll(async () => {
  auditor = await openDesktopPage(setup.browser);
});

afterAll(() => closeAll({ context: auditor?.context }));

/** 安全管理员 unlocks 张三 (nothing to unlock: the action is recorded all the same). */
async function securityAdminUnlocksZhangsan(): Promise<void> {
  const { platformUrl } = setup.servers;
  const security = await openDesktopPage(setup.browser);
  try {
    await loginToConsole(security.page, platformUrl, CONSOLE_ADMINS.security);
    const headers = { origin: platformUrl };
    const found = await security.page.request.post(`${platformUrl}${CONSOLE_ACCOUNT_PATHS.find}`, { data: { kind: 'username', value: DEMO.username }, headers });
    expect(found.status()).toBe(200);
    const { account } = (await found.json()) as { account: { id: string } };
    const unlocked = await security.page.request.post(`${platformUrl}${pathOf(CONSOLE_ACCOUNT_PATHS.unlock, { id: account.id })}`, { data: {}, headers });
    expect(unlocked.status()).toBe(200);
  } finally {
    await closeAll({ context: security.context });
  }
}

const rows = (page: Page) => page.getByRole('main').locator('table tbody tr');

describe('审计日志 (审计管理员)', () => {
  it('finds the security administrator’s 解锁 in the trail, verifies the chain and exports the same filter as CSV', async () => {
    const { platformUrl } = setup.servers;
    await securityAdminUnlocksZhangsan();

    const { page } = auditor;
    await loginToConsole(page, platformUrl, CONSOLE_ADMINS.audit);
    expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe('审计日志');
    expect(await page.getByRole('navigation', { name: '控制台功能' }).getByRole('link').allTextContents()).toEqual(['审计日志']);

    // Unfiltered: newest first (the auditor's own console login is the newest event).
    await rows(page).first().waitFor({ state: 'visible' });
    const seqs = (await rows(page).locator('th').allTextContents()).map(Number);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(await rows(page).first().innerText()).toContain('console.login');

    await page.getByLabel('事件类型').fill('console.account.unlock');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => rows(page).count()).toBe(1);
    const row = await rows(page).first().innerText();
    expect(row).toContain('console.account.unlock');
    expect(row).toContain('成功');
    expect(row).toContain('安全管理员');
    await screenshot(page, 'console-audit-filtered');

    const csvLink = page.getByRole('link', { name: '导出CSV' });
    expect(await csvLink.getAttribute('href')).toBe('/api/console/audit/events.csv?type=console.account.unlock');
    const csv = await page.request.get(`${platformUrl}${await csvLink.getAttribute('href')}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('console.account.unlock');

    // 张三 by his ID number (through the blind index, in a request body): his account id fills 相关账号,
    // and the unlock is among his events.
    await page.getByLabel('按身份查找相关账号').selectOption('id_number');
    await page.getByLabel('用户名、手机号或证件号码（精确）').fill(DEMO.idNumber);
    await page.getByRole('button', { name: '查找账号' }).click();
    await expect.poll(() => visibleText(page.locator('.notice'))).toContain('已找到该账号');
    await expect.poll(() => page.getByLabel('相关账号（账号标识）').inputValue()).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).first().innerText()).toContain('console.account.unlock');
    expect(page.url()).not.toContain(DEMO.idNumber);

    await page.getByRole('button', { name: '完整性校验' }).click();
    await expect.poll(() => visibleText(page.locator('.notice'))).toMatch(/^校验通过：共校验 \d+ 条记录/);
    await screenshot(page, 'console-audit-verified');
  });

  it('退出 ends the console session and the platform’s, back at the console’s 登录', async () => {
    const { platformUrl } = setup.servers;
    const { page } = auditor;
    await page.getByRole('button', { name: '退出' }).click();
    // The platform's own logout page confirms ending the platform session (RP-initiated logout).
    await page.waitForURL((url) => url.pathname.startsWith('/oidc/session/end'));
    await page.locator('button[type=submit]', { hasText: '退出登录' }).click();
    await page.waitForURL(`${platformUrl}/console/`);
    await page.getByRole('link', { name: '登录', exact: true }).waitFor({ state: 'visible' });
    expect((await page.request.get(`${platformUrl}/api/console/me`)).status()).toBe(401);
    // The demo notice names the three demo administrators, so a visitor knows how to log in.
    expect(await page.getByRole('note').textContent()).toMatch(/系统管理员 sysadmin.*安全管理员 secadmin.*审计管理员 auditadmin/);
    await screenshot(page, 'console-logged-out');
  });
});
