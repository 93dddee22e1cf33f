/**
 * A phone's browser: the QR on its screen cannot be scanned by the same phone,
 * so the login page opens on 账号登录 and the QR panel offers 在手机App中打开.
 *
 * Decided by what the device is, not by its user agent: the primary pointer
 * is a finger (coarse, no hover) and the screen's shorter side is phone-sized
 * (under 600 CSS px, the usual phone/tablet line; the screen, not the window,
 * so a phone turned sideways is still a phone). A narrow desktop window, a
 * touch laptop (its primary pointer is fine) and a tablet keep the QR.
 */
export function isPhoneBrowser(env: Pick<Window, 'matchMedia' | 'screen'> = window): boolean {
  const finger = env.matchMedia('(pointer: coarse) and (hover: none)').matches;
  return finger && Math.min(env.screen.width, env.screen.height) < PHONE_SHORT_SIDE;
}

const PHONE_SHORT_SIDE = 600;
