// WCAG 2.x AA with axe-core (DESIGN.md §7): every page state of the manual —
// the login page's tabs and modes, its refusals, each 忘记密码 step, 立即注册,
// the user center, 授权确认, the app's pages, the error pages and each console role's pages — at the PC
// size (1366×768) and the phone size (390×844), in the standard look and in
// 关怀模式 (there held to contrast 7:1, axe's color-contrast-enhanced): no
// critical and no serious violation. The pages the server renders itself take
// the mode from the cookie the switch writes. One browser; one desktop and
// one phone profile walk the states in order. The counts are written to
// e2e/screenshots/axe-report-all.md.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { captchaAnswer, currentCaptchaId, newDesktopContext } from './support/browser.ts';
import { appFaceLogin, launchPhoneBrowser, newPhoneContext } from './support/app.ts';
import { CONSOLE_ADMINS, loginToConsole, type ConsoleAdmin } from './support/console.ts';
import { AxeReport, setMode, setModeByCookie, type AxeFinding, type ModeSetter, type OpenedState } from './support/axe.ts';
import { chooseAccountLogin, DEMO, fillAccountLogin, loginForm, loginModes, loginToUserCenter, shownError, startLoginFromEdu, submitAccountLogin } from './support/flows.ts';
import { forgotWizard, requestResetCode, resetCode, submitAccountStep, submitNewPassword, submitResetCode } from './support/password-reset.ts';
import { startServers, type Servers } from './support/servers.ts';

const NEW_PASSWORD = 'Care#Mode2026';

let servers: Servers;
let browser: Browser;
let pc: BrowserContext;
let phone: BrowserContext;
let page: Page;
let app: Page;
const report = new AxeReport();

beforeAll(async () => {
  servers = await startServers();
  // The phone pages need the fake camera (扫一扫, 人脸识别); the PC pages do not mind it.
  browser = await launchPhoneBrowser();
  pc = await newDesktopContext(browser);
  page = await pc.newPage();
  phone = await newPhoneContext(browser, servers.platformUrl);
  app = await phone.newPage();
});

afterAll(async () => {
  report.write('all');
  await phone?.close();
  await pc?.close();
  await browser?.close();
  await servers?.stop();
});

/**
 * Checks the state in both sizes and modes and fails naming every serious or
 * critical violation. `opened`: a dialog opened after each mode switch; `modeBy`:
 * setModeByCookie for the pages the server renders.
 */
async function expectAccessible(target: Page, state: string, shotName: string, how: { opened?: OpenedState; modeBy?: ModeSetter } = {}): Promise<void> {
  const found: AxeFinding[] = await report.check(target, state, shotName, undefined, how);
  const blocking = found.flatMap((f) => f.blocking.map((b) => `${f.viewport} ${f.mode}: ${b}`));
  expect.soft(blocking, `${state}: serious or critical axe-core violations`).toEqual([]);
}

/** 如何获取App: the QR panel's dialog, its second QR loaded. */
const appHelpDialog: OpenedState = {
  async open(target) {
    await target.getByRole('button', { name: /^如何获取「.+」？$/ }).click();
    const qr = target.getByRole('dialog').getByRole('img');
    await qr.waitFor();
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  },
  async close(target) {
    await target.keyboard.press('Escape');
    await target.getByRole('dialog').waitFor({ state: 'hidden' });
  },
};

