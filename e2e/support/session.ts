// The setup most browser test files share: the servers and one Chromium for
// the file, a desktop profile with one page when the file wants one, and the
// teardown in reverse order.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchPhoneBrowser } from './app.ts';
import { launchBrowser, newDesktopContext } from './browser.ts';
import { startServers, type ServerOptions, type Servers } from './servers.ts';

/** Starts the servers and launches the browser (the servers are stopped again if the launch fails). */
export async function startServersAndBrowser(): Promise<{ servers: Servers; browser: Browser }> {
  const servers = await startServers();
  try {
    return { servers, browser: await launchBrowser() };
  } catch (error) {
    await servers.stop();
    throw error;
  }
}

/**
 * The servers and one Chromium for the calling test file: started before its tests (the fields are
 * set once its first beforeAll ran), stopped after them — after the file's own afterAll hooks
 * (Vitest runs those in reverse order), which close what they opened in the browser.
 */
export function useServersAndBrowser(): { servers: Servers; browser: Browser } {
  const opened = {} as { servers: Servers; browser: Browser };
  beforeAll(async () => {
    Object.assign(opened, await startServersAndBrowser());
  });
  afterAll(() => closeAll(opened));
  return opened;
}

/** What `usePcAndPhone` started for a describe block. */
export interface PcAndPhone {
  servers: Servers;
  /** Chromium at a PC's size (for the platform's login page, edu-portal, the user center). */
  pcBrowser: Browser;
  /** Chromium with a fake camera (the phone app). */
  phoneBrowser: Browser;
  /** Closes `opened` (a profile, an extra browser) after the block's tests, before the rest; returns it. */
  keep<T extends BrowserContext | Browser>(opened: T): T;
}

/**
 * For a describe block that drives the PC and the phone app together: the servers (with `options`),
 * a PC and a phone Chromium, started before its tests (the fields are set once its first beforeAll
 * ran) and stopped after them, together with what the tests gave to `keep`.
 */
export function usePcAndPhone(options: ServerOptions = {}): PcAndPhone {
  const kept: (BrowserContext | Browser)[] = [];
  const setup = {
    keep(opened) {
      kept.push(opened);
      return opened;
    },
  } as PcAndPhone;
  beforeAll(async () => {
    setup.servers = await startServers(options);
    setup.pcBrowser = await launchBrowser();
    setup.phoneBrowser = await launchPhoneBrowser();
  });
  afterAll(async () => {
    // Any of them may be missing when beforeAll failed part-way.
    const { servers, pcBrowser, phoneBrowser } = setup as Partial<PcAndPhone>;
    for (const opened of kept) await opened.close().catch(() => undefined);
    await phoneBrowser?.close();
    await pcBrowser?.close();
    await servers?.stop();
  });
  return setup;
}

/** A fresh desktop profile and its first page. */
export async function openDesktopPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newDesktopContext(browser);
  return { context, page: await context.newPage() };
}

/** Closes what was opened (any of it may be missing when setup failed part-way): profile, browser, servers. */
export async function closeAll(opened: { context?: BrowserContext; browser?: Browser; servers?: Servers }): Promise<void> {
  await opened.context?.close();
  await opened.browser?.close();
  await opened.servers?.stop();
}
