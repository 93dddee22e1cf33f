// The companion app (/app/) in a phone-sized Chromium: a fake front/back
// camera, a way to put a chosen picture in front of it (a QR code for 扫一扫),
// and the app's two logins as steps for the flows.
//
// Chromium's fake camera is chosen per browser launch:
//  - `launchPhoneBrowser()` — the built-in test pattern (a moving circle in the
//    middle: the simulated face verifier sees movement, so 人脸识别 passes);
//  - `launchPhoneBrowser({ fakeVideoFile })` — a .y4m file (see `writeY4m`,
//    `writeQrVideo`): what 扫一扫 should see. A still picture never passes
//    the face check (identical frames are not live).
import { writeFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import QRCode from 'qrcode';
import { CHROMIUM_PATH, currentCaptchaId, latestSmsCode, solveCaptcha, waitForNewCaptcha } from './browser.ts';

export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;
/** A current Android Chrome: mobile layout, and what 我的 shows as the device. */
export const PHONE_USER_AGENT =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/136.0.0.0 Mobile Safari/537.36';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // getUserMedia without a prompt, from a fake device instead of real hardware.
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

/** Chromium with a fake camera: its test pattern, or the frames of `fakeVideoFile` (.y4m, looped). */
export async function launchPhoneBrowser(options: { fakeVideoFile?: string } = {}): Promise<Browser> {
  const args = [...CHROMIUM_ARGS];
  if (options.fakeVideoFile) args.push(`--use-file-for-fake-video-capture=${options.fakeVideoFile}`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args });
}

/**
 * A fresh phone profile: 390×844, touch, mobile user agent, Chinese locale,
 * Beijing time, and the camera allowed for `origin` (the platform's URL).
 */
