import { CONSOLE_LOGIN_PATHS } from '@uia/schemas';
import { Browser, type TestPlatform } from './harness.ts';
import { loginThroughOwnClient } from './user-center-helpers.ts';

/** Who logs in to the console: account name, password and the bound phone the SMS code goes to. */
export interface ConsoleLoginPerson {
  username: string;
  password: string;
  phone: string;
}

/**
 * The console's own code flow (/console/login/start → password → SMS code from
 * the demo outbox → /console/callback); returns the callback's answer unchecked.
 */
export async function consoleLogin(browser: Browser, person: ConsoleLoginPerson) {
  return loginThroughOwnClient(browser, CONSOLE_LOGIN_PATHS, person.username, person.password, async (uid, answer) => {
    if (answer.status !== 200 || answer.body.secondFactor !== 'sms') throw new Error(`expected the SMS step: ${answer.status} ${JSON.stringify(answer.body)}`);
    const { status, body } = await browser.json(`/interaction/${uid}/second-factor`, { json: { smsCode: await browser.latestSmsCode(person.phone) } });
    if (status !== 200) throw new Error(`SMS step failed: ${JSON.stringify(body)}`);
    return body.redirectTo as string;
  });
}

/**
 * Logs an administrator in to the console in a new browser, or the test fails. The platform's
 * clock first moves past the SMS resend interval, so the same person can log in again at once.
 */
export async function loggedInConsole(t: Pick<TestPlatform, 'baseUrl' | 'clock'>, person: ConsoleLoginPerson) {
  t.clock.advance(61_000);
  const browser = new Browser(t.baseUrl);
  const response = await consoleLogin(browser, person);
  if (response.status !== 303 || response.headers.get('location') !== '/console/') throw new Error(`console callback failed: ${response.status}`);
  return browser;
}
