// 忘记密码 in a real browser (manual 二.3): from edu-portal's login page
// through 1 填写账户名 → 2 验证身份 (前往找回: 证件号码 + 图形验证码 → SMS
// code) → 3 设置新密码 → 4 完成, then a login with the new password. Plus what
// must not work: a wrong ID number, an expired code, a replayed or stolen
// ticket, unlimited account-name lookups, and a session that outlives the
// reset.
//
// Every describe block starts its own platform, so each begins with the
// demo account's seeded password and with fresh rate-limit and SMS budgets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { randomResidentId } from '../apps/idp/test/harness.ts';
import { currentCaptchaId, devOutbox, launchBrowser, newDesktopContext, screenshot, solveCaptcha } from './support/browser.ts';
import { chooseAccountLogin, DEMO, fillAccountLogin, loginForm, loginModes, shownError, startLoginFromEdu, submitAccountLogin } from './support/flows.ts';
import { forgotWizard, requestResetCode, resetCode, resetPasswordThroughWizard, submitAccountStep, submitNewPassword, submitResetCode } from './support/password-reset.ts';
import { startServers, type Servers } from './support/servers.ts';

const NEW_PASSWORD = 'Reset#2026ok';
const MASKED_PHONE = '138****0001';
const STEPS = ['填写账户名', '验证身份', '设置新密码', '完成'];
const DEMO_PERSON = { account: DEMO.username, idNumber: DEMO.idNumber, phone: DEMO.phone };

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
});

/** A fresh platform + edu-portal for one describe block. */
function freshServers(): { readonly current: Servers } {
  const holder: { current: Servers } = { current: undefined as unknown as Servers };
  beforeAll(async () => {
    holder.current = await startServers();
  });
  afterAll(async () => {
    // Pages first: a page left on the login page keeps its QR status stream open, and a
    // browser talking to servers that are shutting down only makes the shutdown wait.
    for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
    await holder.current?.stop();
  });
  return holder;
}

/** A new browser profile at the size of the manual's PC screenshots. */
async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newDesktopContext(browser);
  contexts.push(context);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  return { context, page };
}

/** A new profile on the platform's login page for edu-portal, 账号登录 chosen; `uid` is the login's interaction. */
async function accountLoginFromEdu(servers: Servers): Promise<{ page: Page; uid: string }> {
  const { page } = await newPage();
  await startLoginFromEdu(page, servers.eduUrl, servers.platformUrl);
  const uid = new URL(page.url()).pathname.split('/').pop()!;
  await chooseAccountLogin(page);
  return { page, uid };
}

/**
 * The progress bar as assistive technology reads it (the circles are
 * aria-hidden; each name carries its number, and 已完成 once passed), and the
 * one step marked aria-current="step".
 */
async function progress(page: Page): Promise<{ steps: string[]; current: string }> {
  const w = forgotWizard(page);
  const squash = (text: string | null) => (text ?? '').replace(/\s+/g, '');
  const steps = (await w.steps.locator('.step-name').allTextContents()).map(squash);
  expect(await w.currentStep.count()).toBe(1);
  const current = squash(await w.currentStep.locator('.step-name').textContent());
  return { steps, current };
}

/** POST /api/password-reset/complete from inside the page (same origin, the page's cookies). */
async function completeFromPage(page: Page, ticket: string, password: string): Promise<{ status: number; code: string | undefined }> {
  return page.evaluate(
    async ({ ticket, password }) => {
      const response = await fetch('/api/password-reset/complete', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ ticket, password, confirmPassword: password }),
      });
      const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
      return { status: response.status, code: body.error?.code };
    },
    { ticket, password },
  );
}

/** `page` at 忘记密码 step 1, its captcha loaded. */
async function openForgotPassword(page: Page, platformUrl: string): Promise<void> {
  await page.goto(`${platformUrl}/forgot-password`);
  await currentCaptchaId(page);
}

/** `page` at 忘记密码 step 2 (验证身份) for `account`: step 1 opened and answered. */
async function answerAccountStep(page: Page, platformUrl: string, account: string): Promise<void> {
  await openForgotPassword(page, platformUrl);
  expect((await submitAccountStep(page, platformUrl, account)).status()).toBe(200);
}

/** A new browser at 忘记密码 step 2 (验证身份) for `account`: step 1 answered. */
async function atVerifyStep(platformUrl: string, account: string): Promise<{ page: Page; w: ReturnType<typeof forgotWizard> }> {
  const { page } = await newPage();
  await answerAccountStep(page, platformUrl, account);
  return { page, w: forgotWizard(page) };
}

