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

/** Who asks for the login, captured when the QR is made: browser and OS (User-Agent), address and approximate place. */
export async function describeRequester(locator: IpLocator, context: { ip: string; userAgent?: string }): Promise<QrRequester> {
  const parsed = parse(context.userAgent);
  const browser = parsed?.browser;
  const os = parsed?.os;
  return {
    browser: describe(browser?.name, browser?.version?.split('.')[0], UNKNOWN_BROWSER),
    os: describe(os?.name, os?.name === 'Windows' ? os.versionName : os?.version, UNKNOWN_OS),
    ip: context.ip,
    place: await locator.locate(context.ip),
  };
}
