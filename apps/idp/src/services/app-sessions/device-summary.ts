import Bowser from 'bowser';

const UNKNOWN = '未知设备';

/**
 * What 我的 shows for a session: "iPhone · Safari", "Android · Chrome",
 * "Windows · Edge". Read from the User-Agent of the login request, so it
 * is a hint, not a fact.
 */
export function describeDevice(userAgent: string | undefined): string {
  if (!userAgent) return UNKNOWN;
  const parsed = Bowser.parse(userAgent);
  const device = parsed.platform.model || parsed.os.name;
  const browser = parsed.browser.name;
  const summary = [device, browser].filter(Boolean).join(' · ');
  // Names come out of the User-Agent: printable characters only, and short.
  return summary.replace(/[^\p{L}\p{N} ._·()-]/gu, '').slice(0, 60) || UNKNOWN;
}
