// Production mode end to end, as a city runs it (docs/deployment.md): the
// platform with UIA_MODE=production behind a TLS proxy (e2e/support/tls-proxy.ts,
// UIA_TRUST_PROXY=127.0.0.1), no demo seeds and no /dev hooks, talking to
// vendor stand-ins that check every request's signature — Tencent SMS (the
// test reads the codes it was asked to send), Tencent FaceID
// IdCardVerification (实名核验) and LivenessRecognition (人脸核身) — each
// behind a TLS proxy of its own, since production refuses http vendor
// endpoints. edu-portal is registered as an operator would, through the
// client repository. A citizen registers (L2), logs in to edu-portal by
// password, then by QR from the phone app after a face check (L3).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { createEduPortal } from '../apps/edu-portal/src/app.ts';
import { loadConfig as loadEduConfig } from '../apps/edu-portal/src/config.ts';
import { FAKE_TENCENT_FACE_ENV, startFakeTencentFaceId } from '../apps/idp/test/support/fake-tencent-faceid.ts';
import { freePort, randomPhone, randomResidentId, startTestPlatform, type TestPlatform } from '../apps/idp/test/harness.ts';
import { tencentSignatureProblems } from '../apps/idp/test/support/vendor-signatures.ts';
import { startVendorTestServer, type VendorTestServer } from '../apps/idp/test/support/vendor-test-server.ts';
import type { FastifyInstance } from 'fastify';
import { launchChromium, newDesktopContext, screenshot, currentCaptchaId } from './support/browser.ts';
import { chooseAccountLogin, eduProfile, loginForm, startLoginFromEdu, submitAccountLogin } from './support/flows.ts';
import { launchPhoneBrowser, newPhoneContext, appFaceLogin } from './support/app.ts';
import { scanQrWithApp } from './support/qr-camera.ts';
import { assertPortalBuilt } from './support/servers.ts';
import { startTlsProxy, type TlsProxy } from './support/tls-proxy.ts';

const SMS_KEYS = { AKIDSmsProdE2e0001: 'the-sms-secret-key-of-the-e2e-test' };
const IDENTITY_KEYS = { AKIDIdentityProdE2e01: 'the-identity-secret-key-of-the-e2e' };
const EDU_CLIENT = { clientId: 'edu-portal', clientSecret: randomBytes(24).toString('base64url'), clientName: '义务教育入学服务平台' };
// The proxies' certificates are self-signed, made at run time.
const IGNORE_CERTIFICATE_ERRORS = '--ignore-certificate-errors';
const base64Key = () => randomBytes(32).toString('base64');

/** Tencent SMS SendSms: signature checked, the code (first template parameter) kept per phone number. */
async function startSmsStandIn() {
  const codes: { phone: string; code: string }[] = [];
  const problems: string[][] = [];
  const server = await startVendorTestServer((request) => {
    const found = tencentSignatureProblems(request, { service: 'sms', keys: SMS_KEYS });
    if (request.headers['x-tc-action'] !== 'SendSms') found.push(`X-TC-Action ${String(request.headers['x-tc-action'])}`);
    problems.push(found);
    const body = JSON.parse(request.body) as { PhoneNumberSet: string[]; TemplateParamSet: string[] };
    const phone = body.PhoneNumberSet[0]!;
    codes.push({ phone: phone.replace(/^\+86/, ''), code: body.TemplateParamSet[0]! });
    const status = { SerialNo: '2640:1', PhoneNumber: phone, Fee: 1, SessionContext: '', Code: found.length ? 'AuthFailure.SignatureFailure' : 'Ok', Message: 'send success', IsoCode: 'CN' };
    return { status: 200, body: JSON.stringify({ Response: { SendStatusSet: [status], RequestId: 'e2e-sms' } }) };
  });
  return {
    server,
    problems,
    latestCode(phone: string) {
      const sent = codes.findLast((entry) => entry.phone === phone);
      if (!sent) throw new Error(`the SMS stand-in was asked to send no code to ${phone}`);
      return sent.code;
    },
  };
}

