// The 忘记密码 wizard's controls and steps, as a person meets them (manual
// 二.3): 1 填写账户名 → 2 验证身份 (前往找回) → 3 设置新密码 → 4 完成.
import type { Page, Response } from 'playwright-core';
import { currentCaptchaId, latestSmsCode, solveCaptcha, waitForNewCaptcha } from './browser.ts';

export function forgotWizard(page: Page) {
  const textbox = (name: string) => page.getByRole('textbox', { name, exact: true });
  return {
    heading: page.getByRole('heading', { level: 1, name: '重置密码' }),
    steps: page.getByRole('list', { name: '重置密码步骤' }).getByRole('listitem'),
    currentStep: page.locator('ol.steps li[aria-current="step"]'),
    // 1 填写账户名
    account: textbox('账户名'),
    accountCaptcha: textbox('安全验证'),
    // 2 验证身份
    phoneCard: page.locator('.method-card'),
    maskedPhone: page.locator('.masked-phone'),
    goRecover: page.getByRole('button', { name: '前往找回' }),
    changeAccount: page.getByRole('button', { name: '更换账户名' }),
    idNumber: textbox('证件号码'),
    captcha: textbox('图形验证码'),
    sendCode: page.getByRole('button', { name: '获取验证码' }),
    countdown: page.getByRole('button', { name: /后可重新获取$/ }),
    smsCode: textbox('短信验证码'),
    lostPhoneNotice: page.getByRole('complementary', { name: '手机号已停用或丢失？' }),
    // 3 设置新密码 (password inputs have no role; their ids are tied to the labels)
    password: page.locator('#forgot-password'),
    confirmPassword: page.locator('#forgot-confirmPassword'),
    next: page.getByRole('button', { name: '下一步' }),
    // 4 完成 and flow errors
    backToLogin: page.locator('.outcome').getByRole('link', { name: '返回登录' }),
    restart: page.getByRole('button', { name: '重新开始' }),
    // errors
    accountError: page.locator('#forgot-account-error'),
    captchaError: page.locator('#forgot-captcha-error'),
    idNumberError: page.locator('#forgot-idNumber-error'),
    smsCodeError: page.locator('#forgot-smsCode-error'),
    smsCodeHint: page.locator('#forgot-smsCode-hint'),
    passwordError: page.locator('#forgot-password-error'),
    confirmPasswordError: page.locator('#forgot-confirmPassword-error'),
    formError: page.locator('#forgot-form-error'),
    flowError: page.locator('#forgot-flow-error'),
  };
}

const isPost = (path: string) => (r: Response) => r.request().method() === 'POST' && new URL(r.url()).pathname === path;

/** Clicks `trigger` and returns the answer of the POST to `path` it causes. */
async function answerTo(page: Page, path: string, trigger: () => Promise<void>): Promise<Response> {
  const answer = page.waitForResponse(isPost(path));
  await trigger();
  return answer;
}

/** Step 1: 账户名 + 安全验证 → 下一步. When refused, also waits for the fresh captcha. */
export async function submitAccountStep(page: Page, platformUrl: string, account: string): Promise<Response> {
  const w = forgotWizard(page);
  await w.account.fill(account);
  const shown = await solveCaptcha(page, platformUrl, w.accountCaptcha);
  const response = await answerTo(page, '/api/password-reset/start', () => w.next.click());
  if (response.status() !== 200) await waitForNewCaptcha(page, shown);
  return response;
}

/** Step 2: 前往找回 (if not yet open), 证件号码 + 图形验证码 → 获取验证码. Waits for the fresh captcha the page fetches after every send. */
export async function requestResetCode(page: Page, platformUrl: string, idNumber: string): Promise<Response> {
  const w = forgotWizard(page);
  // Step 2 renders after step 1's answer: wait for it before deciding whether 前往找回 is still to be clicked.
  await w.goRecover.or(w.idNumber).first().waitFor({ state: 'visible' });
  if (await w.goRecover.isVisible()) await w.goRecover.click();
  await w.idNumber.fill(idNumber);
  const shown = await solveCaptcha(page, platformUrl, w.captcha);
  const response = await answerTo(page, '/api/password-reset/send-code', () => w.sendCode.click());
  await waitForNewCaptcha(page, shown);
  return response;
}

/** Step 2: the SMS code → 下一步. */
export async function submitResetCode(page: Page, code: string): Promise<Response> {
  const w = forgotWizard(page);
  await w.smsCode.fill(code);
  return answerTo(page, '/api/password-reset/verify-code', () => w.next.click());
}

/** Step 3: 新密码 twice → 下一步. */
export async function submitNewPassword(page: Page, password: string, confirmPassword = password): Promise<Response> {
  const w = forgotWizard(page);
  await w.password.fill(password);
  await w.confirmPassword.fill(confirmPassword);
  return answerTo(page, '/api/password-reset/complete', () => w.next.click());
}

/** The newest reset code sent to `phone`. */
export async function resetCode(platformUrl: string, phone: string): Promise<string> {
  return latestSmsCode(platformUrl, phone);
}

/**
 * The whole wizard from /forgot-password to 密码重置成功, for tests that need
 * a password changed as a person would change it. Returns the step-3 ticket.
 */
export async function resetPasswordThroughWizard(page: Page, platformUrl: string, person: { account: string; idNumber: string; phone: string }, newPassword: string): Promise<string> {
  await page.goto(`${platformUrl}/forgot-password`);
  await currentCaptchaId(page);
  const started = await submitAccountStep(page, platformUrl, person.account);
  if (started.status() !== 200) throw new Error(`start → ${started.status()} ${await started.text()}`);
  const sent = await requestResetCode(page, platformUrl, person.idNumber);
  if (sent.status() !== 200) throw new Error(`send-code → ${sent.status()} ${await sent.text()}`);
  const verified = await submitResetCode(page, await resetCode(platformUrl, person.phone));
  if (verified.status() !== 200) throw new Error(`verify-code → ${verified.status()} ${await verified.text()}`);
  const { ticket } = (await verified.json()) as { ticket: string };
  const done = await submitNewPassword(page, newPassword);
  if (done.status() !== 200) throw new Error(`complete → ${done.status()} ${await done.text()}`);
  await page.getByText('密码重置成功').waitFor();
  return ticket;
}