export async function newPhoneContext(browser: Browser, origin?: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: PHONE_VIEWPORT,
    screen: PHONE_VIEWPORT,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    userAgent: PHONE_USER_AGENT,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  if (origin) await context.grantPermissions(['camera'], { origin: new URL(origin).origin });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

// ---- pictures for the fake camera ----

/** An RGBA picture (4 bytes a pixel, rows top to bottom). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

const clampByte = (value: number) => (value < 0 ? 0 : value > 255 ? 255 : Math.round(value));

/**
 * YUV4MPEG2 (C420: planar Y, then U and V at half width and height, BT.601
 * studio range) of `image`, repeated `frames` times. Odd sizes are padded
 * with the last column/row; alpha is composited over white.
 */
export function rgbaToY4m(image: RgbaImage, options: { frames?: number; fps?: number } = {}): Buffer {
  const frames = Math.max(1, options.frames ?? 1);
  const fps = options.fps ?? 30;
  const width = image.width + (image.width % 2);
  const height = image.height + (image.height % 2);
  if (image.data.length < image.width * image.height * 4) throw new Error('rgbaToY4m: data shorter than width × height × 4');

  const rgb = (x: number, y: number): [number, number, number] => {
    const i = (Math.min(y, image.height - 1) * image.width + Math.min(x, image.width - 1)) * 4;
    const a = (image.data[i + 3] ?? 255) / 255;
    const over = (c: number) => c * a + 255 * (1 - a);
    return [over(image.data[i] ?? 0), over(image.data[i + 1] ?? 0), over(image.data[i + 2] ?? 0)];
  };

  const ySize = width * height;
  const cSize = (width / 2) * (height / 2);
  const frame = Buffer.alloc(ySize + 2 * cSize);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = rgb(x, y);
      frame[y * width + x] = clampByte(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255);
    }
  }
  for (let y = 0; y < height / 2; y++) {
    for (let x = 0; x < width / 2; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
        const [pr, pg, pb] = rgb(2 * x + dx, 2 * y + dy);
        r += pr / 4;
        g += pg / 4;
        b += pb / 4;
      }
      const i = y * (width / 2) + x;
      frame[ySize + i] = clampByte(128 + (-37.797 * r - 74.203 * g + 112 * b) / 255);
      frame[ySize + cSize + i] = clampByte(128 + (112 * r - 93.786 * g - 18.214 * b) / 255);
    }
  }

  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420\n`, 'ascii');
  const marker = Buffer.from('FRAME\n', 'ascii');
  const parts: Buffer[] = [header];
  for (let n = 0; n < frames; n++) parts.push(marker, frame);
  return Buffer.concat(parts);
}

/** Writes `image` as a .y4m file for `--use-file-for-fake-video-capture`. */
export function writeY4m(path: string, image: RgbaImage, options: { frames?: number; fps?: number } = {}): string {
  writeFileSync(path, rgbaToY4m(image, options));
  return path;
}

/**
 * A QR code of `text`, black on white, centred on a `width`×`height` white
 * picture (default 640×480, the code about 70 % of the height) — roughly how
 * a phone sees the QR on a PC screen.
 */
export function qrCodeImage(text: string, options: { width?: number; height?: number; codeSize?: number } = {}): RgbaImage {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size;
  const quiet = 4;
  const scale = Math.max(1, Math.floor((options.codeSize ?? Math.round(height * 0.7)) / (modules + 2 * quiet)));
  const side = (modules + 2 * quiet) * scale;
  const left = Math.floor((width - side) / 2) + quiet * scale;
  const top = Math.floor((height - side) / 2) + quiet * scale;
  const data = new Uint8Array(width * height * 4).fill(255);
  for (let row = 0; row < modules; row++) {
    for (let col = 0; col < modules; col++) {
      if (!qr.modules.data[row * modules + col]) continue;
      for (let y = top + row * scale; y < top + (row + 1) * scale; y++) {
        for (let x = left + col * scale; x < left + (col + 1) * scale; x++) {
          if (x < 0 || y < 0 || x >= width || y >= height) continue;
          const i = (y * width + x) * 4;
          data[i] = 0;
          data[i + 1] = 0;
          data[i + 2] = 0;
        }
      }
    }
  }
  return { width, height, data };
}

/** A .y4m of a QR code of `text` (for 扫一扫); returns the path. */
export function writeQrVideo(path: string, text: string, options: { width?: number; height?: number } = {}): string {
  return writeY4m(path, qrCodeImage(text, options), { frames: 2 });
}

// ---- the app's logins, as a person does them ----

export interface AppPerson {
  name: string;
  idNumber: string;
  /** 证件类型 value; default 居民身份证. */
  idType?: string;
  /** 登录有效期 in days: 1, 7 or 30 (default 1). */
  validityDays?: 1 | 7 | 30;
}

/** The app's login form controls (by their visible labels). */
export function appLoginForm(page: Page) {
  return {
    idType: page.getByLabel('证件类型'),
    name: page.getByLabel('姓名'),
    idNumber: page.getByLabel('证件号码'),
    validity: (days: 1 | 7 | 30) => page.getByRole('radio', { name: `${days}天` }),
    faceConsent: page.getByRole('checkbox', { name: /人脸识别服务授权/ }),
    startFace: page.getByRole('button', { name: '开始人脸识别' }),
  };
}

async function fillIdentity(page: Page, person: AppPerson) {
  const form = appLoginForm(page);
  if (person.idType) await form.idType.selectOption(person.idType);
  await form.name.fill(person.name);
  await form.idNumber.fill(person.idNumber);
  await form.validity(person.validityDays ?? 1).check();
}

/**
 * 登录 with 人脸识别 (needs a browser with the default fake camera): fills
 * the form on the current /app/login page (opens it if elsewhere), consents,
 * taps 开始人脸识别 and waits until the app has left the login page.
 */
export async function loginAppByFace(page: Page, platformUrl: string, person: AppPerson): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith('/app/login')) await page.goto(`${platformUrl}/app/login`);
  await fillIdentity(page, person);
  const form = appLoginForm(page);
  await form.faceConsent.check();
  await form.startFace.click();
  await page.waitForURL((url) => !url.pathname.startsWith('/app/login'), { timeout: 20_000 });
}

/** 短信验证码登录: captcha through the demo hook, the code from the dev outbox (sent to `phone`). */
export async function loginAppBySms(page: Page, platformUrl: string, person: AppPerson & { phone: string }): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith('/app/login/sms')) await page.goto(`${platformUrl}/app/login/sms`);
  const idType = person.idType;
  if (idType) await page.getByLabel('证件类型').selectOption(idType);
  await page.getByLabel('姓名').fill(person.name);
  await page.getByLabel('证件号码').fill(person.idNumber);
  const solved = await solveCaptcha(page, platformUrl, page.getByLabel('图形验证码', { exact: true }));
  await page.getByRole('button', { name: '获取验证码' }).click();
  await waitForNewCaptcha(page, solved);
  await page.locator('#sms-smsCode-hint').waitFor({ state: 'visible' });
  await page.getByLabel('短信验证码').fill(await latestSmsCode(platformUrl, person.phone));
  await page.getByRole('radio', { name: `${person.validityDays ?? 1}天` }).check();
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/app/login'), { timeout: 20_000 });
}

/** The id of the captcha the app shows now (re-exported for app flows). */
export { currentCaptchaId };
