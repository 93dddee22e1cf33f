// The face check with a video-capturing verifier: the platform configured
// for Tencent Cloud FaceID (UIA_FACE_PROVIDER=tencent) with UIA_FACE_ENDPOINT
// at a local stand-in that checks every request as Tencent documents it.
// The challenge tells the app to record a clip; the clip goes to Tencent and
// nowhere else (not the audit log, not the logs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPerson } from './app-helpers.ts';
import { Browser, randomResidentId, startTestPlatform, type TestPlatform } from './harness.ts';
import { FAKE_TENCENT_FACE_ENV, livenessError, livenessSuccess, startFakeTencentFaceId, type LivenessRequest } from './support/fake-tencent-faceid.ts';
import { asDataUrl, faceFrame } from './support/face-frames.ts';
import { FACE_VIDEO_POLICY } from '../src/services/face-check/face-frames.ts';

/** An MP4 (its `ftyp` box first) carrying a marker that must never show up in a log. */
const CLIP = Buffer.concat([Buffer.from('00000020667479706973366d00000200', 'hex'), Buffer.from('CLIP-MARKER-only-tencent-may-see-this-clip')]);
const clipUrl = (clip = CLIP, type = 'video/mp4') => `data:${type};base64,${clip.toString('base64')}`;
const UNREACHABLE_NAME = '钱不通';

const logLines: string[] = [];
const received: LivenessRequest[] = [];
let fake: Awaited<ReturnType<typeof startFakeTencentFaceId>>;
let t: TestPlatform;
beforeAll(async () => {
  fake = await startFakeTencentFaceId({
    answer: (body) => {
      received.push(body);
      if (body.Name === UNREACHABLE_NAME) return livenessError('FailedOperation.IdPhotoSystemNoanswer');
      return livenessSuccess(body.IdCard.slice(14, 17) === '998' ? 31 : 92);
    },
  });
  t = await startTestPlatform({ env: { ...FAKE_TENCENT_FACE_ENV, UIA_FACE_ENDPOINT: fake.url, UIA_LOG_LEVEL: 'trace' }, logStream: { write: (line) => void logLines.push(line) } });
});
afterAll(async () => {
  await t?.stop();
  await fake?.close();
});

async function challenge(browser: Browser) {
  const issued = await browser.json('/app/api/face/challenge', { json: {} });
  expect(issued.status).toBe(200);
  return issued.body as { challengeId: string; actions: string[]; capture: unknown };
}

async function videoLogin(browser: Browser, person: ReturnType<typeof appPerson>, overrides: Record<string, unknown> = {}) {
  const { challengeId } = await challenge(browser);
  return browser.json('/app/api/login/face', { json: { ...person, validityDays: 7, faceConsent: true, challengeId, frames: [], video: clipUrl(), ...overrides } });
}

