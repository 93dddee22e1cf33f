import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as oidcClient from 'openid-client';
import { CONSOLE_CLIENT_ID, CONSOLE_LOGIN_PATHS, CONSOLE_PATHS, emptyRequest, redirectResponse } from '@uia/schemas';
import { renderPage } from '../oidc/html-pages.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { ConsoleRoles } from '../services/console/console-roles.ts';
import type { ConsoleSessions } from '../services/console/console-sessions.ts';
import { provesTwoFactors } from '../services/password-login/sms-second-factor.ts';
import { closeConsoleSession, openConsoleSession } from './console/console-session-cookie.ts';
import { ownRelyingParty } from './own-relying-party.ts';
import { requestContext } from './request-context.ts';
import { withContractSchemas } from './zod-route-schemas.ts';
import { AUDIT_EVENT_TYPES } from '../services/audit-event-types.ts';

const STATE_COOKIE = 'uia_console_login';

/**
 * The operator console is a relying party of its own platform, like the
 * user center: /console/login/start begins a code flow for the built-in
 * client `uia-console` (which requires two login factors), /console/callback
 * opens the console session — only for a person holding a console role —
 * and 退出 ends it and the platform session.
 */
export async function consoleLoginRoutes(
  plugin: FastifyInstance,
  options: {
    issuer: string;
    publicUrl: string;
    secure: boolean;
    platformName: string;
    demo: boolean;
    sessions: ConsoleSessions;
    roles: ConsoleRoles;
    audit: AuditLog;
  },
) {
  const app = withContractSchemas(plugin);
  const consolePage = `${options.publicUrl}${CONSOLE_PATHS.page}`;
  const relyingParty = ownRelyingParty({
    issuer: options.issuer,
    publicUrl: options.publicUrl,
    clientId: CONSOLE_CLIENT_ID,
    secure: options.secure,
    callbackPath: CONSOLE_LOGIN_PATHS.callback,
    stateCookie: STATE_COOKIE,
  });
  const page = (request: FastifyRequest, title: string, body: string) => renderPage({ title, body, platformName: options.platformName, demo: options.demo, cookieHeader: request.headers.cookie });
  const again = `<p><a href="${CONSOLE_LOGIN_PATHS.start}">重新登录管理控制台</a></p>`;

  app.get(CONSOLE_LOGIN_PATHS.start, async (_request, reply) => relyingParty.start(reply, { scope: 'openid profile', prompt: 'login' }));

  app.get(CONSOLE_LOGIN_PATHS.callback, async (request, reply) => {
    const pending = relyingParty.takePending(request, reply);
    reply.type('text/html; charset=utf-8');
    if (!pending) {
      return reply.status(400).send(page(request, '登录已失效', `<p>管理控制台的登录请求已失效。</p>${again}`));
    }
    let tokens: Awaited<ReturnType<typeof relyingParty.finish>>;
    try {
      tokens = await relyingParty.finish(request, pending);
    } catch {
      return reply.status(400).send(page(request, '登录未完成', `<p>登录未完成或已取消。</p>${again}`));
    }
    const claims = tokens.claims()!;
    const accountId = claims.sub;
    // The client's setting makes the login page ask for two factors; the console checks it got them.
    if (!provesTwoFactors(Array.isArray(claims.amr) ? claims.amr.map(String) : [])) {
      return reply.status(403).send(page(request, '需要两种方式登录', '<p>管理控制台要求两种方式登录：密码加短信验证码，或扫码登录。</p>' + again));
    }
    const role = await options.roles.roleOf(accountId);
    await options.audit.append({
      type: AUDIT_EVENT_TYPES.consoleLogin,
      outcome: role ? 'success' : 'failure',
      accountId,
      ...requestContext(request),
      ...(role ? { actor: { accountId, role } } : { detail: { reason: 'CONSOLE_ROLE_REQUIRED' } }),
    });
    if (!role) {
      return reply
        .status(403)
        .send(
          page(
            request,
            '无权使用管理控制台',
            '<p>您的账号未被授予管理角色（系统管理员、安全管理员或审计管理员），不能使用管理控制台。</p><p>如需使用，请联系安全管理员。</p><p><a href="/">返回首页</a></p>',
          ),
        );
    }
    await openConsoleSession(request, reply, options.sessions, { accountId, idToken: tokens.id_token! }, options.secure);
    return reply.redirect(CONSOLE_PATHS.page, 303);
  });

  // 退出: ends the console session, then the platform's (RP-initiated logout), back to the console (which asks to log in).
  app.post(CONSOLE_LOGIN_PATHS.logout, { schema: { body: emptyRequest, response: { 200: redirectResponse } } }, async (request, reply) => {
    const session = await closeConsoleSession(request, reply, options.sessions, options.secure);
    const logout = oidcClient.buildEndSessionUrl(await relyingParty.configuration(), {
      ...(session ? { id_token_hint: session.idToken } : {}),
      post_logout_redirect_uri: consolePage,
    });
    return reply.header('cache-control', 'no-store').send({ redirectTo: logout.href });
  });
}
