import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { clientAddress } from '../client-address.ts';
import type { SessionActivity } from '../../services/platform-sessions/session-lifetime.ts';

/**
 * A platform session past its idle or absolute lifetime (by the service
 * clock, services/platform-sessions/session-lifetime.ts) meets the login page
 * again instead of serving the request; any other logged-in session's request
 * counts as its use. oidc-provider's own expiry (ttl.Session in provider.ts)
 * removes the stored session at the same moments, on the system clock.
 */
export async function sessionLifetimeOver(ctx: KoaContextWithOIDC, activity: SessionActivity): Promise<boolean> {
  const session = ctx.oidc.session;
  const loginTs = session?.authTime();
  if (!session?.accountId || loginTs === undefined) return false;
  const ip = clientAddress(ctx.req) ?? ctx.ip;
  return !(await activity.admit(session.uid, loginTs, { ip, userAgent: ctx.get('user-agent') || undefined }));
}

export const sessionLifetimeCheck = (activity: SessionActivity) =>
  new interactionPolicy.Check('session_lifetime', 'the session passed its idle or absolute lifetime', async (ctx) =>
    (await sessionLifetimeOver(ctx, activity)) ? interactionPolicy.Check.REQUEST_PROMPT : interactionPolicy.Check.NO_NEED_TO_PROMPT,
  );
