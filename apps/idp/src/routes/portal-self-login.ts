import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidcClient from 'openid-client';
import { accountLogoutResponse, emptyRequest, PORTAL_CLIENT_ID, PORTAL_LOGIN_PATHS, USER_CENTER_PATHS } from '@uia/schemas';
import { renderPage } from '../oidc/html-pages.ts';
import { parseAccountId } from '../services/entities/acting-principal.ts';
import type { UserCenterSessions } from '../services/user-center/user-center-sessions.ts';
import type { BrowserPlatformSession } from './browser-platform-session.ts';
import { logOutOfUserCenter, openUserCenterSession } from './user-center-session.ts';
import { ownRelyingParty } from './own-relying-party.ts';
import { withContractSchemas } from './zod-route-schemas.ts';

const STATE_COOKIE = 'uia_portal_login';

/**
 * The portal opened directly at `/` has no login request behind it, so it
 * becomes a relying party of its own platform (like Keycloak's account
 * console): /login/start begins a code flow for the built-in public client
 * `uia-portal`, /account/callback opens the user center's session and goes
 * to the user center (/account), whose 退出登录 also ends the platform session.
 */
export async function portalSelfLoginRoutes(
  app: FastifyInstance,
  options: {
    issuer: string;
    publicUrl: string;
    secure: boolean;
    platformName: string;
    demo: boolean;
    sessions: UserCenterSessions;
    /** The platform session behind this browser's oidc-provider cookie (routes/browser-platform-session.ts). */
    platformSession: (request: FastifyRequest, reply: FastifyReply) => Promise<BrowserPlatformSession | null>;
    /** When a platform session logged in at `loginTs` (epoch s) ends at the latest (epoch ms). */
    platformSessionEndsAt: (loginTs: number) => number;
  },
) {
  const relyingParty = ownRelyingParty({
    issuer: options.issuer,
    publicUrl: options.publicUrl,
    clientId: PORTAL_CLIENT_ID,
    secure: options.secure,
    callbackPath: PORTAL_LOGIN_PATHS.callback,
    stateCookie: STATE_COOKIE,
  });
  const page = (request: FastifyRequest, title: string, body: string) => renderPage({ title, body, platformName: options.platformName, demo: options.demo, cookieHeader: request.headers.cookie });

  app.get(PORTAL_LOGIN_PATHS.start, async (_request, reply) => relyingParty.start(reply, { scope: 'openid profile entity' }));

  app.get(PORTAL_LOGIN_PATHS.callback, async (request, reply) => {
    const pending = relyingParty.takePending(request, reply);
    reply.type('text/html; charset=utf-8');
    if (!pending) {
      return reply.status(400).send(page(request, '登录已失效', '<p>登录请求已失效，请重新登录。</p><p><a href="/">返回登录页</a></p>'));
    }
    try {
      const tokens = await relyingParty.finish(request, pending);
      const claims = tokens.claims()!;
      // A person logged in for an entity opens their own user center all the same (it lists their entities).
      const { personId } = parseAccountId(claims.sub);
      // The user center ends with the platform session's absolute lifetime at the latest (the login just made it).
      const platform = await options.platformSession(request, reply);
      const own = platform?.accountId === claims.sub ? platform : null;
      await openUserCenterSession(
        request,
        reply,
        options.sessions,
        { personId, idToken: tokens.id_token!, platformSessionUid: own?.uid ?? null },
        options.platformSessionEndsAt(own?.loginTs ?? claims.iat),
        options.secure,
      );
      return reply.redirect('/account', 303);
    } catch {
      return reply.status(400).send(page(request, '登录未完成', '<p>登录未完成或已取消，请重新登录。</p><p><a href="/">返回登录页</a></p>'));
    }
  });

  // 退出登录 in the user center: ends its session, then the platform's (RP-initiated logout). With
  // the user-center session gone already (expired), still to end_session, without the hint: the
  // platform then asks whether to log out, and the button never just logs the person back in.
  withContractSchemas(app).post(USER_CENTER_PATHS.logout, { schema: { body: emptyRequest, response: { 200: accountLogoutResponse } } }, async (request, reply) => {
    const session = await logOutOfUserCenter(request, reply, options.sessions, options.secure);
    const logout = oidcClient.buildEndSessionUrl(await relyingParty.configuration(), {
      ...(session ? { id_token_hint: session.idToken } : {}),
      post_logout_redirect_uri: `${options.publicUrl}/`,
    });
    return reply.header('cache-control', 'no-store').send({ redirectTo: logout.href });
  });
}
