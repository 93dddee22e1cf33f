// 立即注册 in a real browser: a person coming from edu-portal registers
// (graphic captcha → 获取验证码 → SMS code → consent → 注册), sees 注册成功,
// goes back to the same login request with 去登录 and lands on edu-portal as
// the new citizen. Plus the form's own validation of an ID number.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { maskIdNumber, maskName, maskPhone } from '@uia/validators';
import { randomPhone, randomResidentId } from '../apps/idp/test/harness.ts';
import { latestSmsCode, newDesktopContext, screenshot, solveCaptcha } from './support/browser.ts';
import { chooseAccountLogin, fillAccountLogin, shownError, startLoginFromEdu, submitAccountLogin } from './support/flows.ts';
import type { Servers } from './support/servers.ts';
import { closeAll, startServersAndBrowser } from './support/session.ts';

let servers: Servers;
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  ({ servers, browser } = await startServersAndBrowser());
});

afterAll(() => closeAll({ context, browser, servers }));

/**
 * The registration form's fields, found by their visible labels. Each label
 * starts with a required mark "*" that is aria-hidden: the role queries use
 * the accessible name ("姓名"); password inputs have no role, so their label
 * text is matched with the optional mark.
 */
function registerForm(page: Page) {
  const textbox = (name: string) => page.getByRole('textbox', { name, exact: true });
  return {
    name: textbox('姓名'),
    idType: page.getByRole('combobox', { name: '证件类型', exact: true }),
    idNumber: textbox('证件号码'),
    phone: textbox('手机号码'),
    captcha: textbox('图形验证码'),
    sendSms: page.getByRole('button', { name: '获取验证码' }),
    smsCode: textbox('短信验证码'),
    username: textbox('用户名'),
    password: page.getByLabel(/^\*?密码$/),
    confirmPassword: page.getByLabel(/^\*?确认密码$/),
    consent: page.getByRole('checkbox', { name: /我已阅读并同意/ }),
    submit: page.getByRole('button', { name: '注册', exact: true }),
  };
}

