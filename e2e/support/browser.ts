// Debian's Chromium driven by playwright-core, plus the helpers every flow
// needs: solve the graphic captcha through the demo hook, read an SMS code
// from the dev outbox, save a named screenshot.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const SCREENSHOT_DIR = fileURLToPath(new URL('../screenshots/', import.meta.url));

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Without a CJK font every screenshot shows boxes instead of Chinese while the
 * tests still pass: refuse to run, saying what to install.
 */
function ensureCjkFont(): void {
  let families = '';
  try {
    families = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  } catch {
    // No fontconfig at all: no font Chromium could use either.
  }
  if (families.trim() === '') {
    throw new Error('No CJK font: screenshots would show boxes instead of Chinese. Install one, e.g. `apt-get install -y fonts-wqy-zenhei` (or fonts-noto-cjk).');
  }
}

/** Debian's headless Chromium with the flags every flow uses, plus `extraArgs` (e.g. a fake camera). */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  ensureCjkFont();
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

export async function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

/** A fresh browser profile (cookies, storage) at a PC viewport, Chinese locale. */
export async function newDesktopContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} → ${response.status}`);
  return (await response.json()) as T;
}

/** The answer of a captcha challenge, through the demo hook `GET /dev/captcha/:id`. */
export async function captchaAnswer(platformUrl: string, captchaId: string): Promise<string> {
  const { answer } = await getJson<{ answer: string }>(`${platformUrl}/dev/captcha/${encodeURIComponent(captchaId)}`);
  return answer;
}

/** The id of the captcha image currently shown in `scope` (waits until one is loaded). */
export async function currentCaptchaId(scope: Page | Locator): Promise<string> {
  const image = scope.locator('img[data-captcha-id]');
  await image.waitFor({ state: 'visible' });
  const id = await image.getAttribute('data-captcha-id');
  if (!id) throw new Error('captcha image without data-captcha-id');
  return id;
}

/**
 * Types the answer of the captcha shown on the page into its input. Returns
 * the challenge id it solved, so a caller can wait for the next one.
 */
export async function solveCaptcha(page: Page, platformUrl: string, input: Locator): Promise<string> {
  const id = await currentCaptchaId(page);
  await input.fill(await captchaAnswer(platformUrl, id));
  return id;
}

/** Waits until the captcha image shows a challenge other than `previousId`; returns the new id. */
export async function waitForNewCaptcha(page: Page, previousId: string): Promise<string> {
  const fresh = page.locator(`img[data-captcha-id]:not([data-captcha-id="${previousId}"])`);
  await fresh.waitFor({ state: 'visible' });
  return (await fresh.getAttribute('data-captcha-id'))!;
}

/** One message of the dev outbox (`GET /dev/sms`). */
export interface SmsMessage {
  to: string;
  text: string;
  /** The verification code; null for notices (e.g. 密码已重置). */
  code: string | null;
  /** The template, e.g. `reset_password` or `notice_password_reset`. */
  template: string;
  at: string;
}

/** Every message in the dev outbox, newest first. */
export async function devOutbox(platformUrl: string): Promise<SmsMessage[]> {
  return getJson<SmsMessage[]>(`${platformUrl}/dev/sms`);
}

/** The newest SMS code sent to `phone` (notices, which carry none, are skipped). */
export async function latestSmsCode(platformUrl: string, phone: string): Promise<string> {
  const message = (await devOutbox(platformUrl)).find((m) => m.to === phone && m.code !== null);
  if (!message?.code) throw new Error(`no SMS code to ${phone} in the dev outbox`);
  return message.code;
}

/** Waits until `locator` is visible and returns its trimmed text (no fixed sleeps). */
export async function visibleText(locator: Locator): Promise<string> {
  await locator.waitFor({ state: 'visible' });
  return ((await locator.textContent()) ?? '').trim();
}

/** Saves `e2e/screenshots/<name>.png` (the folder is gitignored). */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}${name}.png`;
  await page.screenshot({ path, fullPage: options.fullPage ?? true, animations: 'disabled' });
  return path;
}

/** The URLs the page's main frame navigates to while `action` runs (redirects the page passes through included). */
export async function mainFrameUrlsDuring(page: Page, action: () => Promise<void>): Promise<string[]> {
  const visited: string[] = [];
  const track = (frame: { url(): string }) => {
    if (frame === page.mainFrame()) visited.push(frame.url());
  };
  page.on('framenavigated', track);
  try {
    await action();
  } finally {
    page.off('framenavigated', track);
  }
  return visited;
}
