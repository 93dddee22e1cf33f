// 法人登录 (docs/api.md § 法人登录, docs/demo.md § 法人登录 walkthrough): a
// person logs in *for an entity* — its legal representative, or an agent
// (经办人) the representative authorised in the user center (/account).
//
// One platform for the file; the tests run in order and hand state on:
//  1. 王五 (no rights yet) is refused 法人登录 for demotech;
//  2. 张三, the representative, logs in to the user center and makes 王五 an agent;
//  3. 王五 logs in for the entity at edu-portal by account …
//  4. … and by QR (the app's 确认登录 asks which entity);
//  5. 张三 revokes 王五: his next 法人登录 is refused;
//  6. 张三 grants 王五 until today; past Beijing midnight the grant has expired.
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { newDesktopContext, screenshot, solveCaptcha, visibleText, waitForNewCaptcha } from './support/browser.ts';
import { DEMO, loginModes, loginToUserCenter } from './support/flows.ts';
import { appFaceLogin, newPhoneContext } from './support/app.ts';
import { scanQrWithApp } from './support/qr-camera.ts';
import type { Servers } from './support/servers.ts';
import { usePcAndPhone } from './support/session.ts';

const DAY = 24 * 60 * 60 * 1000;
const BEIJING_OFFSET = 8 * 60 * 60 * 1000;

const ENTITY = {
  name: '北京演示科技有限公司',
  uscc: '91110105MA01XH3R44',
  accountName: 'demotech',
};

const WANGWU = {
  name: '王五',
  username: 'wangwu',
  password: DEMO.password,
  idNumber: '110108198506120033',
  maskedName: '王*',
  maskedIdNumber: '110***********0033',
};

const MESSAGES = {
  notAuthorized: '您不是该单位的法定代表人或有效经办人，无法代表该单位登录',
  grantExpired: '您对该单位的经办授权已过期，请联系法定代表人重新授权',
};

/** The Beijing day (YYYY-MM-DD) of `at` plus `days`. */
function beijingDay(at: number, days = 0): string {
  return new Date(at + BEIJING_OFFSET + days * DAY).toISOString().slice(0, 10);
}

/** The first instant (epoch ms) of the Beijing day after the one `at` falls in. */
function nextBeijingMidnight(at: number): number {
  return Math.floor((at + BEIJING_OFFSET) / DAY) * DAY + DAY - BEIJING_OFFSET;
}

interface QrCreated {
  id: string;
  qrUrl: string;
}

const isEntityLoginPost = (r: Response) => r.request().method() === 'POST' && /^\/interaction\/[^/]+\/entity-login$/.test(new URL(r.url()).pathname);
const isQrCreate = (r: Response) => r.request().method() === 'POST' && /^\/interaction\/[^/]+\/qr$/.test(new URL(r.url()).pathname);

// ---- the platform's 法人登录 page ----

/** 法人登录 → 账号登录's controls, by their labels. */
function entityForm(page: Page) {
  return {
    hint: page.getByTestId('entity-login-hint'),
    entity: page.getByLabel('统一社会信用代码/单位账号'),
    identifier: page.getByLabel('用户名/手机号/身份证号'),
    password: page.getByLabel('密码', { exact: true }),
    captcha: page.getByLabel('图形验证码', { exact: true }),
    submit: page.getByRole('button', { name: '登录', exact: true }),
    formError: page.locator('#entity-login-form-error'),
  };
}

function loginTypeTabs(page: Page) {
  return {
    list: page.getByRole('tablist', { name: '登录身份' }),
    personal: page.getByRole('tab', { name: '个人登录' }),
    entity: page.getByRole('tab', { name: '法人登录' }),
  };
}

/**
 * edu-portal (logged out) → 法人登录 → the platform's login page, which
 * must open directly on its 法人登录 tab (login_type=entity: no 个人登录).
 */
async function startEntityLoginFromEdu(page: Page, servers: Servers): Promise<void> {
  await page.goto(`${servers.eduUrl}/`);
  await page.getByRole('link', { name: '法人登录', exact: true }).click();
  await page.waitForURL((url) => url.href.startsWith(`${servers.platformUrl}/interaction/`));
  const tabs = loginTypeTabs(page);
  await tabs.entity.waitFor();
  expect(await tabs.entity.getAttribute('aria-selected')).toBe('true');
  expect(await tabs.personal.count()).toBe(0);
  expect(await page.getByTestId('login-client').textContent()).toBe('正在登录：义务教育入学服务平台（演示）');
}

