// The security defaults of 账号登录 as a person meets them: a wrong graphic
// captcha is refused under the captcha and the picture is replaced; wrong
// passwords show the tries left, the fifth makes this browser wait (even the
// right password is refused then) with 扫码登录 and 忘记密码 offered, while the
// owner's own browser, trusted since an earlier login, still logs in from the
// same address (docs/architecture.md § 登录失败处理). Uses a freshly registered
// account (set up through the JSON API) so the demo account stays usable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Browser as ApiClient } from '../apps/idp/test/harness.ts';
import { registerCitizen } from '../apps/idp/test/registration-helpers.ts';
import { captchaAnswer, currentCaptchaId, screenshot } from './support/browser.ts';
import { chooseAccountLogin, fillAccountLogin, loginForm, loginModes, logoutFromEdu, shownError, startLoginFromEdu, submitAccountLogin } from './support/flows.ts';
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

  it("tells the tries left, then makes this browser wait and names the ways out, while the owner's own browser still logs in", async () => {
    const { eduUrl, platformUrl } = servers;
    // The owner logged in once before from their own browser profile (its device cookie is now trusted)…
    const owner = await openDesktopPage(browser);
    await startLoginFromEdu(owner.page, eduUrl, platformUrl);
    await chooseAccountLogin(owner.page);
    await fillAccountLogin(owner.page, platformUrl, person.phone, person.password);
    expect((await submitAccountLogin(owner.page)).status()).toBe(200);
    await owner.page.waitForURL(`${eduUrl}/`);
    const device = (await owner.context.cookies()).find((cookie) => cookie.name === 'uia_device');
    expect(device).toMatchObject({ path: '/interaction', httpOnly: true, sameSite: 'Lax' });
    expect(device!.expires * 1000 - Date.now()).toBeGreaterThan(364 * 24 * 3600_000);
    await logoutFromEdu(owner.page, eduUrl, platformUrl);

    // … and a stranger in another profile, from the very same address, guesses.
    const form = loginForm(page);
    const errors: string[] = [];
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await fillAccountLogin(page, platformUrl, person.username, `Wrong#pass${attempt}`);
      expect((await submitAccountLogin(page)).status()).toBe(401);
      errors.push(await shownError(form.passwordError));
    }
    expect(errors).toEqual([4, 3, 2, 1].map((left) => `账号或密码错误，再错${left}次需等待1分钟`));
    expect(await page.locator('.throttled-hint').count()).toBe(0);
    await screenshot(page, 'login-one-try-left');

    await fillAccountLogin(page, platformUrl, person.username, 'Wrong#pass5');
    const fifth = await submitAccountLogin(page);
    expect(fifth.status()).toBe(429);
    expect(fifth.headers()['retry-after']).toBe('60');
    const waitMessage = '密码错误次数过多，请1分钟后再试，或使用扫码登录、忘记密码';
    expect(await shownError(form.passwordError)).toBe(waitMessage);
    const hint = page.locator('.throttled-hint');
    expect(await hint.innerText()).toBe('不想等待？可以改用扫码登录，或通过忘记密码重设密码后登录。');
    expect(await hint.getByRole('link', { name: '忘记密码' }).getAttribute('href')).toMatch(/^\/forgot-password/);

    // While this browser waits even the right password is refused.
    await fillAccountLogin(page, platformUrl, person.username, person.password);
    expect((await submitAccountLogin(page)).status()).toBe(429);
    expect(await shownError(form.passwordError)).toBe(waitMessage);
    await screenshot(page, 'login-throttled');

    // The owner's browser, same address, is not held up by the stranger's failures.
    await startLoginFromEdu(owner.page, eduUrl, platformUrl);
    await chooseAccountLogin(owner.page);
    await fillAccountLogin(owner.page, platformUrl, person.username, person.password);
    expect((await submitAccountLogin(owner.page)).status()).toBe(200);
    await owner.page.waitForURL(`${eduUrl}/`);
    await owner.context.close();

    // 扫码登录 in the hint switches to the QR code at once.
    await hint.getByRole('button', { name: '扫码登录' }).click();
    expect(await loginModes(page).qr.getAttribute('aria-selected')).toBe('true');
    await page.locator('.qr-image').waitFor({ state: 'visible' });

    // After the wait (the platform's clock) the right password gets in.
    servers.clock.advance(61_000);
    await chooseAccountLogin(page);
    await fillAccountLogin(page, platformUrl, person.username, person.password);
    expect((await submitAccountLogin(page)).status()).toBe(200);
    await page.waitForURL(`${eduUrl}/`);
  });
});
