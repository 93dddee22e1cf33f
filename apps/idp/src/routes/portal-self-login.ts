import type { FastifyInstance } from 'fastify';
import * as oidcClient from 'openid-client';
import { maskName } from '@uia/validators';
import { escapeHtml, renderPage } from '../oidc/html-pages.ts';

export const PORTAL_CLIENT_ID = 'uia-portal';
const STATE_COOKIE = 'uia_portal_login';
const LEVEL_LABELS: Record<string, string> = { L1: 'L1 注册用户', L2: 'L2 实名用户', L3: 'L3 实人认证', L4: 'L4 现场核验' };

/**
 * The portal opened directly at `/` has no login request behind it, so it
 * becomes a relying party of its own platform (like Keycloak's account
 * console): /login/start begins a code flow for the built-in public client
 * `uia-portal`, and /account/callback shows who is now logged in.
 */
export async function portalSelfLoginRoutes(
  app: FastifyInstance,
  options: { issuer: string; publicUrl: string; secure: boolean; platformName: string; demo: boolean },
) {
  const redirectUri = `${options.publicUrl}/account/callback`;
  let discovered: Promise<oidcClient.Configuration> | null = null;
  const configuration = () => {
    discovered ??= oidcClient
      .discovery(new URL(options.issuer), PORTAL_CLIENT_ID, undefined, oidcClient.None(), options.secure ? {} : { execute: [oidcClient.allowInsecureRequests] })
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      });
    return discovered;
  };
  const page = (title: string, body: string) => renderPage({ title, body, platformName: options.platformName, demo: options.demo });

  app.get('/login/start', async (_request, reply) => {
    const config = await configuration();
    const verifier = oidcClient.randomPKCECodeVerifier();
    const state = oidcClient.randomState();
    reply.setCookie(STATE_COOKIE, JSON.stringify({ verifier, state }), {
      path: '/account/callback',
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secure,
      signed: true,
      maxAge: 600,
    });
    const url = oidcClient.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile',
      code_challenge: await oidcClient.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    return reply.redirect(url.href, 303);
  });

  app.get('/account/callback', async (request, reply) => {
    const raw = request.cookies[STATE_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : null;
    reply.clearCookie(STATE_COOKIE, { path: '/account/callback' });
    reply.type('text/html; charset=utf-8');
    if (!unsigned?.valid || !unsigned.value) {
      return reply.status(400).send(page('登录已失效', '<p>登录请求已失效，请重新登录。</p><p><a href="/">返回登录页</a></p>'));
    }
    try {
      const { verifier, state } = JSON.parse(unsigned.value) as { verifier: string; state: string };
      const config = await configuration();
      const tokens = await oidcClient.authorizationCodeGrant(config, new URL(request.url, options.publicUrl), { pkceCodeVerifier: verifier, expectedState: state });
      const claims = tokens.claims()!;
      const userinfo = await oidcClient.fetchUserInfo(config, tokens.access_token, claims.sub);
      const logout = oidcClient.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: `${options.publicUrl}/` });
      return reply.send(
        page(
          '您已登录',
          `<p>欢迎，${escapeHtml(maskName(String(userinfo.name ?? '')))}。您已登录统一身份认证平台，访问接入本平台的业务系统时无需再次登录。</p>
<p class="muted">认证等级：${escapeHtml(LEVEL_LABELS[String(claims.acr)] ?? claims.acr ?? '')}</p>
<div class="actions"><a class="button primary" href="${escapeHtml(logout.href)}">退出登录</a></div>`,
        ),
      );
    } catch {
      return reply.status(400).send(page('登录未完成', '<p>登录未完成或已取消，请重新登录。</p><p><a href="/">返回登录页</a></p>'));
    }
  });
}
