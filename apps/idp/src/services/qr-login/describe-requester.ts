import Bowser from 'bowser';
import type { IpLocator } from '../../ports/ip-locator.ts';
import type { QrRequester } from './qr-login-record.ts';

const UNKNOWN_BROWSER = '未知浏览器';
const UNKNOWN_OS = '未知操作系统';

function parse(userAgent: string | undefined) {
  if (!userAgent) return null;
  try {
    return Bowser.parse(userAgent);
  } catch {
    return null;
  }
}

/** "Microsoft Edge 126", "Windows 10", "macOS 10.15.7"; a placeholder for what the User-Agent does not tell. */
function describe(name: string | undefined, version: string | undefined, fallback: string) {
  if (!name) return fallback;
  return version ? `${name} ${version}` : name;
}

/** Browser and OS (from the User-Agent) and approximate place (from the address): what a person recognises a login by. */
export interface BrowserDescription {
  browser: string;
  os: string;
  place: string;
}

export async function describeBrowser(locator: IpLocator, context: { ip: string; userAgent?: string | undefined }): Promise<BrowserDescription> {
  const parsed = parse(context.userAgent);
  const browser = parsed?.browser;
  const os = parsed?.os;
  return {
    browser: describe(browser?.name, browser?.version?.split('.')[0], UNKNOWN_BROWSER),
    os: describe(os?.name, os?.name === 'Windows' ? os.versionName : os?.version, UNKNOWN_OS),
    place: await locator.locate(context.ip),
  };
}

/** Who asks for the login, captured when the QR is made: the browser's description and its address. */
export async function describeRequester(locator: IpLocator, context: { ip: string; userAgent?: string }): Promise<QrRequester> {
  return { ...(await describeBrowser(locator, context)), ip: context.ip };
}
