import type { RateLimit } from '../rate-limit/rate-limiter.ts';

export const QR_LOGIN_POLICY = {
  /** A QR can be scanned and confirmed for this long (DESIGN.md §2.1: 二维码已失效 after 180 s). */
  qrSeconds: 180,
  /** After 确认登录, the browser that shows the QR has this long to complete the login. */
  completeSeconds: 60,
  /**
   * How long a record stays in the store after its QR was made, so a late
   * scan still learns "used" rather than "expired". Past it, any QR reads as
   * expired. Longer than the login interaction (15 min) it belongs to.
   */
  retentionSeconds: 20 * 60,
  /**
   * For `prompt=login` (a fresh login demanded, no `max_age`): the app login
   * confirming the QR must be at most this old, or the phone must log in
   * again (QR_REAUTH_REQUIRED).
   */
  promptLoginFreshSeconds: 5 * 60,
  /**
   * Status streams (SSE) open at once, counted in memory by each node (a
   * stream holds a socket, a subscription and timers of the node serving
   * it): per login interaction (a page and a reload overlapping) and per
   * client address. Beyond either: RATE_LIMITED.
   */
  streamsPerInteraction: 2,
  streamsPerIp: 20,
  /** New QR codes (刷新) per client address. */
  createPerIp: { name: 'qr:create:ip', limit: 30, windowSeconds: 60 } satisfies RateLimit,
} as const;