/** Tencent FaceID IdCardVerification: signature checked; Result 0 (name and ID number match) for the test's citizen only. */
async function startIdentityStandIn(citizen: { name: string; idNumber: string }) {
  const problems: string[][] = [];
  const server = await startVendorTestServer((request) => {
    const found = tencentSignatureProblems(request, { service: 'faceid', keys: IDENTITY_KEYS });
    if (request.headers['x-tc-action'] !== 'IdCardVerification') found.push(`X-TC-Action ${String(request.headers['x-tc-action'])}`);
    problems.push(found);
    const body = JSON.parse(request.body) as { IdCard: string; Name: string };
    const result = body.IdCard === citizen.idNumber && body.Name === citizen.name ? '0' : '-1';
    return { status: 200, body: JSON.stringify({ Response: { Result: result, Description: result === '0' ? '姓名和身份证号一致' : '姓名和身份证号不一致', RequestId: 'e2e-id' } }) };
  });
  return { server, problems };
}

const citizen = {
  name: '赵晓燕',
  maskedName: '赵*燕',
  idNumber: randomResidentId(),
  phone: randomPhone(),
  username: `prod_${randomBytes(4).toString('hex')}`,
  password: 'Quiet-River-Maple-Lantern-2026',
};

let sms: Awaited<ReturnType<typeof startSmsStandIn>>;
let identity: Awaited<ReturnType<typeof startIdentityStandIn>>;
let face: Awaited<ReturnType<typeof startFakeTencentFaceId>>;
const proxies: TlsProxy[] = [];
let t: TestPlatform;
let platformUrl: string;
let eduUrl: string;
let edu: FastifyInstance;
let browser: Browser;
const browsers: Browser[] = [];
let pcContext: BrowserContext;
let previousTlsSetting: string | undefined;

/** `server` behind a TLS proxy of its own; returns the proxy's https URL. */
async function behindTls(server: VendorTestServer): Promise<string> {
  const proxy = await startTlsProxy(server.url);
  proxies.push(proxy);
  return proxy.url;
}

/** Types the answer of the captcha shown on the page, read from the platform's store (production has no /dev/captcha). */
async function solveCaptchaFromStore(page: Page, input: Locator): Promise<void> {
  const answer = await t.platform.captcha.peek(await currentCaptchaId(page));
  if (!answer) throw new Error('the captcha shown is not in the store');
  await input.fill(answer);
}

