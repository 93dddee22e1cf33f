// 人脸识别 with a video-capturing face verifier: the platform runs in demo
// mode with UIA_FACE_PROVIDER=tencent and UIA_FACE_ENDPOINT at a local
// Tencent FaceID stand-in that checks every request as Tencent documents it
// (apps/idp/test/support/fake-tencent-faceid.ts). The challenge says
// "video", so the app records the prompts with MediaRecorder — in Chromium
// that is a real MP4/H.264 clip from the fake camera — and sends it; Tencent
// gets exactly that clip with the person's name and ID number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FAKE_TENCENT_FACE_ENV, livenessSuccess, startFakeTencentFaceId, type LivenessRequest } from '../apps/idp/test/support/fake-tencent-faceid.ts';
import { screenshot } from './support/browser.ts';
import { DEMO } from './support/flows.ts';
import { appFaceLogin, appLoginForm, launchPhoneBrowser, newPhoneContext } from './support/app.ts';
import { startServers, type Servers } from './support/servers.ts';

describe('人脸识别 by video clip (a Tencent FaceID verifier)', () => {
  const received: LivenessRequest[] = [];
  let fake: Awaited<ReturnType<typeof startFakeTencentFaceId>>;
  let servers: Servers;
  let phoneBrowser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    fake = await startFakeTencentFaceId({
      answer: (body) => {
        received.push(body);
        return livenessSuccess(body.IdCard.slice(14, 17) === '998' ? 31 : 92);
      },
    });
    servers = await startServers({ platformEnv: { ...FAKE_TENCENT_FACE_ENV, UIA_FACE_ENDPOINT: fake.url } });
    phoneBrowser = await launchPhoneBrowser();
    context = await newPhoneContext(phoneBrowser, servers.platformUrl);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await phoneBrowser?.close();
    await servers?.stop();
    await fake?.close();
  });

  it('records the prompts as an MP4 (H.264) clip, which Tencent receives with the name and ID number; the person is logged in', async () => {
    const challenge = page.waitForResponse((response) => response.url().endsWith('/app/api/face/challenge'));
    challenge.catch(() => undefined); // awaited below
    await appFaceLogin(page, servers.platformUrl, { name: '张三', idNumber: DEMO.idNumber, maskedName: DEMO.maskedName }, 7);
    expect((await (await challenge).json()).capture).toEqual({ kind: 'video', mimeTypes: ['video/mp4;codecs=avc1'], maxSeconds: 5 });

    expect(fake.problems).toEqual([[]]);
    expect(received).toHaveLength(1);
    const [sent] = received;
    expect({ name: sent!.Name, idNumber: sent!.IdCard, liveness: sent!.LivenessType }).toEqual({ name: '张三', idNumber: DEMO.idNumber, liveness: 'SILENT' });
    const clip = Buffer.from(sent!.VideoBase64, 'base64');
    // An ISO-BMFF file whose video track is H.264 (its sample entry `avc1`), of a few seconds at a low bitrate.
    expect(clip.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(clip.includes(Buffer.from('avc1'))).toBe(true);
    expect(clip.length).toBeGreaterThan(5_000);
    expect(clip.length).toBeLessThan(1024 * 1024);
  });

  it('shows 正在录制 in the camera circle while it records, and Tencent\'s "not this person" as the face check\'s message', async () => {
    await page.goto(`${servers.platformUrl}/app/login`);
    // Sequence code 998: the stand-in answers a similarity of 31 (below Tencent's 70).
    const form = appLoginForm(page);
    await form.idType.selectOption({ label: '居民身份证' });
    await form.name.fill('王五');
    await form.idNumber.fill('110101199003079980');
    await form.validity(1).check();
    await form.faceConsent.check();
    await form.startFace.click();
    await page.getByText('正在录制').waitFor();
    await page
      .getByText(/请眨眨眼|请缓慢摇头|请缓慢点头/)
      .first()
      .waitFor();
    await screenshot(page, 'app-face-video-recording', { fullPage: false });
    await page.getByRole('alert').filter({ hasText: /人脸/ }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'app-face-video-mismatch', { fullPage: false });
    expect(await page.getByRole('button', { name: '重新识别' }).isVisible()).toBe(true);
    expect(received.at(-1)?.IdCard).toBe('110101199003079980');
  });
});
