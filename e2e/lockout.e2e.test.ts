// The security defaults of 账号登录 as a person meets them: a wrong graphic
// captcha is refused under the captcha and the picture is replaced; five wrong
// passwords in a row lock the account (30 min), after which even the right
// password is refused. Uses a freshly registered account (set up through the
// JSON API) so the demo account stays usable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Browser as ApiClient } from '../apps/idp/test/harness.ts';
import { registerCitizen } from '../apps/idp/test/registration-helpers.ts';
import { captchaAnswer, currentCaptchaId, screenshot, solveCaptcha } from './support/browser.ts';
import { chooseAccountLogin, fillAccountLogin, loginForm, shownError, startLoginFromEdu, submitAccountLogin } from './support/flows.ts';
import type { Servers } from './support/servers.ts';
import { closeAll, openDesktopPage, startServersAndBrowser } from './support/session.ts';

let servers: Servers;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let person: Awaited<ReturnType<typeof registerCitizen>>;

beforeAll(async () => {
  ({ servers, browser } = await startServersAndBrowser());
  person = await registerCitizen(new ApiClient(servers.platformUrl));
  ({ context, page } = await openDesktopPage(browser));
});

afterAll(() => closeAll({ context, browser, servers }));

describe('账号登录 refusals', () => {
  it('shows 图形验证码错误 under the captcha for a wrong answer and replaces the picture', async () => {
    const { eduUrl, platformUrl } = servers;
    await startLoginFromEdu(page, eduUrl, platformUrl);
    await chooseAccountLogin(page);
    const form = loginForm(page);
    await form.identifier.fill(person.username);
    await form.password.fill(person.password);
    const shownId = await currentCaptchaId(page);
    const right = await captchaAnswer(platformUrl, shownId);
    await form.captcha.fill(right.toUpperCase() === 'ZZZZ' ? 'YYYY' : 'ZZZZ');

    const answer = await submitAccountLogin(page);
    expect(answer.status()).toBe(400);
    expect(await shownError(form.captchaError)).toBe('图形验证码错误，请重新输入');
    expect(await form.captcha.getAttribute('aria-invalid')).toBe('true');
    expect(await form.captcha.inputValue()).toBe('');
    const newId = await currentCaptchaId(page);
    expect(newId).not.toBe(shownId);
    // The password was not checked: no other error is shown.
    expect(await form.passwordError.isVisible()).toBe(false);
    expect(page.url()).toContain('/interaction/');
  });

  it('locks the account after the 5th wrong password and then refuses the right one too', async () => {
    const { platformUrl } = servers;
    const form = loginForm(page);
    const errors: string[] = [];
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await fillAccountLogin(page, platformUrl, person.username, `Wrong#pass${attempt}`);
      const answer = await submitAccountLogin(page);
      expect(answer.status()).toBe(attempt < 5 ? 401 : 423);
      errors.push(await shownError(form.passwordError));
    }
    expect(errors.slice(0, 4)).toEqual(Array(4).fill('账号或密码错误'));
    const lockMessage = /^密码错误次数过多，账号已锁定至\d+月\d+日 \d\d:\d\d，请稍后再试$/;
    expect(errors[4]).toMatch(lockMessage);

    // The right password (and a right captcha) no longer gets in.
    await fillAccountLogin(page, platformUrl, person.username, person.password);
    const answer = await submitAccountLogin(page);
    expect(answer.status()).toBe(423);
    expect(await shownError(form.passwordError)).toMatch(lockMessage);
    expect(page.url()).toContain('/interaction/');
    await screenshot(page, 'login-account-locked');

    // Another identifier of the same account is locked as well.
    await form.identifier.fill(person.phone);
    await form.password.fill(person.password);
    await solveCaptcha(page, platformUrl, form.captcha);
    expect((await submitAccountLogin(page)).status()).toBe(423);
    expect(await shownError(form.passwordError)).toMatch(lockMessage);
  });
});
