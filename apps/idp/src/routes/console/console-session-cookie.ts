import type { FastifyReply, FastifyRequest } from 'fastify';
import { CONSOLE_SESSION_ABSOLUTE_MS, type ConsoleSession, type ConsoleSessions } from '../../services/console/console-sessions.ts';

const CONSOLE_COOKIE = 'uia_console';
// Strict: the console's API is only ever called by its own page.
const cookieOptions = (secure: boolean) => ({ path: '/', httpOnly: true, sameSite: 'strict' as const, secure });

export async function openConsoleSession(request: FastifyRequest, reply: FastifyReply, sessions: ConsoleSessions, session: Pick<ConsoleSession, 'accountId' | 'idToken'>, secure: boolean) {
  // A login replaces whatever console session this browser had (no fixation, no orphan in the store).
  const previous = request.cookies[CONSOLE_COOKIE];
  if (previous) await sessions.close(previous);
  const { token } = await sessions.open(session);
  // The cookie may live as long as the session could; the server ends it sooner when idle.
  reply.setCookie(CONSOLE_COOKIE, token, { ...cookieOptions(secure), maxAge: CONSOLE_SESSION_ABSOLUTE_MS / 1000 });
}

/** The live console session behind the cookie (renewed by this use), or null. */
export async function useConsoleSession(request: FastifyRequest, sessions: ConsoleSessions): Promise<ConsoleSession | null> {
  const token = request.cookies[CONSOLE_COOKIE];
  return token ? sessions.use(token) : null;
}

/** Ends the console session; returns it when it was still live (its ID token ends the platform session too). */
export async function closeConsoleSession(request: FastifyRequest, reply: FastifyReply, sessions: ConsoleSessions, secure: boolean): Promise<ConsoleSession | null> {
  const token = request.cookies[CONSOLE_COOKIE];
  const session = token ? await sessions.peek(token) : null;
  if (token) await sessions.close(token);
  reply.clearCookie(CONSOLE_COOKIE, cookieOptions(secure));
  return session;
}
