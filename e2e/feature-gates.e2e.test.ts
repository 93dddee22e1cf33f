// 功能开关 in a real browser: the platform as a city starts it without an
// identity registry, face verifier or business registry. The login page has
// no 法人登录 tab, the register page and the user center say 未实名 and how
// to raise the level, the user center has no 注册单位, and a relying party
// demanding L3 gets a page saying why instead of a QR that cannot succeed.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { ui } from '@uia/i18n';
import { randomPhone, randomResidentId } from '../apps/idp/test/harness.ts';
import { latestSmsCode, newDesktopContext, screenshot, solveCaptcha } from './support/browser.ts';
import { loginToUserCenter, startLoginFromEdu } from './support/flows.ts';
import { startServers, type Servers } from './support/servers.ts';
import { launchBrowser } from './support/browser.ts';
import { newPhoneContext } from './support/app.ts';

let servers: Servers;
let browser: Browser;
let context: BrowserContext | undefined;
/** The person the first test registers (L1), who then logs in to the phone app. */
let registered: { name: string; idNumber: string; phone: string } | undefined;

beforeAll(async () => {
  servers = await startServers({ platformEnv: { UIA_IDENTITY_PROVIDER: 'none', UIA_FACE_PROVIDER: 'none', UIA_BUSINESS_REGISTRY: 'none' } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await servers?.stop();
});

describe('功能开关: no identity registry, face verifier or business registry', () => {
  it('shows no 法人登录 tab, registers an account as 未实名 and says so in the user center, without 注册单位', async () => {
    const { eduUrl, platformUrl } = servers;
    context = await newDesktopContext(browser);
    const page = await context.newPage();

    // edu-portal takes 法人登录 too (it requests the entity scope when asked), but this platform cannot offer it.
    await startLoginFromEdu(page, eduUrl, platformUrl);
    const tabs = page.getByRole('tablist', { name: '登录身份' });
    await tabs.getByRole('tab', { name: '个人登录' }).waitFor();
    expect(await tabs.getByRole('tab').allTextContents()).toEqual(['个人登录']);
    await screenshot(page, 'gates-login-no-entity-tab');

    await page.goto(`${platformUrl}/register`);
    const note = page.getByTestId('register-realname-off');
    await note.waitFor();
    expect(await note.textContent()).toBe(`${ui.realName.registerNote}${ui.realName.howToRaiseAtHall}`);
    const person = { name: '李晓华', idNumber: randomResidentId(), phone: randomPhone(), username: `e2e_${randomBytes(4).toString('hex')}`, password: 'Quiet-River-Maple-Lantern-2026' };
    const textbox = (name: string) => page.getByRole('textbox', { name, exact: true });
    await textbox('姓名').fill(person.name);
    await textbox('证件号码').fill(person.idNumber);
    await textbox('手机号码').fill(person.phone);
    await solveCaptcha(page, platformUrl, textbox('图形验证码'));
    const sent = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/sms/send');
    await page.getByRole('button', { name: '获取验证码' }).click();
    expect((await sent).status()).toBe(200);
    await textbox('短信验证码').fill(await latestSmsCode(platformUrl, person.phone));
    await textbox('用户名').fill(person.username);
    await page.getByLabel(/^\*?密码$/).fill(person.password);
    await page.getByLabel(/^\*?确认密码$/).fill(person.password);
    await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
    await screenshot(page, 'gates-register-form', { fullPage: true });
    await page.getByRole('button', { name: '注册', exact: true }).click();
    registered = person;
    const unverified = page.getByTestId('register-unverified');
    await unverified.waitFor();
    expect(await unverified.textContent()).toBe(`您的账号认证等级为：未实名（L1）。${ui.realName.howToRaiseAtHall}`);
    await screenshot(page, 'gates-register-success-unverified');

    await context.clearCookies();
    await loginToUserCenter(page, platformUrl, person.username, person.password);
    const profile = page.getByRole('region', { name: '个人信息' });
    await profile.waitFor();
    expect(await profile.locator('.level-badge').textContent()).toBe('L1 未实名');
    expect((await page.getByTestId('account-raise-level').textContent())?.trim()).toBe(ui.realName.howToRaiseAtHall);
    expect(await page.getByRole('region', { name: '注册单位' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: '我的单位' }).count()).toBe(0);
    await screenshot(page, 'gates-user-center-unverified', { fullPage: true });
  });

  it('answers a relying party that demands L3 with a page saying why', async () => {
    const { eduUrl, platformUrl } = servers;
    const page = await (context ??= await newDesktopContext(browser)).newPage();
    const authorize = new URL(`${platformUrl}/oidc/auth`);
    authorize.search = new URLSearchParams({
      client_id: 'edu-portal',
      redirect_uri: `${eduUrl}/callback`,
      response_type: 'code',
      scope: 'openid',
      acr_values: 'L3',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString();
    const response = await page.goto(authorize.href);
    expect(response?.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(ui.interactionRefused.title);
    expect(await page.locator('main p').textContent()).toContain('本平台暂未开通人脸识别');
    await screenshot(page, 'gates-acr-l3-refused');
  });

  it('offers the phone app 短信验证码登录 only, and 我的 says 未实名 and how to raise the level', async () => {
    const { platformUrl } = servers;
    expect(registered).toBeDefined();
    const person = registered!;
    const phone = await newPhoneContext(browser);
    try {
      const page = await phone.newPage();
      await page.goto(`${platformUrl}/app/login`);
      await page.getByRole('heading', { level: 1, name: '短信验证码登录' }).waitFor();
      expect(await page.getByText(ui.app.smsLogin.assuranceNoteSmsOnly).count()).toBe(1);
      expect(await page.getByRole('link', { name: '使用人脸识别登录' }).count()).toBe(0);
      await page.getByLabel('姓名').fill(person.name);
      await page.getByLabel('证件号码').fill(person.idNumber);
      await solveCaptcha(page, platformUrl, page.getByRole('textbox', { name: '图形验证码' }));
      // The registration's code went to this phone moments ago: one code a minute.
      servers.clock.advance(61_000);
      const sent = page.waitForResponse((r) => new URL(r.url()).pathname === '/app/api/login/sms/send');
      await page.getByRole('button', { name: '获取验证码' }).click();
      expect((await sent).status()).toBe(200);
      await page.getByRole('textbox', { name: '短信验证码' }).fill(await latestSmsCode(platformUrl, person.phone));
      await screenshot(page, 'gates-app-sms-login-only');
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/app/login'));
      await page.goto(`${platformUrl}/app/me`);
      const hint = page.getByTestId('me-raise-level');
      await hint.waitFor();
      expect(await hint.textContent()).toBe(ui.realName.howToRaiseAtHall);
      expect(await page.getByText('未实名（L1）').count()).toBeGreaterThan(0);
      await screenshot(page, 'gates-app-me-unverified', { fullPage: true });
    } finally {
      await phone.close();
    }
  });
});