beforeAll(async () => {
  assertPortalBuilt();
  // The self-signed certificates of the proxies: the platform's vendor calls and edu-portal's
  // discovery/token/JWKS requests use Node's global fetch, and Node 20 cannot add a trusted CA
  // after start (NODE_EXTRA_CA_CERTS is read at launch, before the test makes its certificates).
  // This worker runs this file only, so verification is off for it alone, as Chromium's is.
  previousTlsSetting = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

  sms = await startSmsStandIn();
  identity = await startIdentityStandIn(citizen);
  face = await startFakeTencentFaceId();
  const [smsUrl, identityUrl, faceUrl] = [await behindTls(sms.server), await behindTls(identity.server), await behindTls(face)];

  const platformPort = await freePort();
  const proxy = await startTlsProxy(`http://127.0.0.1:${platformPort}`);
  proxies.push(proxy);
  platformUrl = proxy.url;
  const eduPort = await freePort();
  eduUrl = `http://localhost:${eduPort}`;

  t = await startTestPlatform({
    port: platformPort,
    externalStores: false,
    env: {
      UIA_MODE: 'production',
      PUBLIC_URL: platformUrl,
      UIA_TRUST_PROXY: '127.0.0.1',
      UIA_DATA_KEYS: `k1:${base64Key()}`,
      UIA_BLIND_INDEX_KEY: base64Key(),
      UIA_COOKIE_SECRETS: randomBytes(32).toString('base64url'),
      UIA_PLATFORM_NAME: '统一身份认证平台',
      UIA_SMS_PROVIDER: 'tencent',
      UIA_SMS_ENDPOINT: smsUrl,
      UIA_SMS_SIGN_NAME: '统一身份认证平台',
      UIA_SMS_SDK_APP_ID: '1400006666',
      UIA_SMS_ACCESS_KEY_ID: 'AKIDSmsProdE2e0001',
      UIA_SMS_ACCESS_KEY_SECRET: SMS_KEYS.AKIDSmsProdE2e0001,
      UIA_SMS_TEMPLATES: 'register=2000001,login=2000002,reset_password=2000003,change_phone=2000004,notice_password_reset=2000005,notice_phone_changed=2000006',
      UIA_IDENTITY_PROVIDER: 'tencent',
      UIA_IDENTITY_ENDPOINT: identityUrl,
      UIA_IDENTITY_SECRET_ID: 'AKIDIdentityProdE2e01',
      UIA_IDENTITY_SECRET_KEY: IDENTITY_KEYS.AKIDIdentityProdE2e01,
      ...FAKE_TENCENT_FACE_ENV,
      UIA_FACE_ENDPOINT: faceUrl,
    },
  });
  // No demo seeds in production: the operator registers the relying party.
  await t.platform.clients.upsert({
    clientId: EDU_CLIENT.clientId,
    clientName: EDU_CLIENT.clientName,
    clientSecret: EDU_CLIENT.clientSecret,
    enabled: true,
    metadata: {
      redirect_uris: [`${eduUrl}/callback`],
      post_logout_redirect_uris: [`${eduUrl}/`],
      backchannel_logout_uri: `${eduUrl}/backchannel-logout`,
      backchannel_logout_session_required: true,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      // What edu-portal asks for (entity too: it offers 法人登录 when the platform does).
      scope: 'openid offline_access profile phone id_card entity',
    },
  });
  // edu-portal in demo mode: its own production checks want an https address of its own, which is not what this test is about.
  edu = createEduPortal(
    loadEduConfig({
      EDU_PORT: String(eduPort),
      EDU_HOST: '127.0.0.1',
      EDU_ISSUER: `${platformUrl}/oidc`,
      EDU_BASE_URL: eduUrl,
      EDU_CLIENT_ID: EDU_CLIENT.clientId,
      EDU_CLIENT_SECRET: EDU_CLIENT.clientSecret,
    }),
  );
  await edu.listen({ host: '127.0.0.1', port: eduPort });

  browser = await launchChromium([IGNORE_CERTIFICATE_ERRORS]);
  browsers.push(browser);
  pcContext = await newDesktopContext(browser);
});

