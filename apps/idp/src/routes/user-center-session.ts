import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { UserCenterSession, UserCenterSessions } from '../services/user-center/user-center-sessions.ts';
import { requestContext } from './request-context.ts';

const USER_CENTER_COOKIE = 'uia_account';
// Strict: the user center's API is only ever called by its own page.
const cookieOptions = (secure: boolean) => ({ path: '/', httpOnly: true, sameSite: 'strict' as const, secure });

/** Opens the user center's session after the portal's own login. */
export async function openUserCenterSession(
  request: FastifyRequest,
  reply: FastifyReply,
  sessions: UserCenterSessions,
  session: Omit<UserCenterSession, 'openedAt' | 'expiresAt'>,
  notAfter: number,
  secure: boolean,
) {
  // A login replaces whatever session this browser had (no fixation, no orphan in the store).
  const previous = request.cookies[USER_CENTER_COOKIE];
  if (previous) await sessions.close(previous);
  const { token, seconds } = await sessions.open(session, notAfter);
  reply.setCookie(USER_CENTER_COOKIE, token, { ...cookieOptions(secure), maxAge: seconds });
}

/** The live user-center session behind the cookie, or null. */
export async function currentUserCenterSession(request: FastifyRequest, sessions: UserCenterSessions): Promise<UserCenterSession | null> {
  const token = request.cookies[USER_CENTER_COOKIE];
  return token ? sessions.find(token) : null;
}

/** The live user-center session behind the cookie, or 401 ACCOUNT_LOGIN_REQUIRED. */
export async function requireUserCenterSession(request: FastifyRequest, sessions: UserCenterSessions): Promise<UserCenterSession> {
  const session = await currentUserCenterSession(request, sessions);
  if (!session) throw new AppError('ACCOUNT_LOGIN_REQUIRED');
  return session;
}

/** 退出登录: ends the user center's session of this browser; returns it (null when it had ended already). */
export async function logOutOfUserCenter(request: FastifyRequest, reply: FastifyReply, sessions: UserCenterSessions, secure: boolean): Promise<UserCenterSession | null> {
  const session = await sessions.logOut(request.cookies[USER_CENTER_COOKIE], requestContext(request));
  reply.clearCookie(USER_CENTER_COOKIE, cookieOptions(secure));
  return session;
}
