// 扫一扫 of the PC's own QR: the QR <img> the login page shows, as a
// person's phone would film it — an element screenshot, enlarged on a white
// 640×480 frame, written as a Y4M for Chromium's fake camera
// (`launchPhoneBrowser({ fakeVideoFile })` in ./app.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import type { Locator } from 'playwright-core';
import { writeY4m, type RgbaImage } from './app.ts';

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
