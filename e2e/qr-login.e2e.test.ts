// 扫码登录 (manual 一): the phone app logs in with a face check, scans the QR
// code the PC's login page shows, and 确认登录 logs the PC in — in Chromium,
// a desktop profile on the portal (reached from edu-portal) and phone-sized
// profiles on the app, the latter with Chromium's fake camera: its moving test
// pattern for the face check, and a Y4M of the PC page's own QR for 扫一扫.
//
// Also: every 登录有效期 ends when it says (the service clock is moved), 取消,
// expiry and 刷新, a confirmed QR cannot be used again, a second browser
// cannot take over the QR's login, a service that demands 实人认证 (L3) gets
// 扫码登录 only, and 换绑手机号 both ways (old phone SMS, face check).
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { devOutbox, latestSmsCode, newDesktopContext, screenshot, solveCaptcha, visibleText } from './support/browser.ts';
import { chooseAccountLogin, DEMO, eduProfile, fillAccountLogin, loginForm, loginModes, startLoginFromEdu } from './support/flows.ts';
import { appFaceLogin, newPhoneContext, type AppPerson as Person } from './support/app.ts';
import { scanQrWithApp } from './support/qr-camera.ts';
import { setMode } from './support/axe.ts';
import type { Servers } from './support/servers.ts';
import { usePcAndPhone } from './support/session.ts';

const DAY = 24 * 60 * 60 * 1000;

const ZHANGSAN: Person = { name: '张三', idNumber: DEMO.idNumber, maskedName: DEMO.maskedName };
// Seeded in the identity registry simulator only (docs/demo.md): no platform account until the first app login.
const LISI: Person = { name: '李四', idNumber: '34052419800101001X', maskedName: '李*' };

const EDU_NAME = '义务教育入学服务平台（演示）';

interface QrCreated {
  id: string;
  qrUrl: string;
  image: string;
  expiresIn: number;
}

// ---- the PC side ----

const isQrCreate = (r: Response) => r.request().method() === 'POST' && /^\/interaction\/[^/]+\/qr$/.test(new URL(r.url()).pathname);

function qrPanel(page: Page) {
  const panel = page.locator('#login-panel');
  return {
    image: panel.getByRole('img', { name: '扫码登录二维码，请使用「统一认证」扫描' }),
    status: panel.getByRole('status'),
    refresh: (name: string) => panel.getByRole('button', { name }),
    note: page.getByTestId('qr-note'),
  };
}

/** Waits until the QR panel's live status says `text`. */
async function pcStatus(page: Page, text: string): Promise<void> {
  await qrPanel(page)
    .status.filter({ hasText: new RegExp(`^${text}$`) })
    .waitFor({ state: 'attached', timeout: 25_000 });
}

/** edu-portal → the platform's login page, which opens on 扫码登录 with a fresh QR; returns it and the interaction uid. */
async function openQrFromEdu(page: Page, servers: Servers): Promise<{ uid: string; qr: QrCreated }> {
  const created = page.waitForResponse(isQrCreate);
  created.catch(() => undefined); // awaited below; a failed page load reports first
  await startLoginFromEdu(page, servers.eduUrl, servers.platformUrl);
  const response = await created;
  expect(response.status()).toBe(201);
  const qr = (await response.json()) as QrCreated;
  await qrPanel(page).image.waitFor();
  await pcStatus(page, '请使用「统一认证」扫码');
  return { uid: new URL(page.url()).pathname.split('/').pop()!, qr };
}

/** Clicks a QR overlay (已取消 / 失效 → 刷新) and returns the new QR. */
async function refreshQr(page: Page, overlay: string): Promise<QrCreated> {
  const created = page.waitForResponse(isQrCreate);
  await qrPanel(page).refresh(overlay).click();
  const response = await created;
  expect(response.status()).toBe(201);
  await pcStatus(page, '请使用「统一认证」扫码');
  return (await response.json()) as QrCreated;
}

async function expectEduLoggedInByQr(page: Page, servers: Servers, person: Person): Promise<void> {
  await page.waitForURL(`${servers.eduUrl}/`, { timeout: 25_000 });
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`欢迎，${person.maskedName}`);
  expect(await eduProfile(page, '认证等级')).toBe('L3 实人认证');
  // amr ["face","mca"]: the app's face check, then the phone's confirmation.
  expect(await eduProfile(page, '登录方式')).toBe('人脸、手机确认');
  expect(await page.locator('.notice').count()).toBe(0);
}

