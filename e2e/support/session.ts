// The setup most browser test files share: the servers and one Chromium for
// the file, a desktop profile with one page when the file wants one, and the
// teardown in reverse order.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newDesktopContext } from './browser.ts';
import { startServers, type Servers } from './servers.ts';

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
