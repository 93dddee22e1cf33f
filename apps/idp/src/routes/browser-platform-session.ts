import type { FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';

/** The logged-in platform session of this browser. */
export interface BrowserPlatformSession {
  uid: string;
  accountId: string;
  /** Epoch seconds of its login. */
  loginTs: number;
}

/**
 * The platform (oidc-provider) session behind this browser's session cookie,
 * read as oidc-provider reads it (signed cookie, stored Session), without
 * writing anything; null when the browser has none or it is not logged in.
 */
export async function browserPlatformSession(provider: Provider, request: FastifyRequest, reply: FastifyReply): Promise<BrowserPlatformSession | null> {
  // Session.get takes a Koa context; outside oidc-provider's routes it builds its own from req/res (cookies only).
  const session = await provider.Session.get({ req: request.raw, res: reply.raw, secure: request.protocol === 'https' } as never);
  const loginTs = session.authTime();
  if (!session.accountId || loginTs === undefined) return null;
  return { uid: session.uid, accountId: session.accountId, loginTs };
}
