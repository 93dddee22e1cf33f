import { CONSOLE_LOGIN_PATHS } from '@uia/schemas';
import type { Browser } from './harness.ts';
import { loginThroughOwnClient } from './user-center-helpers.ts';

/** The console's own code flow (/console/login/start → login page → /console/callback); returns the callback's answer unchecked. */
export async function consoleLogin(browser: Browser, identifier: string, password: string) {
  return loginThroughOwnClient(browser, CONSOLE_LOGIN_PATHS, identifier, password);
}

/** Logs an administrator in to the console, or the test fails. */
export async function loggedInConsole(browser: Browser, identifier: string, password: string) {
  const response = await consoleLogin(browser, identifier, password);
  if (response.status !== 303 || response.headers.get('location') !== '/console/') throw new Error(`console callback failed: ${response.status}`);
  return browser;
}
