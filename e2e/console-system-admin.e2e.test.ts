// 系统管理员's main job in the console, in Chromium: register a relying party in 依赖方管理 (its
// redirect URI on a local HTTP server this test starts), take the secret shown once, and an
// unmodified openid-client relying party logs the demo citizen in with it. Then 轮换密钥 shows a
// new secret once, 停用 (confirmed) marks it disabled; 修改, 启用 and 删除 (confirmed) follow.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import type { BrowserContext, Page } from 'playwright-core';
import { freePort } from '../apps/idp/test/harness.ts';
import { screenshot, visibleText } from './support/browser.ts';
import { CONSOLE_ADMINS, loginToConsole } from './support/console.ts';
import { chooseAccountLogin, DEMO, fillAccountLogin, submitAccountLogin } from './support/flows.ts';
import { closeAll, openDesktopPage, useServersAndBrowser } from './support/session.ts';

const setup = useServersAndBrowser();
let admin: { context: BrowserContext; page: Page };
let relyingParty: Server;
let redirectUri: string;
/** The secret given at registration (rotated in the second test). */
let firstSecret: string;

beforeAll(async () => {
  admin = await openDesktopPage(setup.browser);
  // The new relying party's callback: a page of its own; the test reads the code from the URL.
  const port = await freePort();
  relyingParty = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>callback</title>'));
  await new Promise<void>((resolve) => relyingParty.listen(port, '127.0.0.1', resolve));
  redirectUri = `http://localhost:${port}/callback`;
});

afterAll(async () => {
  await closeAll({ context: admin?.context });
  await new Promise((resolve) => relyingParty?.close(resolve));
});

const CLIENT_NAME = '不动产登记服务（测试）';
const main = (page: Page) => page.getByRole('main');
const clientRow = (page: Page) => main(page).getByRole('row').filter({ hasText: CLIENT_NAME });

/** The demo citizen logs in at the new relying party in a fresh browser profile; the ID token's subject. */
async function citizenLogsInWith(clientId: string, clientSecret: string): Promise<string> {
  const config = await client.discovery(new URL(`${setup.servers.platformUrl}/oidc`), clientId, clientSecret, client.ClientSecretBasic(clientSecret), { execute: [client.allowInsecureRequests] });
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const citizen = await openDesktopPage(setup.browser);
  try {
    await citizen.page.goto(url.href);
    await chooseAccountLogin(citizen.page);
    await fillAccountLogin(citizen.page, setup.servers.platformUrl, DEMO.username, DEMO.password);
    expect((await submitAccountLogin(citizen.page)).status()).toBe(200);
    await citizen.page.waitForURL((at) => at.href.startsWith(redirectUri) || at.pathname.endsWith('/consent'));
    if (!citizen.page.url().startsWith(redirectUri)) {
      await citizen.page.getByRole('button', { name: '同意' }).click();
      await citizen.page.waitForURL((at) => at.href.startsWith(redirectUri));
    }
    const tokens = await client.authorizationCodeGrant(config, new URL(citizen.page.url()), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    return tokens.claims()!.sub;
  } finally {
    await closeAll({ context: citizen.context });
  }
}

describe('依赖方管理 (系统管理员)', () => {
  it('registers a relying party; its secret, shown once, logs the demo citizen in through openid-client', async () => {
    const { page } = admin;
    await loginToConsole(page, setup.servers.platformUrl, CONSOLE_ADMINS.system);
    expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe('依赖方管理');
    expect(await page.getByRole('navigation', { name: '控制台功能' }).getByRole('link').allTextContents()).toEqual(['依赖方管理', '运行状态']);

    await page.getByRole('button', { name: '注册依赖方' }).click();
    await page.getByLabel('名称（client_name）').fill(CLIENT_NAME);
    await page.getByLabel('登录回调地址（redirect_uris）').fill(redirectUri);
    // 证件号码 without a written reason is refused before it is sent.
    await page.getByRole('checkbox', { name: 'id_card' }).check();
    await page.getByRole('button', { name: '注册', exact: true }).click();
    expect(await visibleText(page.locator('#client-justification-error'))).toBe('申请证件号码（id_card）或手机号（phone）须填写书面理由');
    await page.getByRole('checkbox', { name: 'id_card' }).uncheck();
    // Fixed: the error goes.
    await page.locator('#client-justification-error').waitFor({ state: 'hidden' });
    await screenshot(page, 'console-clients-register-form');
    await page.getByRole('button', { name: '注册', exact: true }).click();

    await expect.poll(() => visibleText(page.locator('.notice'))).toBe(`已注册依赖方“${CLIENT_NAME}”`);
    const secret = await visibleText(page.getByTestId('client-secret'));
    firstSecret = secret;
    const clientId = (await clientRow(page).locator('code').textContent())!.trim();
    expect(await page.getByRole('region', { name: '客户端密钥（仅显示这一次）' }).innerText()).toContain('离开本页后密钥不再显示');
    // The keyboard is on the secret's box (to copy it next).
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('secret-once'))).toBe(true);
    await screenshot(page, 'console-clients-secret-once');

    expect(await citizenLogsInWith(clientId, secret)).toBeTruthy();

    // 我已保存: the secret is gone from the page for good.
    await page.getByRole('button', { name: '我已保存' }).click();
    expect(await page.getByTestId('client-secret').count()).toBe(0);
  });

  it('rotates the secret (the new one shown once, the old one refused) and disables the client after a confirmation', async () => {
    const { page } = admin;
    page.once('dialog', (dialog) => void dialog.accept());
    await clientRow(page)
      .getByRole('button', { name: `轮换密钥：${CLIENT_NAME}` })
      .click();
    const rotated = await visibleText(page.getByTestId('client-secret'));
    const clientId = (await clientRow(page).locator('code').textContent())!.trim();
    expect(rotated).not.toBe(firstSecret);
    expect(await citizenLogsInWith(clientId, rotated)).toBeTruthy();
    await expect(citizenLogsInWith(clientId, firstSecret)).rejects.toThrow();

    page.once('dialog', (dialog) => void dialog.accept());
    await clientRow(page)
      .getByRole('button', { name: `停用：${CLIENT_NAME}` })
      .click();
    await expect.poll(() => visibleText(page.locator('.notice'))).toBe(`已停用依赖方“${CLIENT_NAME}”`);
    await expect.poll(() => clientRow(page).innerText()).toContain('已停用');
  });

  it('edits the registration (修改 → 保存), enables it again and deletes it after a confirmation', async () => {
    const { page } = admin;
    const renamed = `${CLIENT_NAME}（新）`;
    await clientRow(page)
      .getByRole('button', { name: `修改：${CLIENT_NAME}` })
      .click();
    await page.getByRole('heading', { level: 2, name: `修改依赖方“${CLIENT_NAME}”` }).waitFor();
    expect(await page.getByLabel('登录回调地址（redirect_uris）').inputValue()).toBe(redirectUri);
    await page.getByLabel('名称（client_name）').fill(renamed);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => visibleText(page.locator('.notice'))).toBe(`已保存依赖方“${renamed}”`);
    const row = main(page).getByRole('row').filter({ hasText: renamed });
    await row.waitFor();

    await row.getByRole('button', { name: `启用：${renamed}` }).click();
    await expect.poll(() => visibleText(page.locator('.notice'))).toBe(`已启用依赖方“${renamed}”`);
    await expect.poll(() => row.innerText()).toContain('已启用');

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: `删除：${renamed}` }).click();
    await expect.poll(() => visibleText(page.locator('.notice'))).toBe(`已删除依赖方“${renamed}”`);
    await expect.poll(() => row.count()).toBe(0);
  });
});