/** On the 法人登录 tab: 账号登录, then the entity, the person's own identifier and password, and the captcha (not submitted). */
async function fillEntityAccountLogin(page: Page, servers: Servers, entity: string, identifier: string, password: string): Promise<void> {
  await loginModes(page).account.click();
  const form = entityForm(page);
  await form.entity.waitFor();
  expect(await visibleText(form.hint)).toBe('法定代表人或经办人使用本人账号登录；经办人需由法定代表人在用户中心授权');
  await form.entity.fill(entity);
  await form.identifier.fill(identifier);
  await form.password.fill(password);
  await solveCaptcha(page, servers.platformUrl, form.captcha);
}

/** Submits 法人登录 → 账号登录; on a refusal also waits for the fresh captcha the page fetches. */
async function submitEntityLogin(page: Page): Promise<Response> {
  const before = await page.locator('img[data-captcha-id]').getAttribute('data-captcha-id');
  const answer = page.waitForResponse(isEntityLoginPost);
  await entityForm(page).submit.click();
  const response = await answer;
  if (response.status() !== 200 && before) await waitForNewCaptcha(page, before);
  return response;
}

/** A fresh browser profile's 法人登录 by account that the platform refuses; returns the message shown. */
async function refusedEntityLogin(browser: Browser, servers: Servers, shot?: string): Promise<{ status: number; code: string; shown: string }> {
  const context = await newDesktopContext(browser);
  try {
    const page = await context.newPage();
    await startEntityLoginFromEdu(page, servers);
    await fillEntityAccountLogin(page, servers, ENTITY.accountName, WANGWU.username, WANGWU.password);
    const response = await submitEntityLogin(page);
    const body = (await response.json()) as { error?: { code?: string } };
    const shown = await visibleText(entityForm(page).formError);
    // Still on the platform's page, not logged in anywhere.
    expect(page.url()).toMatch(new RegExp(`^${servers.platformUrl}/interaction/`));
    expect(await entityForm(page).entity.inputValue()).toBe(ENTITY.accountName);
    if (shot) await screenshot(page, shot);
    return { status: response.status(), code: body.error?.code ?? '', shown };
  } finally {
    await context.close();
  }
}

// ---- edu-portal's 单位信息 ----

/** The value of row `label` in the description list `list`. */
async function row(list: Locator, label: string): Promise<string> {
  const dd = list
    .locator('div')
    .filter({ has: list.page().locator('dt', { hasText: new RegExp(`^${label}$`) }) })
    .locator('dd');
  return ((await dd.textContent()) ?? '').trim();
}

async function expectEduEntityLogin(page: Page, servers: Servers): Promise<void> {
  await page.waitForURL(`${servers.eduUrl}/`, { timeout: 25_000 });
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`欢迎，${WANGWU.maskedName}`);
  await page.getByRole('heading', { name: '单位信息' }).waitFor();
  const entity = page.locator('dl.profile-entity');
  expect(await row(entity, '单位名称')).toBe(ENTITY.name);
  expect(await row(entity, '统一社会信用代码')).toBe(ENTITY.uscc);
  expect(await row(entity, '经办人')).toBe(`${WANGWU.maskedName}（${WANGWU.maskedIdNumber}）`);
  expect(await row(entity, '身份')).toBe('经办人');
  const text = await page.locator('body').innerText();
  expect(text).not.toContain(WANGWU.name);
  expect(text).not.toContain(WANGWU.idNumber);
  expect(text).not.toContain('张三');
  expect(text).not.toContain('agent');
}

// ---- the user center (/account) ----

/** 张三 opens http://<platform>/account in a fresh profile: the portal's own login (账号登录), then 用户中心. */
async function openUserCenterAsZhangsan(browser: Browser, servers: Servers, shots = false): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newDesktopContext(browser);
  const page = await context.newPage();
  await loginToUserCenter(page, servers.platformUrl, DEMO.username, DEMO.password, shots ? (login) => screenshot(login, 'entity-user-center-login').then(() => undefined) : undefined);
  return { context, page };
}

/** The entity's card in 我的单位. */
function entityCard(page: Page): Locator {
  return page.getByRole('region', { name: '我的单位' }).getByRole('article', { name: ENTITY.name });
}

/** 管理经办人 opened: the agents' region (table + 授权经办人 form). */
async function openAgents(page: Page): Promise<Locator> {
  const card = entityCard(page);
  await card.waitFor();
  const toggle = card.getByRole('button', { name: '管理经办人' });
  await toggle.click();
  expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  const agents = page.getByRole('region', { name: `${ENTITY.name} · 经办人` });
  await agents.getByRole('form', { name: '授权经办人' }).waitFor();
  return agents;
}