/** At step 2, 获取验证码 with the demo person's ID number; returns the code sent to the demo phone. */
async function sendDemoCode(page: Page, platformUrl: string): Promise<string> {
  expect((await requestResetCode(page, platformUrl, DEMO.idNumber)).status()).toBe(200);
  return resetCode(platformUrl, DEMO.phone);
}

describe('忘记密码: the four steps from edu-portal, then a login with the new password', () => {
  const servers = freshServers();

  it('resets the demo password through 填写账户名 → 验证身份 → 设置新密码 → 完成 and logs in with it', async () => {
    const { eduUrl, platformUrl } = servers.current;
    // edu-portal → the platform's login page → 忘记密码?
    const { page, uid } = await accountLoginFromEdu(servers.current);
    const w = forgotWizard(page);
    await page.getByRole('link', { name: '忘记密码?' }).click();
    await page.waitForURL(`${platformUrl}/forgot-password?uid=${uid}`);
    await w.heading.waitFor();
    await currentCaptchaId(page);
    expect(await progress(page)).toEqual({ steps: STEPS.map((s, i) => `${i + 1}${s}`), current: `1${STEPS[0]}` });
    expect(await w.account.getAttribute('placeholder')).toBe('用户名/手机号/证件号');
    expect(await page.title()).toContain('忘记密码');
    await screenshot(page, 'forgot-1-account', { fullPage: false });

    // An empty 下一步 is answered in the page, under the field.
    await w.next.click();
    expect(await shownError(w.accountError)).toBe('请输入用户名/手机号/证件号');
    expect(await w.account.getAttribute('aria-describedby')).toContain('forgot-account-error');

    // 1 填写账户名
    expect((await submitAccountStep(page, platformUrl, DEMO.username)).status()).toBe(200);
    await w.goRecover.waitFor();
    expect((await progress(page)).current).toBe(`2${STEPS[1]}`);
    // A username shows nothing of the phone before the ID number matched (it could be compared with a known phone).
    expect(await w.maskedPhone.count()).toBe(0);
    expect(await w.phoneCard.innerText()).toContain('向该账号绑定的手机号发送短信验证码');
    expect(await w.phoneCard.innerText()).toContain('证件号码核对无误后，页面将显示接收验证码的手机号');
    expect(await w.phoneCard.innerText()).not.toContain('0001');
    expect(await w.lostPhoneNotice.innerText()).toContain('携带本人有效身份证件到就近政务服务大厅办理');
    await screenshot(page, 'forgot-2-verify', { fullPage: false });

    // 2 验证身份: 前往找回 → 证件号码 + 图形验证码 → 获取验证码 → the code.
    const sent = await requestResetCode(page, platformUrl, DEMO.idNumber);
    expect(sent.status()).toBe(200);
    expect(await shownError(w.smsCodeHint)).toBe(`验证码已发送至 ${MASKED_PHONE}，5分钟内有效`);
    await w.countdown.waitFor();
    expect(await w.countdown.isDisabled()).toBe(true);
    const outbox = await devOutbox(platformUrl);
    expect(outbox[0]?.to).toBe(DEMO.phone);
    await w.smsCode.fill(await resetCode(platformUrl, DEMO.phone));
    await screenshot(page, 'forgot-2-code-sent', { fullPage: false });
    expect((await submitResetCode(page, await resetCode(platformUrl, DEMO.phone))).status()).toBe(200);

    // 3 设置新密码: the current password is one of the last 3 and is refused.
    await w.password.waitFor();
    expect((await progress(page)).current).toBe(`3${STEPS[2]}`);
    await screenshot(page, 'forgot-3-password', { fullPage: false });
    expect((await submitNewPassword(page, DEMO.password)).status()).toBe(400);
    expect(await shownError(w.passwordError)).toBe('新密码不能与最近3次使用过的密码相同');
    expect(await w.password.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'forgot-3-password-reused', { fullPage: false });
    // A common password passes the page's composition check; the server says why it is refused.
    expect((await submitNewPassword(page, 'Password1!')).status()).toBe(400);
    expect(await shownError(w.passwordError)).toBe('该密码过于常见或已在数据泄露中出现，请更换');
    await screenshot(page, 'forgot-3-password-too-common', { fullPage: false });
    // The policy is checked in the page too (no request for a mismatch).
    await w.password.fill(NEW_PASSWORD);
    await w.confirmPassword.fill(`${NEW_PASSWORD}x`);
    await w.next.click();
    expect(await shownError(w.confirmPasswordError)).toBe('两次输入的密码不一致');
    expect((await submitNewPassword(page, NEW_PASSWORD)).status()).toBe(200);

    // 4 完成
    const done = page.getByRole('status').filter({ hasText: '密码重置成功' });
    await done.waitFor();
    expect((await progress(page)).current).toBe(`4${STEPS[3]}`);
    expect(await done.innerText()).toContain('您在本平台所有设备上的登录均已失效');
    await screenshot(page, 'forgot-4-done', { fullPage: false });

    // 返回登录 → the same login request; the old password no longer works, the new one does.
    await w.backToLogin.click();
    await page.waitForURL(`${platformUrl}/interaction/${uid}`);
    expect(await page.getByTestId('login-client').textContent()).toBe('正在登录：义务教育入学服务平台（演示）');
    // The tab remembers the mode picked before 忘记密码?: 账号登录, not the default 扫码登录.
    expect(await loginModes(page).account.getAttribute('aria-selected')).toBe('true');
    await fillAccountLogin(page, platformUrl, DEMO.username, DEMO.password);
    expect((await submitAccountLogin(page)).status()).toBe(401);
    expect(await shownError(loginForm(page).passwordError)).toBe('账号或密码错误，再错4次需等待1分钟');
    await fillAccountLogin(page, platformUrl, DEMO.username, NEW_PASSWORD);
    expect((await submitAccountLogin(page)).status()).toBe(200);
    await page.waitForURL(`${eduUrl}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`欢迎，${DEMO.maskedName}`);

    // A notice about the reset went to the bound phone (a notice carries no code).
    const noticesTo = async (phone: string) => (await devOutbox(platformUrl)).filter((m) => m.to === phone && m.code === null);
    await expect.poll(async () => (await noticesTo(DEMO.phone)).length).toBe(1);
    const notices = await noticesTo(DEMO.phone);
    expect(notices[0]).toMatchObject({ template: 'notice_password_reset', code: null });
    expect(notices[0]!.text).toContain('您的统一身份认证账号密码已重置');
    expect(notices[0]!.text).toMatch(/操作时间\d{1,2}月\d{1,2}日 \d{2}:\d{2}。/);
    // The code SMS itself warned not to pass the code on.
    expect(outbox[0]?.text).toContain('请勿将验证码告诉他人');
  });
});

describe('忘记密码: a wrong ID number', () => {
  const servers = freshServers();

  it('answers RESET_IDENTITY_MISMATCH under 证件号码 and sends no SMS', async () => {
    const { platformUrl } = servers.current;
    const { page, w } = await atVerifyStep(platformUrl, DEMO.username);
    const before = (await devOutbox(platformUrl)).length;

    let wrong = randomResidentId();
    while (wrong === DEMO.idNumber) wrong = randomResidentId();
    const answer = await requestResetCode(page, platformUrl, wrong);
    expect(answer.status()).toBe(400);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('RESET_IDENTITY_MISMATCH');
    expect(await shownError(w.idNumberError)).toBe('账户名与证件号码不匹配，请核对后重试');
    expect(await w.idNumber.getAttribute('aria-invalid')).toBe('true');
    expect(await w.idNumber.getAttribute('aria-describedby')).toContain('forgot-idNumber-error');
    expect(await w.captcha.inputValue()).toBe('');
    expect(await w.sendCode.isEnabled()).toBe(true);
    expect((await devOutbox(platformUrl)).length).toBe(before);
    await screenshot(page, 'forgot-2-identity-mismatch', { fullPage: false });
  });

  it('answers an unknown account name the same way: the same step 2, then the same mismatch, no SMS', async () => {
    const { platformUrl } = servers.current;
    const real = await newPage();
    await answerAccountStep(real.page, platformUrl, DEMO.username);
    const { page } = await newPage();
    const w = forgotWizard(page);
    await openForgotPassword(page, platformUrl);
    const ghost = `nobody_${randomBytes(4).toString('hex')}`;
    expect((await submitAccountStep(page, platformUrl, ghost)).status()).toBe(200);
    const cardOf = async (p: Page, account: string) => (await forgotWizard(p).phoneCard.innerText()).replace(account, '');
    expect(await cardOf(page, ghost)).toBe(await cardOf(real.page, DEMO.username));
    const before = (await devOutbox(platformUrl)).length;
    expect((await requestResetCode(page, platformUrl, DEMO.idNumber)).status()).toBe(400);
    expect(await shownError(w.idNumberError)).toBe('账户名与证件号码不匹配，请核对后重试');
    expect((await devOutbox(platformUrl)).length).toBe(before);
  });
});

describe('忘记密码: an expired SMS code', () => {
  const servers = freshServers();

  it('refuses the code 301 s after it was sent with 短信验证码已失效', async () => {
    const { platformUrl, clock } = servers.current;
    const { page, w } = await atVerifyStep(platformUrl, DEMO.phone);
    // A phone number typed as the account name shows its own mask: nothing new.
    expect(await w.maskedPhone.textContent()).toBe(MASKED_PHONE);
    await screenshot(page, 'forgot-2-verify-by-phone', { fullPage: false });
    const code = await sendDemoCode(page, platformUrl);

    clock.advance(301_000);
    const answer = await submitResetCode(page, code);
    expect(answer.status()).toBe(400);
    expect(await shownError(w.smsCodeError)).toBe('短信验证码已失效，请重新获取');
    expect(await w.smsCode.getAttribute('aria-invalid')).toBe('true');
    // Still on step 2, where a new code can be asked for.
    expect((await progress(page)).current).toBe(`2${STEPS[1]}`);
    await screenshot(page, 'forgot-2-code-expired', { fullPage: false });
  });
});

describe('忘记密码: an SMS code after too many wrong ones', () => {
  const servers = freshServers();

  it('says 错误次数过多 (not 已失效) when the right code comes after five wrong ones', async () => {
    const { platformUrl } = servers.current;
    const { page, w } = await atVerifyStep(platformUrl, DEMO.username);
    const code = await sendDemoCode(page, platformUrl);
    const wrong = `${code.slice(0, 5)}${(Number(code[5]) + 1) % 10}`;
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await submitResetCode(page, wrong)).status()).toBe(400);
    const answer = await submitResetCode(page, code);
    expect(answer.status()).toBe(400);
    expect(await shownError(w.smsCodeError)).toBe('短信验证码错误次数过多，请重新获取');
    expect((await progress(page)).current).toBe(`2${STEPS[1]}`);
    await screenshot(page, 'forgot-2-code-attempts-exceeded', { fullPage: false });
  });
});

describe('忘记密码: tickets are one-time and bound to the browser', () => {
  const servers = freshServers();

  it('refuses the step-3 ticket from another browser (RESET_TICKET_OTHER_BROWSER) and after use (RESET_TICKET_INVALID)', async () => {
    const { platformUrl } = servers.current;
    const a = await newPage();
    const w = forgotWizard(a.page);
    await answerAccountStep(a.page, platformUrl, DEMO.idNumber);
    const verified = await submitResetCode(a.page, await sendDemoCode(a.page, platformUrl));
    expect(verified.status()).toBe(200);
    const { ticket } = (await verified.json()) as { ticket: string };
    await w.password.waitFor();

    // A second browser with the live ticket: not the browser that started the flow.
    const b = await newPage();
    await b.page.goto(`${platformUrl}/forgot-password`);
    expect(await completeFromPage(b.page, ticket, 'Stolen#2026ok')).toEqual({ status: 403, code: 'RESET_TICKET_OTHER_BROWSER' });

    // The rightful browser completes …
    expect((await submitNewPassword(a.page, NEW_PASSWORD)).status()).toBe(200);
    await a.page.getByText('密码重置成功').waitFor();

    // … and the same ticket, replayed from that browser or the other, is used up.
    expect(await completeFromPage(a.page, ticket, 'Replay#2026ok')).toEqual({ status: 410, code: 'RESET_TICKET_INVALID' });
    expect(await completeFromPage(b.page, ticket, 'Replay#2026ok')).toEqual({ status: 410, code: 'RESET_TICKET_INVALID' });
  });

  it('shows a flow error with 重新开始 when the ticket is gone, and 重新开始 returns to step 1 with a fresh captcha', async () => {
    const { platformUrl, clock } = servers.current;
    const { page, w } = await atVerifyStep(platformUrl, DEMO.username);
    // Step 2's ticket lives 15 minutes.
    clock.advance(16 * 60_000);
    await w.goRecover.click();
    await w.idNumber.fill(DEMO.idNumber);
    const shown = await solveCaptcha(page, platformUrl, w.captcha);
    await w.sendCode.click();
    expect(await shownError(w.flowError)).toBe('本次找回密码已失效或已完成，请重新开始');
    await screenshot(page, 'forgot-flow-error', { fullPage: false });
    await w.restart.click();
    await w.account.waitFor();
    expect((await progress(page)).current).toBe(`1${STEPS[0]}`);
    expect(await w.account.inputValue()).toBe(DEMO.username);
    expect(await currentCaptchaId(page)).not.toBe(shown);
  });
});

describe('忘记密码: account-name lookups are limited', () => {
  const servers = freshServers();

  it('lets a made-up username start 10 times (each showing no phone digits), the 11th is RATE_LIMITED', async () => {
    const { platformUrl } = servers.current;
    const { page } = await newPage();
    const w = forgotWizard(page);
    const name = `ghost_${randomBytes(4).toString('hex')}`;
    await openForgotPassword(page, platformUrl);

    for (let attempt = 1; attempt <= 10; attempt += 1) {
      expect((await submitAccountStep(page, platformUrl, name)).status()).toBe(200);
      await w.goRecover.waitFor();
      expect(await w.maskedPhone.count()).toBe(0);
      // 更换账户名 goes back to step 1 with the name kept and a new captcha.
      await w.changeAccount.click();
      await w.account.waitFor();
    }

    const limited = await submitAccountStep(page, platformUrl, name);
    expect(limited.status()).toBe(429);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    // The limit is on the name as typed: the account's other names still work, and the page says so.
    expect(((await limited.json()) as { error: { scope?: string } }).error.scope).toBe('account_name');
    expect(await shownError(w.formError)).toMatch(/^操作过于频繁，请\d+(分钟|秒)后再试；您也可以改用该账号的手机号或证件号作为账户名找回密码$/);
    expect((await progress(page)).current).toBe(`1${STEPS[0]}`);
    await screenshot(page, 'forgot-1-rate-limited', { fullPage: false });
  });
});

describe('忘记密码: one browser walking a list of account names', () => {
  const servers = freshServers();

  it('may look up 5 distinct names an hour; the 6th is refused with a plain 操作过于频繁, a name already asked still works', async () => {
    const { platformUrl } = servers.current;
    const { page } = await newPage();
    const w = forgotWizard(page);
    await openForgotPassword(page, platformUrl);
    const names = [DEMO.username, DEMO.idNumber, ...Array.from({ length: 3 }, () => `walker_${randomBytes(4).toString('hex')}`)];
    for (const name of names) {
      expect((await submitAccountStep(page, platformUrl, name)).status()).toBe(200);
      await w.changeAccount.click();
      await w.account.waitFor();
    }
    const refused = await submitAccountStep(page, platformUrl, DEMO.phone);
    expect(refused.status()).toBe(429);
    expect(((await refused.json()) as { error: { scope?: string } }).error.scope).toBeUndefined();
    // Another name of the account would not help here, so the page does not suggest one.
    expect(await shownError(w.formError)).toMatch(/^操作过于频繁，请\d+(分钟|秒)后再试$/);
    await screenshot(page, 'forgot-1-names-per-address', { fullPage: false });
    expect((await submitAccountStep(page, platformUrl, DEMO.username)).status()).toBe(200);
  });
});

describe('忘记密码: a daily limit is a message, not a countdown', () => {
  const servers = freshServers();

  it('after 5 codes for the account in a day, 获取验证码 answers RATE_LIMITED in hours and the button starts no countdown', async () => {
    const { platformUrl, clock } = servers.current;
    const { page } = await newPage();
    // The button's 60 s countdown runs on the page's clock: move it along with the platform's.
    await page.clock.install();
    const w = forgotWizard(page);
    await answerAccountStep(page, platformUrl, DEMO.username);
    for (let sent = 1; sent <= 5; sent += 1) {
      expect((await requestResetCode(page, platformUrl, DEMO.idNumber)).status()).toBe(200);
      await w.countdown.waitFor();
      clock.advance(61_000);
      await page.clock.fastForward(61_000);
      await w.sendCode.waitFor();
    }

    // A ticket allows 5 ID checks: start again, then ask for a 6th code.
    await w.changeAccount.click();
    expect((await submitAccountStep(page, platformUrl, DEMO.username)).status()).toBe(200);
    const limited = await requestResetCode(page, platformUrl, DEMO.idNumber);
    expect(limited.status()).toBe(429);
    const { error } = (await limited.json()) as { error: { code: string; retryAfter: number; scope?: string } };
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfter).toBeGreaterThan(7200);
    expect(error.scope).toBeUndefined(); // a limit of the account: another account name would not help
    expect(await shownError(w.smsCodeError)).toMatch(/^操作过于频繁，请2[34]小时后再试$/);
    expect(await w.sendCode.isEnabled()).toBe(true);
    expect(await w.countdown.count()).toBe(0);
    await screenshot(page, 'forgot-2-rate-limited', { fullPage: false });
  });
});

describe('忘记密码: sessions elsewhere end with the reset', () => {
  const servers = freshServers();

  it('logs out another browser from edu-portal (back-channel logout) and its next login asks for the password', async () => {
    const { eduUrl, platformUrl } = servers.current;

    // B: logged in at edu-portal with the old password.
    const b = await newPage();
    await startLoginFromEdu(b.page, eduUrl, platformUrl);
    await chooseAccountLogin(b.page);
    await fillAccountLogin(b.page, platformUrl, DEMO.username, DEMO.password);
    expect((await submitAccountLogin(b.page)).status()).toBe(200);
    await b.page.waitForURL(`${eduUrl}/`);
    expect(await b.page.getByRole('heading', { level: 1 }).textContent()).toBe(`欢迎，${DEMO.maskedName}`);

    // A: resets the password.
    const a = await newPage();
    await resetPasswordThroughWizard(a.page, platformUrl, DEMO_PERSON, NEW_PASSWORD);

    // B: edu-portal's own session is gone …
    await b.page.reload();
    await b.page.getByRole('link', { name: '使用统一身份认证登录' }).waitFor();
    expect(await b.page.getByRole('heading', { level: 1 }).textContent()).toBe('义务教育入学服务平台（演示）');
    expect(await b.page.getByRole('button', { name: '退出登录' }).count()).toBe(0);
    // … and so is the platform's: no silent single sign-on, the login form is shown.
    await startLoginFromEdu(b.page, eduUrl, platformUrl);
    expect(await loginModes(b.page).list.isVisible()).toBe(true);
    await chooseAccountLogin(b.page);
    await screenshot(b.page, 'forgot-other-browser-logged-out', { fullPage: false });
  });
});

describe('忘记密码 from a login that has to wait', () => {
  const servers = freshServers();

  it('offers 忘记密码 next to the wait message; after the reset the new password logs in at once from this browser', async () => {
    const { eduUrl, platformUrl } = servers.current;
    const { page, uid } = await accountLoginFromEdu(servers.current);
    const form = loginForm(page);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await fillAccountLogin(page, platformUrl, DEMO.username, `Wrong#pass${attempt}`);
      expect((await submitAccountLogin(page)).status()).toBe(attempt < 5 ? 401 : 429);
    }
    expect(await shownError(form.passwordError)).toBe('密码错误次数过多，请1分钟后再试，或使用扫码登录、忘记密码');
    const hint = page.locator('#login-password-hint');
    expect(await shownError(hint)).toBe('不想等待？可以改用扫码登录，或通过忘记密码重设密码后登录。');
    expect(await form.password.getAttribute('aria-describedby')).toBe('login-password-error login-password-hint');
    await screenshot(page, 'forgot-from-throttled-login', { fullPage: false });

    await hint.getByRole('link', { name: '忘记密码' }).click();
    await page.waitForURL(`${platformUrl}/forgot-password?uid=${uid}`);
    await currentCaptchaId(page);
    expect((await submitAccountStep(page, platformUrl, DEMO.username)).status()).toBe(200);
    expect((await submitResetCode(page, await sendDemoCode(page, platformUrl))).status()).toBe(200);
    expect((await submitNewPassword(page, NEW_PASSWORD)).status()).toBe(200);
    await forgotWizard(page).backToLogin.click();
    await page.waitForURL(`${platformUrl}/interaction/${uid}`);
    await fillAccountLogin(page, platformUrl, DEMO.username, NEW_PASSWORD);
    expect((await submitAccountLogin(page)).status()).toBe(200);
    await page.waitForURL(`${eduUrl}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`欢迎，${DEMO.maskedName}`);
  });
});