afterAll(async () => {
  for (const opened of browsers) await opened.close();
  await edu?.close();
  await t?.stop();
  for (const proxy of proxies) await proxy.close();
  for (const stop of [sms?.server, identity?.server, face]) await stop?.close();
  if (previousTlsSetting === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previousTlsSetting;
});

describe('production mode behind TLS with vendor stand-ins', () => {
  it('shows no demo banner; a citizen registers (L2 through the identity registry) and logs in to edu-portal by password', async () => {
    const page = await pcContext.newPage();
    await startLoginFromEdu(page, eduUrl, platformUrl);
    expect(page.url().startsWith(`${platformUrl}/interaction/`)).toBe(true);
    await chooseAccountLogin(page);
    expect(await page.getByText('演示环境').count()).toBe(0);
    // Nor the demo's citizen and console administrators in what the pages read.
    const site = (await (await fetch(`${platformUrl}/api/site`)).json()) as Record<string, unknown>;
    expect(site).not.toHaveProperty('demoAccount');
    expect(site).not.toHaveProperty('demoAdministrators');
    // Nor the demo hooks the other browser tests read captchas and SMS codes from.
    for (const hook of ['/dev/sms', `/dev/captcha/${await currentCaptchaId(page)}`]) expect((await fetch(`${platformUrl}${hook}`)).status).toBe(404);
    // No business registry configured: 法人登录 is switched off, not offered to fail.
    expect(await page.getByRole('tablist', { name: '登录身份' }).getByRole('tab').allTextContents()).toEqual(['个人登录']);
    await screenshot(page, 'production-login', { fullPage: false });

    await page.goto(`${platformUrl}/register`);
    const textbox = (name: string) => page.getByRole('textbox', { name, exact: true });
    await textbox('姓名').fill(citizen.name);
    await textbox('证件号码').fill(citizen.idNumber);
    await textbox('手机号码').fill(citizen.phone);
    await solveCaptchaFromStore(page, textbox('图形验证码'));
    const sent = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/sms/send');
    await page.getByRole('button', { name: '获取验证码' }).click();
    expect((await sent).status()).toBe(200);
    await textbox('短信验证码').fill(sms.latestCode(citizen.phone));
    await textbox('用户名').fill(citizen.username);
    await page.getByLabel(/^\*?密码$/).fill(citizen.password);
    await page.getByLabel(/^\*?确认密码$/).fill(citizen.password);
    await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
    const registered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/register');
    await page.getByRole('button', { name: '注册', exact: true }).click();
    const registration = await registered;
    expect(registration.status()).toBe(201);
    expect(((await registration.json()) as { assuranceLevel: string }).assuranceLevel).toBe('L2');

    await pcContext.clearCookies();
    await startLoginFromEdu(page, eduUrl, platformUrl);
    await chooseAccountLogin(page);
    const form = loginForm(page);
    await form.identifier.fill(citizen.username);
    await form.password.fill(citizen.password);
    await solveCaptchaFromStore(page, form.captcha);
    expect((await submitAccountLogin(page)).status()).toBe(200);
    await page.waitForURL(`${eduUrl}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`欢迎，${citizen.maskedName}`);
    expect(await eduProfile(page, '认证等级')).toBe('L2 实名用户');
    await screenshot(page, 'production-edu-password', { fullPage: false });

    expect(sms.problems.length).toBeGreaterThan(0);
    expect(identity.problems.length).toBeGreaterThan(0);
    expect([...sms.problems, ...identity.problems].flat()).toEqual([]);
    await page.close();
  });

  it('the phone app logs in by a face check; 扫一扫 of the PC QR and 确认登录 log edu-portal in at L3 (amr face + mca)', async () => {
    const phoneBrowser = await launchPhoneBrowser({ extraArgs: [IGNORE_CERTIFICATE_ERRORS] });
    browsers.push(phoneBrowser);
    const phone = await newPhoneContext(phoneBrowser, platformUrl);
    await appFaceLogin(await phone.newPage(), platformUrl, { name: citizen.name, idNumber: citizen.idNumber, maskedName: citizen.maskedName }, 1);
    expect(face.problems.flat()).toEqual([]);
    expect(face.problems.length).toBeGreaterThan(0);

    await pcContext.clearCookies();
    const pc = await pcContext.newPage();
    const created = pc.waitForResponse((r) => r.request().method() === 'POST' && /^\/interaction\/[^/]+\/qr$/.test(new URL(r.url()).pathname));
    created.catch(() => undefined); // awaited below
    await startLoginFromEdu(pc, eduUrl, platformUrl);
    const qr = (await (await created).json()) as { id: string; qrUrl: string };
    expect(qr.qrUrl).toBe(`${platformUrl}/app/qr/${qr.id}`);
    const qrImage = pc.locator('#login-panel').getByRole('img', { name: '扫码登录二维码，请使用「统一认证」扫描' });
    await qrImage.waitFor();

    const { browser: scanBrowser, page: scan } = await scanQrWithApp(qrImage, phone, platformUrl, qr.id, { extraArgs: [IGNORE_CERTIFICATE_ERRORS] });
    browsers.push(scanBrowser);
    const confirm = scan.getByRole('button', { name: '确认登录' });
    await confirm.waitFor();
    expect(await scan.locator('main').innerText()).toContain(`${EDU_CLIENT.clientName} 请求登录`);
    await confirm.click();
    await scan.getByText('已确认登录').waitFor();

    await pc.waitForURL(`${eduUrl}/`, { timeout: 25_000 });
    expect(await pc.getByRole('heading', { level: 1 }).textContent()).toBe(`欢迎，${citizen.maskedName}`);
    expect(await eduProfile(pc, '认证等级')).toBe('L3 实人认证');
    expect(await eduProfile(pc, '登录方式')).toBe('人脸、手机确认');
    await screenshot(pc, 'production-edu-qr', { fullPage: false });
  });
});
