// The companion app (/app/) in a phone-sized Chromium: a fake front/back
// camera, a way to put a chosen picture in front of it (a QR code for 扫一扫),
// and the app's login form by its labels.
//
// Chromium's fake camera is chosen per browser launch:
//  - `launchPhoneBrowser()` — the built-in test pattern (a moving circle in the
//    middle: the simulated face verifier sees movement, so 人脸识别 passes);
//  - `launchPhoneBrowser({ fakeVideoFile })` — a .y4m file (see `writeY4m`
//    and qr-camera.ts's `qrVideoFromPage`): what 扫一扫 should see. A still
//    picture never passes the face check (identical frames are not live).
import { writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshot } from './browser.ts';

export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;
/** A current Android Chrome: mobile layout, and what 我的 shows as the device. */
export const PHONE_USER_AGENT = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/136.0.0.0 Mobile Safari/537.36';

// getUserMedia without a prompt, from a fake device instead of real hardware.
const FAKE_CAMERA_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

/**
 * Chromium with a fake camera: its test pattern, or the frames of `fakeVideoFile` (.y4m, looped);
 * `extraArgs` e.g. `--ignore-certificate-errors` for a platform behind the test's TLS proxy.
 */
export async function launchPhoneBrowser(options: { fakeVideoFile?: string; extraArgs?: readonly string[] } = {}): Promise<Browser> {
  const args = [...FAKE_CAMERA_ARGS, ...(options.extraArgs ?? [])];
  if (options.fakeVideoFile) args.push(`--use-file-for-fake-video-capture=${options.fakeVideoFile}`);
  return launchChromium(args);
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
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
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

// ---- the app's login form ----

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

/** Someone the simulated identity registry knows, as the app's 实名登录 asks for them. */
export interface AppPerson {
  name: string;
  idNumber: string;
  /** As the app shows them (张*). */
  maskedName: string;
}

/**
 * 登录 in the app (manual 一.2): 证件类型, 姓名, 证件号码, 登录有效期, consent, 开始人脸识别 → 首页,
 * or → `next` (an app path such as a QR's confirm page, where the app goes after its login).
 */
export async function appFaceLogin(page: Page, platformUrl: string, person: AppPerson, days: 1 | 7 | 30, shots?: string, next?: string): Promise<void> {
  await page.goto(`${platformUrl}/app/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  const form = appLoginForm(page);
  await form.idType.selectOption({ label: '居民身份证' });
  await form.name.fill(person.name);
  await form.idNumber.fill(person.idNumber);
  await form.validity(days).check();
  await form.faceConsent.check();
  if (shots) await screenshot(page, `${shots}-form`, { fullPage: false });
  await form.startFace.click();
  if (shots) {
    // The liveness prompts run on their own; catch one for the picture.
    await page
      .getByText(/请眨眨眼|请缓慢摇头|请缓慢点头/)
      .first()
      .waitFor();
    await screenshot(page, `${shots}-face`, { fullPage: false });
  }
  if (next) {
    await page.waitForURL(`${platformUrl}${next}`, { timeout: 30_000 });
    return;
  }
  await page.waitForURL(`${platformUrl}/app/`, { timeout: 30_000 });
  await page.getByRole('link', { name: new RegExp(`^${person.maskedName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*，查看我的信息$`) }).waitFor();
}
