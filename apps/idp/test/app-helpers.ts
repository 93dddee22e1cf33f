import { Browser, randomResidentId } from './harness.ts';
import { liveFrames } from './support/face-frames.ts';

export const IPHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
export const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 13; HUAWEI P60) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';

export function appPerson() {
  return { idType: 'resident_id', name: '赵小红', idNumber: randomResidentId() };
}

export type AppPerson = ReturnType<typeof appPerson>;

/** POST /app/api/face/challenge: a fresh one-time liveness challenge (what the app does before the camera step). */
export async function faceChallenge(browser: Browser): Promise<{ challengeId: string; actions: string[]; expiresIn: number }> {
  const issued = await browser.json('/app/api/face/challenge', { json: {} });
  if (issued.status !== 200) throw new Error(`face challenge failed: ${JSON.stringify(issued.body)}`);
  return issued.body;
}

/**
 * 开始人脸识别 with two frames of a moving face and a fresh challenge (unless
 * `overrides` names `challengeId`, even as undefined); the browser keeps the
 * `uia_app` cookie.
 */
export async function faceLogin(browser: Browser, person: AppPerson, overrides: Record<string, unknown> = {}, userAgent = IPHONE_UA) {
  const challengeId = 'challengeId' in overrides ? undefined : (await faceChallenge(browser)).challengeId;
  return browser.json('/app/api/login/face', {
    json: { ...person, validityDays: 7, faceConsent: true, challengeId, frames: liveFrames(), ...overrides },
    headers: { 'user-agent': userAgent },
  });
}

/** A phone browser logged in to the app by face, or the test fails. */
export async function loggedInApp(baseUrl: string, person: AppPerson, userAgent = IPHONE_UA) {
  const browser = new Browser(baseUrl);
  const login = await faceLogin(browser, person, {}, userAgent);
  if (login.status !== 200) throw new Error(`app login failed: ${JSON.stringify(login.body)}`);
  return { browser, session: login.body.session as { id: string; acr: string; amr: string[]; createdAt: string; expiresAt: string } };
}