describe(`face check by video clip, Tencent FaceID (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('tells the app to record MP4/H.264 for at most 5 s with each challenge', async () => {
    const issued = await challenge(new Browser(t.baseUrl));
    expect(issued.capture).toEqual({ kind: 'video', mimeTypes: ['video/mp4;codecs=avc1'], maxSeconds: 5 });
    expect(issued.actions).toHaveLength(2);
  });

  it('logs in at L3 with the clip; Tencent got name, ID number and exactly the clip, correctly signed', async () => {
    const person = appPerson();
    const before = received.length;
    const login = await videoLogin(new Browser(t.baseUrl), person);
    expect(login.status).toBe(200);
    expect(login.body.session).toMatchObject({ acr: 'L3', amr: ['face'] });
    expect(received.slice(before)).toEqual([{ IdCard: person.idNumber, Name: person.name, VideoBase64: CLIP.toString('base64'), LivenessType: 'SILENT' }]);
    expect(fake.problems.every((problems) => problems.length === 0)).toBe(true);
  });

  it("换绑手机号's face step takes a clip too, checked against the account's own name and ID number", async () => {
    const person = appPerson();
    const browser = new Browser(t.baseUrl);
    expect((await videoLogin(browser, person)).status).toBe(200);
    const before = received.length;
    const { challengeId } = await challenge(browser);
    const verified = await browser.json('/app/api/phone/face', { json: { faceConsent: true, challengeId, frames: [], video: clipUrl() } });
    expect(verified.status).toBe(200);
    expect(verified.body.ticket).toEqual(expect.any(String));
    expect(received.slice(before).map((body) => [body.Name, body.IdCard])).toEqual([[person.name, person.idNumber]]);
  });

  it("answers Tencent's verdicts and failures with the face check's errors; a failure is counted in /metrics", async () => {
    const mismatch = await videoLogin(new Browser(t.baseUrl), { ...appPerson(), idNumber: randomResidentId('998') });
    expect(mismatch).toMatchObject({ status: 422, body: { error: { code: 'FACE_MISMATCH' } } });
    const down = await videoLogin(new Browser(t.baseUrl), { ...appPerson(), name: UNREACHABLE_NAME });
    expect(down).toMatchObject({ status: 503, body: { error: { code: 'FACE_SERVICE_UNAVAILABLE' } } });
    const metrics = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/uia_vendor_calls_total\{vendor="tencent",api="LivenessRecognition",outcome="unavailable"\} 1\b/);
    expect(metrics).toMatch(/uia_vendor_calls_total\{vendor="tencent",api="LivenessRecognition",outcome="ok"\} \d+/);
  });

  it('refuses a missing, foreign, mislabelled or oversized clip, and frames instead of a clip, before calling Tencent', async () => {
    const before = received.length + fake.problems.length;
    const browser = new Browser(t.baseUrl);
    const person = appPerson();
    const refused = async (overrides: Record<string, unknown>, code: string) => {
      const response = await videoLogin(browser, person, overrides);
      expect(response.status, JSON.stringify(overrides).slice(0, 80)).toBe(422);
      expect(response.body.error).toMatchObject({ code });
    };
    await refused({ video: undefined }, 'FACE_VIDEO_INVALID');
    await refused({ video: clipUrl(Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(60)]), 'video/webm') }, 'FACE_VIDEO_INVALID');
    await refused({ video: clipUrl(CLIP, 'video/mp4;codecs=avc1') }, 'FACE_VIDEO_INVALID');
    await refused({ video: clipUrl(Buffer.from('not an mp4 at all, just text')) }, 'FACE_VIDEO_INVALID');
    await refused({ video: clipUrl(Buffer.concat([CLIP, Buffer.alloc(FACE_VIDEO_POLICY.maxVideoBytes)])) }, 'FACE_VIDEO_INVALID');
    await refused({ frames: [asDataUrl(faceFrame()), asDataUrl(faceFrame({ offsetX: 24 }))], video: undefined }, 'FACE_FRAMES_INVALID');
    const invalid = await videoLogin(browser, person, { video: undefined });
    expect(invalid.body.error.message).toBe('未能获取有效的人脸视频，请重新识别');
    expect(received.length + fake.problems.length).toBe(before);
  });

  it('refuses an ID type Tencent cannot compare (only 身份证) before calling it', async () => {
    const before = received.length + fake.problems.length;
    const response = await videoLogin(new Browser(t.baseUrl), { idType: 'hk_macao_permit', name: '赵小红', idNumber: 'H12345678' });
    expect(response).toMatchObject({ status: 422, body: { error: { code: 'FACE_ID_TYPE_UNSUPPORTED', field: 'idType', message: '该证件类型暂不支持人脸识别，请选择其他验证方式' } } });
    expect(received.length + fake.problems.length).toBe(before);
  });

  it('writes neither the clip nor the person into the audit log or the logs', async () => {
    const auditDump = JSON.stringify(await t.platform.audit.recent(1000));
    const logs = logLines.join('');
    expect(logs).toContain('/app/api/login/face'); // the logs were captured
    const clipBase64 = CLIP.toString('base64');
    for (const dump of [auditDump, logs]) {
      expect(dump).not.toContain('data:video');
      expect(dump).not.toContain(clipBase64.slice(0, 24));
      expect(dump).not.toContain(clipBase64.slice(-24));
      expect(dump).not.toContain('CLIP-MARKER');
      expect(dump).not.toContain('赵小红');
      expect(dump).not.toContain(UNREACHABLE_NAME);
    }
  });
});