function authorizationUrl(extra: Record<string, string>): string {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(`${servers.platformUrl}/oidc/auth`);
  const params = {
    client_id: 'edu-portal',
    redirect_uri: `${servers.eduUrl}/callback`,
    response_type: 'code',
    scope: 'openid',
    state: randomBytes(8).toString('hex'),
    nonce: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...extra,
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

describe('axe-core: 0 critical and 0 serious violations on every page state, both sizes, both modes', () => {
  it('login page: 扫码登录, 账号登录, a wrong captcha, the tries left, the wait', async () => {
    const { platformUrl } = servers;
    await page.goto(`${platformUrl}/`);
    await page
      .locator('#login-panel')
      .getByRole('img', { name: /扫码登录二维码/ })
      .waitFor();
    await expectAccessible(page, '登录 · 扫码登录', 'login-qr');

    await chooseAccountLogin(page);
    await expectAccessible(page, '登录 · 账号登录', 'login-account');

    const form = loginForm(page);
    await form.identifier.fill(DEMO.username);
    await form.password.fill(DEMO.password);
    const right = await captchaAnswer(platformUrl, await currentCaptchaId(page));
    await form.captcha.fill(right.toUpperCase() === 'ZZZZ' ? 'YYYY' : 'ZZZZ');
    expect((await submitAccountLogin(page)).status()).toBe(400);
    await shownError(form.captchaError);
    await expectAccessible(page, '登录 · 图形验证码错误', 'login-captcha-error');

    // An unknown name is counted like an account (docs/architecture.md § 登录失败处理); zhangsan stays usable.
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await fillAccountLogin(page, platformUrl, 'care_guest', `Wrong#pass${attempt}`);
      const answer = await submitAccountLogin(page);
      if (attempt === 1) {
        expect(answer.status()).toBe(401);
        await shownError(form.passwordError);
        await expectAccessible(page, '登录 · 密码错误（剩余次数）', 'login-tries-left');
      }
    }
    await page.locator('.throttled-hint').waitFor();
    await expectAccessible(page, '登录 · 需等待（登录限制）', 'login-throttled');
  });

  // Each state is 4 axe runs with screenshots: on a shared, loaded machine these need more than the default 2 minutes.
  it('the companion app: 如何获取App', { timeout: 240_000 }, async () => {
    const onPc = await pc.newPage();
    await onPc.goto(`${servers.platformUrl}/`);
    await onPc.getByRole('button', { name: /^如何获取/ }).waitFor();
    await expectAccessible(onPc, '登录 · 如何获取App', 'login-app-help', { opened: appHelpDialog });
    await onPc.close();
  });

  it('the companion app on a phone: 账号登录 first, 在手机App中打开 instead of the QR', { timeout: 240_000 }, async () => {
    const { platformUrl } = servers;
    const onPhone = await phone.newPage();
    await onPhone.goto(`${platformUrl}/`);
    await loginForm(onPhone).identifier.waitFor();
    await expectAccessible(onPhone, '登录（手机） · 账号登录', 'phone-login-account');

    await loginModes(onPhone).qr.click();
    await onPhone.getByRole('link', { name: /^在手机App中打开/ }).waitFor();
    await expectAccessible(onPhone, '登录（手机） · 在手机App中打开', 'phone-login-open-in-app');
    await expectAccessible(onPhone, '登录（手机） · 如何获取App', 'phone-login-app-help', { opened: appHelpDialog });
    await onPhone.close();
  });

  it('立即注册, 用户协议 and the portal error pages', async () => {
    const { platformUrl } = servers;
    await page.goto(`${platformUrl}/register`);
    await currentCaptchaId(page);
    await expectAccessible(page, '立即注册', 'register');

    await page.goto(`${platformUrl}/terms`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(page, '用户协议', 'terms');

    // Not a login request's id: the portal's own 页面不存在.
    await page.goto(`${platformUrl}/interaction/not.an.id`);
    await page.getByRole('heading', { level: 1, name: '页面不存在' }).waitFor();
    await expectAccessible(page, '页面不存在', 'not-found');

    await page.goto(`${platformUrl}/interaction/no-such-login-request`);
    await page.getByRole('alert').first().waitFor();
    await expectAccessible(page, '登录请求已失效', 'interaction-expired');
  });

  it('法人登录 · 账号登录', async () => {
    const { platformUrl, eduUrl } = servers;
    await page.goto(`${eduUrl}/`);
    await page.getByRole('link', { name: '法人登录', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(`${platformUrl}/interaction/`));
    await loginModes(page).account.click();
    await page.getByLabel('统一社会信用代码/单位账号').waitFor();
    await expectAccessible(page, '法人登录 · 账号登录', 'entity-login');
  });

  it('each step of 忘记密码', async () => {
    const { platformUrl } = servers;
    const w = forgotWizard(page);
    await page.goto(`${platformUrl}/forgot-password`);
    await currentCaptchaId(page);
    await expectAccessible(page, '忘记密码 · 1 填写账户名', 'forgot-1');

    expect((await submitAccountStep(page, platformUrl, DEMO.username)).status()).toBe(200);
    await w.goRecover.waitFor();
    await expectAccessible(page, '忘记密码 · 2 验证身份', 'forgot-2');

    expect((await requestResetCode(page, platformUrl, DEMO.idNumber)).status()).toBe(200);
    await expectAccessible(page, '忘记密码 · 2 验证身份（短信已发送）', 'forgot-2-sent');

    expect((await submitResetCode(page, await resetCode(platformUrl, DEMO.phone))).status()).toBe(200);
    await w.password.waitFor();
    await expectAccessible(page, '忘记密码 · 3 设置新密码', 'forgot-3');

    expect((await submitNewPassword(page, NEW_PASSWORD)).status()).toBe(200);
    await page.getByText('密码重置成功').waitFor();
    await expectAccessible(page, '忘记密码 · 4 完成', 'forgot-4');
  });

  it('用户中心 and 授权确认', async () => {
    const { platformUrl } = servers;
    await loginToUserCenter(page, platformUrl, DEMO.username, NEW_PASSWORD);
    await page.getByRole('region', { name: '个人信息' }).waitFor();
    await expectAccessible(page, '用户中心', 'account');

    await page.goto(authorizationUrl({ prompt: 'consent', scope: 'openid offline_access' }));
    await page.getByRole('heading', { level: 1, name: '授权确认' }).waitFor();
    await page.getByTestId('consent-client').waitFor();
    await expectAccessible(page, '授权确认', 'consent');
  });

  it('the pages the server renders, in the mode the switch remembered: 退出登录, 请求无法完成, 登录已失效, 页面不存在', async () => {
    const { platformUrl } = servers;
    // The switch on a portal page is what the server-rendered pages follow (its cookie).
    await page.goto(`${platformUrl}/terms`);
    await setMode(page, 'care');
    await page.goto(`${platformUrl}/no-such-page`);
    expect(await page.locator('html').getAttribute('data-mode')).toBe('care');
    await page.goto(`${platformUrl}/terms`);
    await setMode(page, 'standard');
    await page.goto(`${platformUrl}/no-such-page`);
    expect(await page.locator('html').getAttribute('data-mode')).toBe('standard');

    // Logged in to the user center above: the logout confirmation of oidc-provider.
    await page.goto(`${platformUrl}/oidc/session/end`);
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    await expectAccessible(page, '退出登录（确认）', 'logout-confirm', { modeBy: setModeByCookie });

    await page.goto(`${platformUrl}/oidc/auth?client_id=no-such-service&response_type=code&scope=openid`);
    await page.getByRole('heading', { level: 1, name: '请求无法完成' }).waitFor();
    await expectAccessible(page, '请求无法完成（OIDC 错误）', 'oidc-error', { modeBy: setModeByCookie });

    await page.goto(`${platformUrl}/account/callback`);
    await page.getByRole('heading', { level: 1, name: '登录已失效' }).waitFor();
    await expectAccessible(page, '登录已失效（用户中心回调）', 'account-callback-expired', { modeBy: setModeByCookie });

    await page.goto(`${platformUrl}/no-such-page`);
    await page.getByRole('heading', { level: 1, name: '页面不存在' }).waitFor();
    await expectAccessible(page, '页面不存在（服务器）', 'server-not-found', { modeBy: setModeByCookie });
  });

  it('the app logged out: home, 登录, 短信登录', async () => {
    const { platformUrl } = servers;
    await app.goto(`${platformUrl}/app/`);
    await app.getByRole('link', { name: /请登录/ }).waitFor();
    await expectAccessible(app, 'App · 首页（未登录）', 'app-home-logged-out');

    await app.goto(`${platformUrl}/app/login`);
    await app.getByRole('button', { name: '开始人脸识别' }).waitFor();
    await expectAccessible(app, 'App · 登录', 'app-login');

    await app.goto(`${platformUrl}/app/login/sms`);
    await app.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(app, 'App · 短信登录', 'app-sms-login');
  });

  it('the app logged in: home, 扫一扫, 确认登录', async () => {
    const { platformUrl, eduUrl } = servers;
    await appFaceLogin(app, platformUrl, { name: '张三', idNumber: DEMO.idNumber, maskedName: DEMO.maskedName }, 7);
    await expectAccessible(app, 'App · 首页', 'app-home');

    await app.goto(`${platformUrl}/app/scan`);
    await app.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(app, 'App · 扫一扫', 'app-scan');

    // A QR from a PC's login page (a profile without the platform session), opened as the phone's own camera would open it.
    const stranger = await newDesktopContext(browser);
    const pcPage = await stranger.newPage();
    const created = pcPage.waitForResponse((r: Response) => r.request().method() === 'POST' && /^\/interaction\/[^/]+\/qr$/.test(new URL(r.url()).pathname));
    await startLoginFromEdu(pcPage, eduUrl, platformUrl);
    const { qrUrl } = (await (await created).json()) as { qrUrl: string };
    await stranger.close();
    await app.goto(qrUrl);
    await app.getByRole('button', { name: '确认登录' }).waitFor();
    await expectAccessible(app, 'App · 确认登录', 'app-qr-confirm');
  });

  it('the app logged in: 我的, 设置, 换绑手机号, not found', async () => {
    const { platformUrl } = servers;
    await app.goto(`${platformUrl}/app/me`);
    await app.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(app, 'App · 我的', 'app-me');

    await app.goto(`${platformUrl}/app/settings`);
    await app.getByRole('link', { name: /换绑手机号/ }).waitFor();
    await expectAccessible(app, 'App · 设置', 'app-settings');

    await app.goto(`${platformUrl}/app/phone`);
    await app.getByRole('heading', { level: 1 }).waitFor();
    await currentCaptchaId(app).catch(() => undefined);
    await expectAccessible(app, 'App · 换绑手机号', 'app-phone');

    await app.goto(`${platformUrl}/app/no-such-page`);
    await app.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(app, 'App · 页面不存在', 'app-not-found');
  });

  it('the operator console: 登录, each role’s pages (依赖方管理 with its form, 运行状态, 账号管理 with an account, 角色管理, 审计日志)', { timeout: 300_000 }, async () => {
    const { platformUrl } = servers;
    /** The console in a browser profile of the administrator's own (a console session is per browser). */
    async function consoleAs(admin: ConsoleAdmin): Promise<{ context: BrowserContext; console: Page }> {
      const context = await newDesktopContext(browser);
      const console = await context.newPage();
      await loginToConsole(console, platformUrl, admin);
      return { context, console };
    }
    const heading = (target: Page, name: string) => target.getByRole('heading', { level: 1, name }).waitFor();

    await page.goto(`${platformUrl}/console/`);
    await page.getByRole('link', { name: '登录', exact: true }).waitFor();
    await expectAccessible(page, '控制台 · 登录', 'console-login');

    const system = await consoleAs(CONSOLE_ADMINS.system);
    await heading(system.console, '依赖方管理');
    await system.console.getByRole('row').nth(1).waitFor();
    await system.console.getByRole('button', { name: '注册依赖方' }).click();
    await expectAccessible(system.console, '控制台 · 依赖方管理（注册表单）', 'console-clients');
    await system.console.getByRole('link', { name: '运行状态' }).click();
    await system.console.getByRole('heading', { level: 2, name: '签名密钥轮换' }).waitFor();
    await system.console.getByText('平台就绪').waitFor();
    await expectAccessible(system.console, '控制台 · 运行状态', 'console-health');
    await system.context.close();

    const security = await consoleAs(CONSOLE_ADMINS.security);
    await heading(security.console, '账号管理');
    await security.console.getByLabel('证件号码', { exact: true }).fill(DEMO.idNumber);
    await security.console.getByRole('button', { name: '查找' }).click();
    await security.console.getByRole('heading', { level: 2, name: '账号信息' }).waitFor();
    await expectAccessible(security.console, '控制台 · 账号管理（账号信息）', 'console-accounts');
    await security.console.getByRole('link', { name: '角色管理' }).click();
    await security.console.getByRole('row').nth(1).waitFor();
    await expectAccessible(security.console, '控制台 · 角色管理', 'console-roles');
    await security.context.close();

    const audit = await consoleAs(CONSOLE_ADMINS.audit);
    await heading(audit.console, '审计日志');
    await audit.console.getByRole('main').locator('table tbody tr').first().waitFor();
    await expectAccessible(audit.console, '控制台 · 审计日志', 'console-audit');
    await audit.context.close();
  });
});
