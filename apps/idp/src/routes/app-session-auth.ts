import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { APP_SESSION_COOKIE, type AppSessionAuthenticator, type AppSessionValidityDays, type AppSessionView } from '../services/app-sessions/app-session.ts';

/** The live app session behind the `uia_app` cookie, or 401 APP_LOGIN_REQUIRED. */
export async function requireAppSession(request: FastifyRequest, sessions: AppSessionAuthenticator): Promise<AppSessionView> {
  const token = request.cookies[APP_SESSION_COOKIE];
  const session = token ? await sessions.authenticate(token) : null;
  if (!session) throw new AppError('APP_LOGIN_REQUIRED');
  return session;
}

/** The app's cookie: only the app's paths see it, it lives exactly as long as the session. */
export function setAppSessionCookie(reply: FastifyReply, token: string, validityDays: AppSessionValidityDays, secure: boolean) {
  reply.setCookie(APP_SESSION_COOKIE, token, { path: '/app', httpOnly: true, sameSite: 'lax', secure, maxAge: validityDays * 24 * 3600 });
}

export function clearAppSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(APP_SESSION_COOKIE, { path: '/app', httpOnly: true, sameSite: 'lax', secure });
}
