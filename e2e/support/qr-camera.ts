// 扫一扫 of the PC's own QR: the QR <img> the login page shows, as a
// person's phone would film it — an element screenshot, enlarged on a white
// 640×480 frame, written as a Y4M for Chromium's fake camera
// (`launchPhoneBrowser({ fakeVideoFile })` in ./app.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchPhoneBrowser, newPhoneContext, writeY4m, type RgbaImage } from './app.ts';

/**
 * `picture` in the middle of a white `width`×`height` frame, enlarged
 * `scale` times (nearest neighbour, so the QR's modules stay sharp).
 */
export function frameAround(picture: RgbaImage, width: number, height: number, scale: number): RgbaImage {
  const data = new Uint8Array(width * height * 4).fill(255);
  const left = Math.floor((width - picture.width * scale) / 2);
  const top = Math.floor((height - picture.height * scale) / 2);
  for (let y = 0; y < height; y += 1) {
    const sy = Math.floor((y - top) / scale);
    if (sy < 0 || sy >= picture.height) continue;
    for (let x = 0; x < width; x += 1) {
      const sx = Math.floor((x - left) / scale);
      if (sx < 0 || sx >= picture.width) continue;
      const from = (sy * picture.width + sx) * 4;
      data.set(picture.data.subarray(from, from + 4), (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/** The QR code as the PC page shows it, as a .y4m file for the phone's fake camera; returns the path. */
export async function qrVideoFromPage(qrImage: Locator): Promise<string> {
  // JPEG at full quality: jpeg-js decodes it (the PNG decoder is not a dependency of ours).
  const shot = await qrImage.screenshot({ type: 'jpeg', quality: 100, animations: 'disabled' });
  const decoded = jpeg.decode(shot, { useTArray: true, formatAsRGBA: true });
  const picture: RgbaImage = { width: decoded.width, height: decoded.height, data: decoded.data };
  const path = join(mkdtempSync(join(tmpdir(), 'uia-qr-camera-')), 'qr.y4m');
  return writeY4m(path, frameAround(picture, 640, 480, 2), { frames: 2 });
}

/**
 * 扫一扫 in the app: a phone browser whose camera films `qrImage`, with the app session of
 * `phoneContext` (logged in there), opens 首页 → 扫一扫 and waits until the app has gone to the
 * scanned QR's page (/app/qr/<qrId>). The caller closes the returned browser.
 */
export async function scanQrWithApp(
  qrImage: Locator,
  phoneContext: BrowserContext,
  platformUrl: string,
  qrId: string,
  options: { extraArgs?: readonly string[] } = {},
): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await launchPhoneBrowser({ fakeVideoFile: await qrVideoFromPage(qrImage), ...options });
  const context = await newPhoneContext(browser, platformUrl);
  await context.addCookies(await phoneContext.cookies(`${platformUrl}/app/`));
  const page = await context.newPage();
  await page.goto(`${platformUrl}/app/`);
  await page.getByRole('link', { name: /扫一扫/ }).click();
  await page.waitForURL(`${platformUrl}/app/qr/${qrId}`, { timeout: 30_000 });
  return { browser, context, page };
}