describe('立即注册', () => {
  it('registers a new citizen from the login page and logs in with the new username', async () => {
    const { eduUrl, platformUrl } = servers;
    context = await newDesktopContext(browser);
    const page = await context.newPage();
    const person = {
      name: '李晓华',
      idNumber: randomResidentId(),
      phone: randomPhone(),
      username: `e2e_${randomBytes(4).toString('hex')}`,
      // A passphrase longer than the old 20-character cap.
      password: 'Quiet-River-Maple-Lantern-2026',
    };

    await startLoginFromEdu(page, eduUrl, platformUrl);
    const uid = new URL(page.url()).pathname.split('/').pop()!;
    // 立即注册 sits above the 账号登录 form's 登录 button (manual 二.1).
    await chooseAccountLogin(page);
    await page.getByRole('link', { name: '立即注册' }).click();
    await page.waitForURL(`${platformUrl}/register?uid=${uid}`);
    await page.getByRole('heading', { name: '个人用户注册' }).waitFor();

    const form = registerForm(page);
    await form.name.fill(person.name);
    await form.idType.selectOption({ label: '居民身份证' });
    await form.idNumber.fill(person.idNumber);
    await form.phone.fill(person.phone);

    // 获取验证码 needs the graphic captcha first.
    await solveCaptcha(page, platformUrl, form.captcha);
    const sent = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/sms/send');
    await form.sendSms.click();
    expect((await sent).status()).toBe(200);
    const notice = page.locator('#reg-smsCode-hint');
    expect(await shownError(notice)).toBe(`验证码已发送至 ${maskPhone(person.phone)}，5分钟内有效`);
    // The button counts down instead of allowing an immediate resend.
    await page.getByRole('button', { name: /后可重新获取$/ }).waitFor();
    expect(await page.getByRole('button', { name: /后可重新获取$/ }).isDisabled()).toBe(true);

    await form.smsCode.fill(await latestSmsCode(platformUrl, person.phone));
    await form.username.fill(person.username);
    await form.password.fill(person.password);
    await form.confirmPassword.fill(person.password);
    await form.consent.check();
    // No field complains about what was typed.
    await form.confirmPassword.blur();
    expect(await page.locator('.field-error:visible').count()).toBe(0);
    await screenshot(page, 'register-form-filled', { fullPage: true });
    expect(await form.password.inputValue()).toBe(person.password);

    // A common password meets the composition rule but not the list: the server says why, under 密码.
    await form.password.fill('Password1!');
    await form.confirmPassword.fill('Password1!');
    const refused = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/register');
    await form.submit.click();
    expect((await refused).status()).toBe(400);
    expect(await shownError(page.locator('#reg-password-error'))).toBe('该密码过于常见或已在数据泄露中出现，请更换');
    await screenshot(page, 'register-password-too-common', { fullPage: true });
    await form.password.fill(person.password);
    await form.confirmPassword.fill(person.password);

    const registered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/register');
    await form.submit.click();
    expect((await registered).status()).toBe(201);
    const success = page.getByRole('status').filter({ hasText: '注册成功' });
    await success.waitFor();
    expect(await success.getByText('您的用户名：').textContent()).toBe(`您的用户名：${person.username}`);
    await screenshot(page, 'register-success');

    // 去登录 returns to the same login request.
    await success.getByRole('link', { name: '去登录' }).click();
    await page.waitForURL(`${platformUrl}/interaction/${uid}`);
    expect(await page.getByTestId('login-client').textContent()).toBe('正在登录：义务教育入学服务平台（演示）');
    await fillAccountLogin(page, platformUrl, person.username, person.password);
    expect((await submitAccountLogin(page)).status()).toBe(200);
    await page.waitForURL(`${eduUrl}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`欢迎，${maskName(person.name)}`);
    const profile = page.locator('dl.profile');
    expect(await profile.locator('div', { hasText: '证件号码' }).locator('dd').textContent()).toBe(maskIdNumber(person.idNumber));
    expect(await profile.locator('div', { hasText: '手机号码' }).locator('dd').innerText()).toBe(`${maskPhone(person.phone)} 已验证`);
    expect(await profile.locator('div', { hasText: '认证等级' }).locator('dd').textContent()).toBe('L2 实名用户');
    await screenshot(page, 'edu-portal-logged-in-new-citizen');
    await context.close();
    context = undefined;
  });

  it('shows the Chinese checksum error under 证件号码 for a wrong check character', async () => {
    const { platformUrl } = servers;
    context = await newDesktopContext(browser);
    const page = await context.newPage();
    await page.goto(`${platformUrl}/register`);
    const form = registerForm(page);
    const valid = randomResidentId();
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    await form.idNumber.fill(wrongCheck);
    await form.idNumber.blur();

    const error = page.locator('#reg-idNumber-error');
    expect(await shownError(error)).toBe('证件号码校验位不正确，请核对');
    expect(await form.idNumber.getAttribute('aria-invalid')).toBe('true');
    expect(await form.idNumber.getAttribute('aria-describedby')).toContain('reg-idNumber-error');
    // The message sits under its own field, not elsewhere.
    const fieldBox = (await form.idNumber.boundingBox())!;
    const errorBox = (await error.boundingBox())!;
    expect(errorBox.y).toBeGreaterThanOrEqual(fieldBox.y + fieldBox.height);
    expect(errorBox.y - (fieldBox.y + fieldBox.height)).toBeLessThan(40);
    await screenshot(page, 'register-id-checksum-error', { fullPage: false });

    // Submitting does not reach the server with it.
    let posted = false;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/register') posted = true;
    });
    await registerForm(page).submit.click();
    await page.locator('#reg-name-error').waitFor({ state: 'visible' });
    expect(await error.textContent()).toBe('证件号码校验位不正确，请核对');
    expect(posted).toBe(false);
    await context.close();
    context = undefined;
  });
});
