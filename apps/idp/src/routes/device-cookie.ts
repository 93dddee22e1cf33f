import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEVICE_COOKIE, deviceIdFrom } from '../services/password-login/trusted-devices.ts';

/**
 * The device cookie rides only on the login interaction's requests (password
 * and QR logins live under /interaction/<uid>), where the login throttle reads it.
 */
const DEVICE_COOKIE_PATH = '/interaction';

/** The browser's device id, or a fresh one that `keepDeviceCookie` hands out after a successful login. */
export function deviceIdOf(request: FastifyRequest): string {
  return deviceIdFrom(request.cookies[DEVICE_COOKIE.name]);
}

/** Sets (or renews for another year) the device cookie after a successful login. */
export function keepDeviceCookie(reply: FastifyReply, deviceId: string, secure: boolean) {
  reply.setCookie(DEVICE_COOKIE.name, deviceId, { path: DEVICE_COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure, maxAge: DEVICE_COOKIE.maxAgeSeconds });
}