/** A JSON call from inside `page` (same origin, its cookies): what a script in that browser could do. */
async function fetchIn(page: Page, method: 'GET' | 'POST', path: string): Promise<{ status: number; code: string | null; type: string }> {
  return page.evaluate(
    async ({ method, path }) => {
      const response = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: method === 'POST' ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: 'text/event-stream' },
        ...(method === 'POST' ? { body: '{}' } : {}),
      });
      const type = response.headers.get('content-type') ?? '';
      let code: string | null = null;
      if (type.includes('json')) {
        const body = (await response.json()) as { error?: { code?: string } };
        code = body.error?.code ?? null;
      } else {
        await response.body?.cancel();
      }
      return { status: response.status, code, type };
    },
    { method, path },
  );
}

// ---- the phone side ----

/** A phone profile logged in to the app as `person` (face check, `days`). */
async function phoneLoggedIn(browser: Browser, servers: Servers, person: Person, days: 1 | 7 | 30 = 7): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newPhoneContext(browser, servers.platformUrl);
  const page = await context.newPage();
  await appFaceLogin(page, servers.platformUrl, person, days);
  return { context, page };
}

/** The phone's own camera app opened the QR's URL (it encodes /app/qr/<id>): the 确认登录 page. */
async function openConfirm(page: Page, qr: QrCreated): Promise<void> {
  await page.goto(qr.qrUrl);
  await page.getByRole('button', { name: '确认登录' }).waitFor();
}

function confirmPage(page: Page) {
  return {
    confirm: page.getByRole('button', { name: '确认登录' }),
    cancel: page.getByRole('button', { name: '取消', exact: true }),
  };
}