/** 授权经办人: 王五 by name and ID number, 全部业务, until `expiresOn`; waits for the confirmation. */
async function grantWangwu(agents: Locator, expiresOn: string): Promise<void> {
  const form = agents.getByRole('form', { name: '授权经办人' });
  await form.getByLabel('经办人姓名').fill(WANGWU.name);
  await form.getByLabel('经办人证件号码或手机号').fill(WANGWU.idNumber);
  await form.getByRole('radio', { name: '全部业务' }).check();
  await form.getByLabel('授权有效期至').fill(expiresOn);
  await form.getByRole('button', { name: '授权', exact: true }).click();
  const done = agents.getByRole('status').filter({ hasText: `已授权${WANGWU.maskedName}为经办人` });
  // A refusal (a field error or the form's alert) fails here with what the page said.
  const refused = form.locator('[id$="-error"]').filter({ hasText: /\S/ });
  await done.or(refused).first().waitFor();
  if (await refused.count()) throw new Error(`授权 refused: ${(await refused.allInnerTexts()).join(' / ')}`);
}

/** The agents table's row of 王五 (masked). */
function wangwuRow(agents: Locator): Locator {
  return agents
    .getByRole('table', { name: `${ENTITY.name} · 经办人` })
    .getByRole('row')
    .filter({ hasText: WANGWU.maskedIdNumber });
}

async function cells(rowLocator: Locator): Promise<string[]> {
  return (await rowLocator.getByRole('cell').allTextContents()).map((t) => t.trim());
}

// =====================================================================