/** Holds the PC's completion request (`…/qr/…/complete`) until the returned function is called. */
async function holdQrCompletion(pc: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await pc.route('**/interaction/*/qr/*/complete', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

// =====================================================================

describe('扫码登录 with edu-portal', () => {
  const setup = usePcAndPhone();

  async function pcPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newDesktopContext(setup.pcBrowser);
    setup.keep(context);
    return { context, page: await context.newPage() };
  }

  async function phone(person: Person, days: 1 | 7 | 30 = 7) {
    const result = await phoneLoggedIn(setup.phoneBrowser, setup.servers, person, days);
    setup.keep(result.context);
    return result;
  }

  it('the app logs in with a face check for 1, 7 and 30 days, and each session ends when its 登录有效期 does', async () => {
    const { platformUrl } = setup.servers;
    for (const days of [1, 7, 30] as const) {
      const context = await newPhoneContext(setup.phoneBrowser, platformUrl);
      setup.keep(context);
      const page = await context.newPage();
      const shots = days === 7;
      if (shots) {
        await page.goto(`${platformUrl}/app/`);
        await page.getByRole('link', { name: /请登录/ }).waitFor();
        await screenshot(page, 'app-home-logged-out', { fullPage: false });
      }
      await appFaceLogin(page, platformUrl, ZHANGSAN, days, shots ? 'app-login' : undefined);
      if (shots) await screenshot(page, 'app-home-logged-in', { fullPage: false });

      const me = await context.request.get(`${platformUrl}/app/api/me`);
      expect(me.status()).toBe(200);
      const { session, person } = (await me.json()) as {
        session: { acr: string; amr: string[]; createdAt: string; expiresAt: string };
        person: { maskedName: string; assuranceLevel: string };
      };
      expect(session.acr).toBe('L3');
      expect(session.amr).toEqual(['face']);
      expect(person.maskedName).toBe(ZHANGSAN.maskedName);
      expect(person.assuranceLevel).toBe('L3');
      expect(Date.parse(session.expiresAt) - Date.parse(session.createdAt)).toBe(days * DAY);
      // The cookie lives as long as the session (Max-Age = the chosen period).
      const cookie = (await context.cookies(`${platformUrl}/app/`)).find((c) => c.name === 'uia_app');
      expect(cookie?.httpOnly).toBe(true);
      expect(cookie?.path).toBe('/app');
      expect(Math.abs(cookie!.expires * 1000 - (Date.now() + days * DAY))).toBeLessThan(120_000);

      if (shots) {
        await page.getByRole('link', { name: '我的', exact: true }).click();
        await page.waitForURL(`${platformUrl}/app/me`);
        await page.getByText('已登录的设备').waitFor();
        await screenshot(page, 'app-me', { fullPage: false });
      }

      // A minute before the end: still logged in.
      setup.servers.clock.advance(days * DAY - 60_000);
      await page.goto(`${platformUrl}/app/me`);
      await page.getByText('已登录的设备').waitFor();
      // A minute after: 我的 sends the person to 登录.
      setup.servers.clock.advance(120_000);
      await page.goto(`${platformUrl}/app/me`);
      await page.waitForURL((url) => url.pathname === '/app/login');
      expect((await context.request.get(`${platformUrl}/app/api/me`)).status()).toBe(401);
      await context.close();
    }
  });

  it('扫一扫 films the PC QR, 确认登录 logs the PC in at edu-portal with acr L3 and amr face + mca', async () => {
    const { platformUrl } = setup.servers;
    const { context: phoneContext, page: phonePage } = await phone(ZHANGSAN);
    await phonePage.goto(`${platformUrl}/app/scan`);
    await phonePage.getByText('将电脑上的二维码放入框内，即可自动扫描').waitFor();
    await screenshot(phonePage, 'app-scan', { fullPage: false });

    const { page: pc } = await pcPage();
    const { qr } = await openQrFromEdu(pc, setup.servers);
    expect(qr.qrUrl).toBe(`${platformUrl}/app/qr/${qr.id}`);
    expect(qr.expiresIn).toBe(180);
    expect(await pc.getByTestId('login-client').textContent()).toBe(`正在登录：${EDU_NAME}`);
    expect(await loginModes(pc).qr.getAttribute('aria-selected')).toBe('true');
    expect(await pc.getByText('打开「统一认证」，点击首页“扫一扫”').isVisible()).toBe(true);
    await screenshot(pc, 'portal-qr-pending', { fullPage: false });

    // Hold the completion a moment so that 登录成功 can be seen (and pictured).
    const release = await holdQrCompletion(pc);

    // The phone's camera sees the PC's QR: a browser whose fake camera plays it, with the app session.
    const { browser: scanBrowser, context: scanContext, page: scan } = await scanQrWithApp(qrPanel(pc).image, phoneContext, platformUrl, qr.id);
    setup.keep(scanBrowser);
    await confirmPage(scan).confirm.waitFor();
    const shown = await scan.locator('main').innerText();
    expect(shown).toContain(`${EDU_NAME} 请求登录`);
    expect(shown).toContain('127.0.0.1');
    expect(shown).toMatch(/Chrom/);
    await screenshot(scan, 'app-qr-confirm', { fullPage: false });

    await pcStatus(pc, '扫描成功，请在手机上确认');
    expect(await pc.getByText('请在手机上点击“确认登录”').isVisible()).toBe(true);
    await screenshot(pc, 'portal-qr-scanned', { fullPage: false });

    await confirmPage(scan).confirm.click();
    await scan.getByText('已确认登录').waitFor();
    await screenshot(scan, 'app-qr-confirmed', { fullPage: false });

    await pcStatus(pc, '登录成功');
    await screenshot(pc, 'portal-qr-success', { fullPage: false });
    release();
    await expectEduLoggedInByQr(pc, setup.servers, ZHANGSAN);
    await screenshot(pc, 'edu-portal-logged-in-qr', { fullPage: false });

    // ---- replay: the confirmed (and used) QR is good for nothing more ----
    // The phone opens it again …
    await scan.goto(qr.qrUrl);
    await scan.getByText('该二维码已使用，请在电脑上刷新二维码后重新扫描').waitFor();
    await screenshot(scan, 'app-qr-used', { fullPage: false });
    expect(await confirmPage(scan).confirm.count()).toBe(0);
    // … confirming it by hand is refused …
    const reconfirm = await scanContext.request.post(`${platformUrl}/app/api/qr/${qr.id}/confirm`, {
      headers: { Origin: platformUrl, 'Content-Type': 'application/json' },
      data: {},
    });
    expect(reconfirm.status()).toBeGreaterThanOrEqual(400);
    expect(((await reconfirm.json()) as { error: { code: string } }).error.code).toBe('QR_ALREADY_USED');
    // … and a new login at edu-portal in the PC's browser gets no second login out of it.
    await pc.goto(`${setup.servers.eduUrl}/`);
    await pc.getByRole('button', { name: '退出登录' }).click();
    await pc.locator('button[type=submit]', { hasText: '退出登录' }).click();
    await pc.waitForURL(`${setup.servers.eduUrl}/`);
    const again = await openQrFromEdu(pc, setup.servers);
    expect(again.qr.id).not.toBe(qr.id);
    const replay = await fetchIn(pc, 'POST', `/interaction/${again.uid}/qr/${qr.id}/complete`);
    expect(replay.status).toBeGreaterThanOrEqual(400);
    expect(['QR_EXPIRED', 'QR_ALREADY_USED']).toContain(replay.code);
    await pcStatus(pc, '请使用「统一认证」扫码');
  });

  it('取消 on the phone shows 已取消 on the PC; 刷新 makes a new QR that logs in', async () => {
    const { page: phonePage } = await phone(ZHANGSAN);
    const { page: pc } = await pcPage();
    const { qr } = await openQrFromEdu(pc, setup.servers);

    await openConfirm(phonePage, qr);
    await pcStatus(pc, '扫描成功，请在手机上确认');
    await confirmPage(phonePage).cancel.click();
    await phonePage.getByText('已取消登录').waitFor();
    await screenshot(phonePage, 'app-qr-cancelled', { fullPage: false });

    await pcStatus(pc, '已取消');
    const overlay = qrPanel(pc).refresh('已取消，点击刷新');
    await overlay.waitFor();
    await screenshot(pc, 'portal-qr-cancelled', { fullPage: false });
    // A cancelled QR cannot be confirmed afterwards.
    await phonePage.goto(qr.qrUrl);
    await phonePage
      .getByRole('heading', { name: /二维码|无法确认登录/ })
      .first()
      .waitFor();
    expect(await confirmPage(phonePage).confirm.count()).toBe(0);

    const fresh = await refreshQr(pc, '已取消，点击刷新');
    expect(fresh.id).not.toBe(qr.id);
    expect(await qrPanel(pc).image.getAttribute('src')).toBe(fresh.image);
    await openConfirm(phonePage, fresh);
    await confirmPage(phonePage).confirm.click();
    await phonePage.getByText('已确认登录').waitFor();
    await expectEduLoggedInByQr(pc, setup.servers, ZHANGSAN);
  });

  it('a QR expires after 180 s (二维码已失效，点击刷新); the phone cannot use it, 刷新 gives a working one', async () => {
    const { page: phonePage } = await phone(ZHANGSAN);
    const { page: pc } = await pcPage();
    const { qr } = await openQrFromEdu(pc, setup.servers);

    setup.servers.clock.advance(181_000);
    // The server notices at its next look at the QR (the stream's heartbeat, ≤ 15 s).
    await pcStatus(pc, '二维码已失效，点击刷新');
    await qrPanel(pc).refresh('二维码已失效，点击刷新').waitFor();
    await screenshot(pc, 'portal-qr-expired', { fullPage: false });

    await phonePage.goto(qr.qrUrl);
    await phonePage
      .getByText(/二维码已失效/)
      .first()
      .waitFor();
    expect(await confirmPage(phonePage).confirm.count()).toBe(0);
    await screenshot(phonePage, 'app-qr-expired', { fullPage: false });

    const fresh = await refreshQr(pc, '二维码已失效，点击刷新');
    expect(fresh.id).not.toBe(qr.id);
    await openConfirm(phonePage, fresh);
    await confirmPage(phonePage).confirm.click();
    await expectEduLoggedInByQr(pc, setup.servers, ZHANGSAN);
  });

  it('the QR says its time left in words; in 关怀模式 an expired QR is replaced by itself (docs/accessibility.md § 计时)', async () => {
    const { page: phonePage } = await phone(ZHANGSAN);
    const { page: pc } = await pcPage();
    const { qr } = await openQrFromEdu(pc, setup.servers);
    const countdown = pc.getByTestId('qr-countdown');
    expect(await countdown.textContent()).toMatch(/^二维码还有(3分钟|2分\d{1,2}秒)失效$/);
    await setMode(pc, 'care');
    await screenshot(pc, 'portal-qr-care', { fullPage: false });

    const renewed = pc.waitForResponse(isQrCreate);
    setup.servers.clock.advance(181_000);
    // No click: the panel asks for a new QR itself once the server says the old one expired.
    const fresh = (await (await renewed).json()) as QrCreated;
    expect(fresh.id).not.toBe(qr.id);
    await pcStatus(pc, '请使用「统一认证」扫码');
    expect(await qrPanel(pc).image.getAttribute('src')).toBe(fresh.image);
    expect(await countdown.textContent()).toMatch(/^二维码还有(3分钟|2分\d{1,2}秒)失效$/);
    await openConfirm(phonePage, fresh);
    await confirmPage(phonePage).confirm.click();
    await expectEduLoggedInByQr(pc, setup.servers, ZHANGSAN);
  });

  it('only the browser that shows the QR can follow or complete its login; a second person cannot take the QR over', async () => {
    const { platformUrl } = setup.servers;
    const { page: zhang } = await phone(ZHANGSAN);
    const { page: li } = await phone(LISI);
    const { page: pc } = await pcPage();
    const { uid, qr } = await openQrFromEdu(pc, setup.servers);

    // Another browser, on the platform's own origin, knows the uid and the QR id.
    const { page: other } = await pcPage();
    await other.goto(`${platformUrl}/interaction/${uid}`);
    await other.getByRole('alert').filter({ hasText: '登录请求已失效，请返回业务系统重新发起登录' }).waitFor();
    expect(await other.locator('img.qr-image').count()).toBe(0);
    const watch = await fetchIn(other, 'GET', `/interaction/${uid}/qr/${qr.id}/events`);
    expect(watch.status).toBe(400);
    expect(watch.code).toBe('LOGIN_REQUEST_EXPIRED');
    expect((await fetchIn(other, 'POST', `/interaction/${uid}/qr`)).code).toBe('LOGIN_REQUEST_EXPIRED');

    // 张三 scans: the QR is his from now on; 李四 scanning it too is refused.
    await openConfirm(zhang, qr);
    await pcStatus(pc, '扫描成功，请在手机上确认');
    await li.goto(qr.qrUrl);
    await li.getByText('该二维码已被其他用户扫描，请在电脑上刷新二维码').waitFor();
    expect(await confirmPage(li).confirm.count()).toBe(0);
    await screenshot(li, 'app-qr-taken', { fullPage: false });
    const liConfirm = await li.context().request.post(`${platformUrl}/app/api/qr/${qr.id}/confirm`, {
      headers: { Origin: platformUrl, 'Content-Type': 'application/json' },
      data: {},
    });
    expect(((await liConfirm.json()) as { error: { code: string } }).error.code).toBe('QR_TAKEN_BY_OTHER');

    // Hold the PC's own completion until the other browser has tried.
    const release = await holdQrCompletion(pc);
    await confirmPage(zhang).confirm.click();
    await zhang.getByText('已确认登录').waitFor();
    await pcStatus(pc, '登录成功');
    const takeover = await fetchIn(other, 'POST', `/interaction/${uid}/qr/${qr.id}/complete`);
    expect(takeover.status).toBe(400);
    expect(takeover.code).toBe('LOGIN_REQUEST_EXPIRED');
    expect((await other.context().cookies(platformUrl)).map((c) => c.name)).not.toContain('_session');
    release();
    await expectEduLoggedInByQr(pc, setup.servers, ZHANGSAN);
  });

  it('换绑手机号 both ways: SMS to the old phone, then a face check when the old phone is lost', async () => {
    const { platformUrl } = setup.servers;
    const { page } = await phone(ZHANGSAN, 30);
    const NEW_PHONE = '13912345678';

    // 我的 → the settings icon (top right) → 换绑手机号
    await page.getByRole('link', { name: '我的', exact: true }).click();
    await page.getByRole('link', { name: '设置' }).click();
    await page.waitForURL(`${platformUrl}/app/settings`);
    await screenshot(page, 'app-settings', { fullPage: false });
    await page.getByRole('link', { name: /换绑手机号/ }).click();
    await page.waitForURL(`${platformUrl}/app/phone`);
    await page.getByText('当前绑定手机号：138****0001').waitFor();
    await screenshot(page, 'app-phone-choose', { fullPage: false });

    // 1a: SMS to the old phone.
    await page.getByRole('button', { name: /原手机号接收验证码/ }).click();
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText(/验证码已发送至/).waitFor();
    await page.getByLabel('短信验证码').fill(await latestSmsCode(platformUrl, DEMO.phone));
    await screenshot(page, 'app-phone-old-sms', { fullPage: false });
    await page.getByRole('button', { name: '下一步' }).click();

    // 2: the new phone, SMS-verified.
    await changeToNewPhone(page, platformUrl, NEW_PHONE, 'app-phone-new');
    await page.getByText('您的手机号已更换为 139****5678，原手机号已解除绑定。').waitFor();
    await screenshot(page, 'app-phone-done', { fullPage: false });
    const notice = (await devOutbox(platformUrl)).find((m) => m.to === DEMO.phone && m.template === 'notice_phone_changed');
    expect(notice).toBeDefined();

    // The old number is free again: the face way binds it back (SMS waits run on the service clock).
    setup.servers.clock.advance(120_000);
    await page.goto(`${platformUrl}/app/phone`);
    await page.getByText('当前绑定手机号：139****5678').waitFor();
    await page.getByRole('button', { name: /原手机号已停用/ }).click();
    await page.locator('#phone-faceConsent').check();
    await screenshot(page, 'app-phone-face', { fullPage: false });
    await page.getByRole('button', { name: '开始人脸识别' }).click();
    await changeToNewPhone(page, platformUrl, DEMO.phone);
    await page.getByText('您的手机号已更换为 138****0001，原手机号已解除绑定。').waitFor();

    const me = (await (await page.context().request.get(`${platformUrl}/app/api/me`)).json()) as { person: { maskedPhone: string } };
    expect(me.person.maskedPhone).toBe('138****0001');
  });
});

/** 绑定新手机号: 新手机号 + 图形验证码 → 获取验证码 → 短信验证码 → 确认换绑. */
async function changeToNewPhone(page: Page, platformUrl: string, phone: string, shots?: string): Promise<void> {
  const phoneInput = page.getByLabel('新手机号');
  await phoneInput.waitFor({ timeout: 30_000 });
  await phoneInput.fill(phone);
  await solveCaptcha(page, platformUrl, page.getByLabel('图形验证码', { exact: true }));
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByText(/验证码已发送至/).waitFor();
  await page.getByLabel('短信验证码').fill(await latestSmsCode(platformUrl, phone));
  if (shots) await screenshot(page, shots, { fullPage: false });
  await page.getByRole('button', { name: '确认换绑' }).click();
  await page.getByText('换绑成功').first().waitFor();
}

// =====================================================================

describe('扫码登录 for a service that demands 实人认证 (edu-portal with acr_values=L3)', () => {
  const setup = usePcAndPhone({ eduEnv: { EDU_ACR_VALUES: 'L3' } });

  it('shows 扫码登录 only, with the note; the QR login reaches L3', async () => {
    const pcContext = await newDesktopContext(setup.pcBrowser);
    setup.keep(pcContext);
    const pc = await pcContext.newPage();
    const { qr } = await openQrFromEdu(pc, setup.servers);
    const note = qrPanel(pc).note;
    expect(await visibleText(note)).toBe('该服务要求实人认证，请使用手机App扫码登录');
    expect(await loginModes(pc).list.getByRole('tab').count()).toBe(1);
    expect(await loginModes(pc).account.count()).toBe(0);
    expect(await loginForm(pc).identifier.count()).toBe(0);
    await screenshot(pc, 'portal-qr-step-up', { fullPage: false });

    const { context, page: phonePage } = await phoneLoggedIn(setup.phoneBrowser, setup.servers, ZHANGSAN);
    setup.keep(context);
    await openConfirm(phonePage, qr);
    await confirmPage(phonePage).confirm.click();
    await expectEduLoggedInByQr(pc, setup.servers, ZHANGSAN);
  });

  it('a password login answered LOGIN_REQUIRES_QR switches the page to 扫码登录 with that message', async () => {
    const { platformUrl } = setup.servers;
    const pcContext = await newDesktopContext(setup.pcBrowser);
    setup.keep(pcContext);
    const pc = await pcContext.newPage();
    // As if the page had not learnt requiredAcr (e.g. details answered before a step-up): 账号登录 is offered.
    await pc.route('**/interaction/*/details', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as Record<string, unknown>;
      expect(body.requiredAcr).toBe('L3');
      delete body.requiredAcr;
      await route.fulfill({ response, json: body });
    });
    await startLoginFromEdu(pc, setup.servers.eduUrl, platformUrl);
    await chooseAccountLogin(pc);
    await fillAccountLogin(pc, platformUrl, DEMO.username, DEMO.password);
    const answer = pc.waitForResponse((r) => r.request().method() === 'POST' && /\/interaction\/[^/]+\/login$/.test(new URL(r.url()).pathname));
    await loginForm(pc).submit.click();
    const response = await answer;
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('LOGIN_REQUIRES_QR');

    expect(await visibleText(qrPanel(pc).note)).toBe('该服务要求实人认证，请使用手机App扫码登录');
    await qrPanel(pc).image.waitFor();
    expect(await loginModes(pc).account.count()).toBe(0);
    expect(await loginForm(pc).identifier.count()).toBe(0);
  });
});