describe('法人登录 (a person acting for 北京演示科技有限公司)', () => {
  const setup = usePcAndPhone();

  it('refuses 王五 before any grant: he is neither the representative nor an agent of demotech', async () => {
    const refused = await refusedEntityLogin(setup.pcBrowser, setup.servers, 'entity-login-not-authorized');
    expect(refused.status).toBe(403);
    expect(refused.code).toBe('ENTITY_NOT_AUTHORIZED');
    expect(refused.shown).toBe(MESSAGES.notAuthorized);
  });

  it('张三 logs in to the user center, sees 北京演示科技有限公司 as 法定代表人 and makes 王五 an agent for all business', async () => {
    const { context, page } = await openUserCenterAsZhangsan(setup.pcBrowser, setup.servers, true);
    setup.keep(context);
    const body = await page.locator('main').innerText();
    expect(body).toContain(`欢迎，${DEMO.maskedName}`);
    expect(body).not.toContain('张三');
    expect(body).not.toContain(DEMO.idNumber);

    const card = entityCard(page);
    await card.waitFor();
    expect(await card.innerText()).toContain('法定代表人');
    expect(await card.innerText()).toContain(ENTITY.uscc);
    expect(await card.innerText()).toContain(ENTITY.accountName);

    const agents = await openAgents(page);
    expect(await visibleText(agents.getByText('暂无经办人。'))).toBe('暂无经办人。');
    const expiresOn = beijingDay(Date.now(), 30);
    await grantWangwu(agents, expiresOn);

    const granted = wangwuRow(agents);
    await granted.waitFor();
    expect(await cells(granted)).toEqual([WANGWU.maskedName, WANGWU.maskedIdNumber, '全部业务', expiresOn, '有效', '撤销']);
    expect(await agents.getByText('最多 5 名经办人，当前有效 1 名').isVisible()).toBe(true);
    // Only masked data reaches the page.
    const text = await page.locator('main').innerText();
    expect(text).not.toContain(WANGWU.name);
    expect(text).not.toContain(WANGWU.idNumber);
    await screenshot(page, 'entity-user-center-agent-granted');
  });

  it('王五 logs in for the entity at edu-portal by account: 法人登录 → 账号登录 (demotech + his own account) → 单位信息', async () => {
    const context = await newDesktopContext(setup.pcBrowser);
    setup.keep(context);
    const page = await context.newPage();
    await startEntityLoginFromEdu(page, setup.servers);
    await fillEntityAccountLogin(page, setup.servers, ENTITY.accountName, WANGWU.username, WANGWU.password);
    await screenshot(page, 'entity-login-account-form');

    expect((await submitEntityLogin(page)).status()).toBe(200);
    await expectEduEntityLogin(page, setup.servers);
    expect(await row(page.locator('dl.profile:not(.profile-entity)'), '登录方式')).toBe('密码');
    await screenshot(page, 'entity-edu-portal-account');
  });

  it("王五 logs in for the entity by QR: the app's 确认登录 asks which entity, he picks 北京演示科技有限公司, the PC lands on edu-portal", async () => {
    const { platformUrl } = setup.servers;
    // The phone: 王五 in the app (face check).
    const phoneContext = await newPhoneContext(setup.phoneBrowser, platformUrl);
    setup.keep(phoneContext);
    await appFaceLogin(await phoneContext.newPage(), platformUrl, WANGWU, 7);

    // The PC: edu-portal → 法人登录 → 扫码登录 (an entity QR).
    const pcContext = await newDesktopContext(setup.pcBrowser);
    setup.keep(pcContext);
    const pc = await pcContext.newPage();
    const created = pc.waitForResponse(isQrCreate);
    created.catch(() => undefined);
    await startEntityLoginFromEdu(pc, setup.servers);
    await loginModes(pc).qr.click();
    const response = await created;
    expect(response.status()).toBe(201);
    expect(response.request().postDataJSON()).toMatchObject({ loginType: 'entity' });
    const qr = (await response.json()) as QrCreated;
    const qrImage = pc.locator('#login-panel').getByRole('img', { name: '扫码登录二维码，请使用「统一认证」扫描' });
    await qrImage.waitFor();
    await pc.getByText('请使用「统一认证」扫码，并在手机上选择要代表登录的单位').waitFor();

    // 扫一扫: a phone whose camera films the PC's QR, with 王五's app session.
    const { browser: scanBrowser, page: scan } = await scanQrWithApp(qrImage, phoneContext, platformUrl, qr.id);
    setup.keep(scanBrowser);

    // 确认登录 with the entity picker.
    const picker = scan.getByRole('group', { name: '选择登录单位' });
    await picker.waitFor();
    const shown = await scan.locator('main').innerText();
    expect(shown).toContain('义务教育入学服务平台（演示） 请求登录');
    expect(shown).toMatch(/登录类型\s*法人登录/);
    const choice = picker.getByRole('radio', { name: new RegExp(ENTITY.name) });
    expect(await choice.count()).toBe(1);
    const option = picker.locator('label', { hasText: ENTITY.name });
    expect(await option.innerText()).toContain('经办人');
    expect(await option.innerText()).toContain(ENTITY.uscc);
    await choice.check();
    expect(await choice.isChecked()).toBe(true);
    const confirm = scan.getByRole('button', { name: '确认登录' });
    expect(await confirm.isEnabled()).toBe(true);
    await screenshot(scan, 'entity-app-confirm-picker');

    await pc.getByText('请在手机上选择要代表登录的单位，并点击“确认登录”').waitFor({ timeout: 25_000 });
    await confirm.click();
    await scan.getByText('已确认登录').waitFor();

    await expectEduEntityLogin(pc, setup.servers);
    expect(await row(pc.locator('dl.profile:not(.profile-entity)'), '认证等级')).toBe('L3 实人认证');
    await screenshot(pc, 'entity-edu-portal-qr', { fullPage: false });
  });

  it("张三 revokes 王五 (confirm dialog accepted): 王五's next 法人登录 is refused", async () => {
    const { context, page } = await openUserCenterAsZhangsan(setup.pcBrowser, setup.servers);
    setup.keep(context);
    const agents = await openAgents(page);
    await wangwuRow(agents).waitFor();

    const dialog = new Promise<string>((resolve) => {
      page.once('dialog', (d) => {
        resolve(d.message());
        void d.accept();
      });
    });
    await agents.getByRole('button', { name: `撤销${WANGWU.maskedName}的授权` }).click();
    expect(await dialog).toBe(`确定撤销${WANGWU.maskedName}（${WANGWU.maskedIdNumber}）的经办授权吗？撤销后立即生效。`);
    await agents
      .getByRole('status')
      .filter({ hasText: `已撤销${WANGWU.maskedName}的授权` })
      .waitFor();
    await agents.getByText('暂无经办人。').waitFor();
    expect(await wangwuRow(agents).count()).toBe(0);

    const refused = await refusedEntityLogin(setup.pcBrowser, setup.servers, 'entity-login-revoked');
    expect(refused.status).toBe(403);
    expect(refused.code).toBe('ENTITY_NOT_AUTHORIZED');
    expect(refused.shown).toBe(MESSAGES.notAuthorized);
  });

  it('a grant that ended at Beijing midnight is refused as expired', async () => {
    const { context, page } = await openUserCenterAsZhangsan(setup.pcBrowser, setup.servers);
    setup.keep(context);
    const agents = await openAgents(page);
    // Until today, 24:00 Beijing time (the platform's clock has not moved yet in this file).
    const today = beijingDay(setup.servers.clock.now());
    await grantWangwu(agents, today);
    const granted = wangwuRow(agents);
    await granted.waitFor();
    expect((await cells(granted)).slice(2, 5)).toEqual(['全部业务', today, '有效']);

    // One minute past the next Beijing midnight.
    setup.servers.clock.advance(nextBeijingMidnight(setup.servers.clock.now()) - setup.servers.clock.now() + 60_000);

    const refused = await refusedEntityLogin(setup.pcBrowser, setup.servers, 'entity-login-grant-expired');
    expect(refused.status).toBe(403);
    expect(refused.code).toBe('ENTITY_GRANT_EXPIRED');
    expect(refused.shown).toBe(MESSAGES.grantExpired);
  });
});
