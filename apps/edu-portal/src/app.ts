// edu-portal: the example relying party of the platform. It logs users in by
// OpenID Connect (authorization code + PKCE S256) through openid-client v6.
import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import * as oidc from 'openid-client';
import { maskIdNumber, maskName, maskPhone } from '@uia/validators';
import type { EduConfig } from './config.ts';
import { isKeySetUnavailable, JtiReplayCache, LogoutTokenError, verifyLogoutToken } from './backchannel-logout.ts';
import { MemorySessionStore, type SessionIdentity } from './sessions.ts';
import { ENTITY_LOGIN_PATH, errorPage, homeAnonymousPage, homeUserPage, type PortalEntity, type PortalUser } from './views.ts';

/**
 * Every login asks for `entity` too: the platform then offers 个人登录 and 法人登录, and an entity
 * login carries the `entity` and `acting_person` claims (docs/api.md § 法人登录).
 */
export const SCOPE = 'openid profile phone id_card entity';
/** The extra authorization parameter of the 法人登录 button: entity login only. */
export const ENTITY_LOGIN_PARAMETERS = { login_type: 'entity' } as const;
export { ENTITY_LOGIN_PATH };
export const TX_COOKIE = 'edu_tx';
export const SESSION_COOKIE = 'edu_sid';
/** Where the platform POSTs Logout Tokens (registered as the client's backchannel_logout_uri). */
export const BACKCHANNEL_LOGOUT_PATH = '/backchannel-logout';
const TX_TTL_SECONDS = 10 * 60;
const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export interface EduPortalOptions {
  /** Fastify logger setting; off by default (tests), main.ts turns it on. */
  logger?: FastifyServerOptions['logger'];
  /** Timeout in seconds for every request to the platform (default 10). */
  platformTimeoutSeconds?: number;
}

/** The login transaction kept in the short-lived signed cookie between /login and /callback. */
interface LoginTransaction {
  state: string;
  nonce: string;
  verifier: string;
  /** Epoch ms; the cookie's Max-Age is not trusted alone. */
  exp: number;
  /** Started by 法人登录: the callback accepts only a login that carries an entity. */
  entity?: true;
}

/** The platform could not be reached (discovery, token or userinfo request failed at the network level). */
class PlatformUnavailableError extends Error {
  constructor(cause: unknown) {
    super('identity platform unavailable', { cause });
    this.name = 'PlatformUnavailableError';
  }
}

const UNAVAILABLE_MESSAGE = '统一身份认证平台暂时无法访问，请稍后重试。';

// Error codes of an authorization error response (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6) → what the user reads.
const AUTHORIZATION_ERROR_MESSAGES: Record<string, string> = {
  access_denied: '您已取消登录，或未同意向本站提供所需的身份信息。本站未获取您的任何个人信息。',
  login_required: '需要在统一身份认证平台重新登录，请再试一次。',
  interaction_required: '需要在统一身份认证平台完成确认，请再试一次。',
  consent_required: '需要您在统一身份认证平台同意授权后才能登录本站。',
  account_selection_required: '请在统一身份认证平台选择要登录的账号后再试一次。',
  unmet_authentication_requirements: '本次登录未达到本站要求的认证等级，请使用更高等级的方式（如人脸识别）重新登录。',
};

function isNetworkError(err: unknown): boolean {
  if (err instanceof PlatformUnavailableError) return true;
  // fetch() rejects with TypeError('fetch failed', { cause: ECONNREFUSED … }).
  if (err instanceof TypeError && err.message === 'fetch failed') return true;
  if (err instanceof oidc.ClientError && (err.code === 'OAUTH_TIMEOUT' || err.code === 'OAUTH_ABORT')) return true;
  // A 5xx from the token or userinfo endpoint (e.g. a proxy in front of a stopped platform).
  if (err instanceof oidc.ResponseBodyError && err.status >= 500) return true;
  if (err instanceof oidc.ClientError && err.cause instanceof Response && err.cause.status >= 500) return true;
  return false;
}

function safeMask(mask: (value: string) => string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    return mask(value);
  } catch {
    return '******';
  }
}

function encodeTx(tx: LoginTransaction): string {
  return Buffer.from(JSON.stringify(tx)).toString('base64url');
}

function decodeTx(raw: string): LoginTransaction | undefined {
  try {
    const tx = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<LoginTransaction>;
    if (typeof tx.state !== 'string' || typeof tx.nonce !== 'string' || typeof tx.verifier !== 'string' || typeof tx.exp !== 'number') {
      return undefined;
    }
    if (tx.entity !== undefined && tx.entity !== true) return undefined;
    return tx as LoginTransaction;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * The entity of a 法人登录 from a set of claims: `entity` { uscc, name } and `acting_person`
 * { sub, name, id_number, role } (docs/api.md § 法人登录 · OIDC). Undefined when there is no
 * usable `entity` claim. The person's name and ID number arrive masked; masking again is a
 * no-op for them and keeps an unmasked value off the page.
 */
function readEntity(claims: Record<string, unknown>, fallback: Record<string, unknown>): PortalEntity | undefined {
  const entity = claims.entity;
  if (!isObject(entity) || !nonEmpty(entity.uscc) || !nonEmpty(entity.name)) return undefined;
  const result: PortalEntity = { uscc: entity.uscc.trim(), name: entity.name.trim() };
  const acting = isObject(claims.acting_person) ? claims.acting_person : isObject(fallback.acting_person) ? fallback.acting_person : undefined;
  if (acting) {
    const actingPerson: NonNullable<PortalEntity['actingPerson']> = {};
    const maskedName = safeMask(maskName, acting.name);
    const maskedIdNumber = safeMask(maskIdNumber, acting.id_number);
    if (maskedName) actingPerson.maskedName = maskedName;
    if (maskedIdNumber) actingPerson.maskedIdNumber = maskedIdNumber;
    if (nonEmpty(acting.role)) actingPerson.role = acting.role;
    result.actingPerson = actingPerson;
  }
  return result;
}

// Request logs never carry query strings: on /callback they hold the authorization code and state.
function withSafeSerializers(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = typeof logger === 'object' ? logger : {};
  return {
    ...base,
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: req.url.split('?')[0], ip: req.ip }),
      ...('serializers' in base ? base.serializers : {}),
    },
  };
}

export function createEduPortal(config: EduConfig, options: EduPortalOptions = {}): FastifyInstance {
  const app = Fastify({ logger: withSafeSerializers(options.logger ?? false), trustProxy: false });
  const sessions = new MemorySessionStore(SESSION_TTL_MS);
  const css = readFileSync(new URL('./static/site.css', import.meta.url), 'utf8');
  const issuerOrigin = config.issuer.origin;
  const timeout = options.platformTimeoutSeconds ?? 10;

  // ---- OIDC client configuration: discovered lazily, retried after failure -------------------
  // The platform may start after the portal, so nothing is fetched at start. The first request
  // that needs the platform runs discovery; concurrent requests share it; a failure is not
  // cached, the next request tries again.
  let discovered: Promise<oidc.Configuration> | undefined;
  function platform(): Promise<oidc.Configuration> {
    if (!discovered) {
      const attempt = oidc
        .discovery(config.issuer, config.clientId, { client_secret: config.clientSecret }, oidc.ClientSecretBasic(config.clientSecret), {
          // openid-client v6 refuses plain-http issuers. loadConfig() sets allowInsecureIssuer
          // only for an http issuer on localhost/127.0.0.1/[::1] outside production mode (the
          // local demo); any other http issuer is rejected at start.
          execute: config.allowInsecureIssuer ? [oidc.allowInsecureRequests] : [],
          timeout,
        })
        .catch((err: unknown) => {
          if (discovered === attempt) discovered = undefined;
          throw new PlatformUnavailableError(err);
        });
      discovered = attempt;
    }
    return discovered;
  }

  // The issuer's signing keys for Logout Tokens, from the discovered jwks_uri. jose caches them
  // and fetches again when a token names an unknown kid (key rotation), at most every 30 s.
  const jtiCache = new JtiReplayCache();
  let logoutKeys: { client: oidc.Configuration; keys: JWTVerifyGetKey } | undefined;
  function logoutTokenKeys(client: oidc.Configuration): JWTVerifyGetKey {
    if (logoutKeys?.client !== client) {
      const jwksUri = client.serverMetadata().jwks_uri;
      if (!jwksUri) throw new PlatformUnavailableError(new Error('the issuer publishes no jwks_uri'));
      logoutKeys = { client, keys: createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: timeout * 1000 }) };
    }
    return logoutKeys.keys;
  }

  // ---- cookies, headers, body parsing ----------------------------------------------------------
  app.register(cookie, { secret: config.sessionSecret });

  // Form posts: the logout form (an empty body, nothing in it is used) and the platform's
  // back-channel logout (`logout_token=…`). Parsed as URLSearchParams, so repeated names show.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
    done(null, new URLSearchParams(body as string));
  });

  const csp = [
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self'",
    // Chrome applies form-action to the redirect after POST /logout, which goes to the platform.
    `form-action 'self' ${issuerOrigin}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', csp);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    // Not no-referrer: with that, Chrome sends `Origin: null` on our own form posts (see /logout).
    reply.header('referrer-policy', 'same-origin');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  function sendPage(reply: FastifyReply, status: number, body: string): FastifyReply {
    return reply.code(status).type('text/html; charset=utf-8').send(body);
  }

  function sendError(reply: FastifyReply, status: number, title: string, message: string, retryLogin = false): FastifyReply {
    return sendPage(reply, status, errorPage({ title, message, retryLogin }));
  }

  function sendUnavailable(request: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
    request.log.warn({ err: err instanceof PlatformUnavailableError ? err.cause : err }, 'identity platform unavailable');
    return sendError(reply, 503, '暂时无法登录', UNAVAILABLE_MESSAGE, true);
  }

  const cookieBase = { httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, signed: true };

  function readSigned(request: FastifyRequest, name: string): string | undefined {
    const raw = request.cookies[name];
    if (!raw) return undefined;
    const result = request.unsignCookie(raw);
    return result.valid && result.value !== null ? result.value : undefined;
  }

  function currentSession(request: FastifyRequest) {
    const id = readSigned(request, SESSION_COOKIE);
    return id ? { id, session: sessions.get(id) } : undefined;
  }

  // ---- routes ------------------------------------------------------------------------------------
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/static/site.css', async (_request, reply) => {
    return reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(css);
  });

  app.get('/favicon.ico', async (_request, reply) => reply.header('cache-control', 'public, max-age=86400').code(204).send());

  app.get('/', async (request, reply) => {
    const current = currentSession(request);
    if (current?.session) {
      return sendPage(reply, 200, homeUserPage(current.session.user, config.acrValues));
    }
    if (current) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return sendPage(reply, 200, homeAnonymousPage());
  });

  // 使用统一身份认证登录 (/login) and 法人登录 (/login/entity): one code flow; the latter asks the
  // platform for an entity login only and remembers that it did, in the transaction cookie.
  async function startLogin(request: FastifyRequest, reply: FastifyReply, entity: boolean): Promise<FastifyReply> {
    let client: oidc.Configuration;
    try {
      client = await platform();
    } catch (err) {
      return sendUnavailable(request, reply, err);
    }
    const verifier = oidc.randomPKCECodeVerifier();
    const tx: LoginTransaction = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier,
      exp: Date.now() + TX_TTL_SECONDS * 1000,
    };
    if (entity) tx.entity = true;
    const parameters: Record<string, string> = {
      redirect_uri: config.redirectUri,
      scope: SCOPE,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: tx.state,
      nonce: tx.nonce,
    };
    if (config.acrValues) parameters.acr_values = config.acrValues;
    if (entity) Object.assign(parameters, ENTITY_LOGIN_PARAMETERS);
    const url = oidc.buildAuthorizationUrl(client, parameters);
    reply.setCookie(TX_COOKIE, encodeTx(tx), { ...cookieBase, path: '/callback', maxAge: TX_TTL_SECONDS });
    return reply.redirect(url.href, 302);
  }

  app.get('/login', async (request, reply) => startLogin(request, reply, false));
  app.get(ENTITY_LOGIN_PATH, async (request, reply) => startLogin(request, reply, true));

  app.get('/callback', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const rawTx = readSigned(request, TX_COOKIE);
    // One transaction, one callback: the cookie is gone whatever happens next.
    if (request.cookies[TX_COOKIE] !== undefined) reply.clearCookie(TX_COOKIE, { path: '/callback' });

    // An error response from the platform (the user cancelled, step-up failed, …). Nothing is
    // acted upon, so it is shown without further checks; only known codes choose the text.
    if (typeof query.error === 'string') {
      const code = query.error;
      request.log.info({ error: code }, 'authorization error response');
      if (code === 'temporarily_unavailable' || code === 'server_error') {
        return sendError(reply, 503, '暂时无法登录', UNAVAILABLE_MESSAGE, true);
      }
      const message = AUTHORIZATION_ERROR_MESSAGES[code] ?? `统一身份认证平台未能完成登录${/^[a-z_]{1,64}$/.test(code) ? `（错误代码：${code}）` : ''}，请稍后重试。`;
      return sendError(reply, 400, code === 'access_denied' ? '登录已取消' : '登录未完成', message, true);
    }

    const tx = rawTx ? decodeTx(rawTx) : undefined;
    if (!tx || tx.exp < Date.now()) {
      return sendError(reply, 400, '登录请求已失效', '登录请求已过期或无效（可能在其他窗口重新发起了登录，或已超过 10 分钟）。请返回首页重新登录。', true);
    }

    let client: oidc.Configuration;
    try {
      client = await platform();
    } catch (err) {
      return sendUnavailable(request, reply, err);
    }

    // The response is checked against the registered redirect URI, never the Host header.
    const q = request.url.indexOf('?');
    const currentUrl = new URL(config.redirectUri + (q >= 0 ? request.url.slice(q) : ''));

    let user: PortalUser;
    let idToken: string;
    let identity: SessionIdentity;
    try {
      const tokens = await oidc.authorizationCodeGrant(client, currentUrl, {
        pkceCodeVerifier: tx.verifier,
        expectedState: tx.state,
        expectedNonce: tx.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      idToken = tokens.id_token!;
      // sub and the platform's session id (sid): what a back-channel Logout Token names.
      identity = { sub: claims.sub };
      if (typeof claims.sid === 'string' && claims.sid !== '') identity.sid = claims.sid;
      const info = await oidc.fetchUserInfo(client, tokens.access_token, claims.sub);
      const amr = Array.isArray(claims.amr) ? claims.amr.filter((m): m is string => typeof m === 'string') : [];
      user = {
        maskedName: safeMask(maskName, info.name) ?? '用户',
        amr,
      };
      const idType = typeof info.id_type === 'string' ? info.id_type : undefined;
      const maskedIdNumber = safeMask(maskIdNumber, info.id_number);
      // The platform sends E.164 (+8613800000001); people read the 11-digit national form.
      const nationalPhone = typeof info.phone_number === 'string' ? info.phone_number.replace(/^\+86/, '') : undefined;
      const maskedPhone = safeMask(maskPhone, nationalPhone);
      if (idType) user.idType = idType;
      if (maskedIdNumber) user.maskedIdNumber = maskedIdNumber;
      if (maskedPhone) user.maskedPhone = maskedPhone;
      if (info.phone_number_verified === true) user.phoneVerified = true;
      if (typeof claims.acr === 'string') user.acr = claims.acr;
      // 法人登录: the ID token's entity (userinfo's when the ID token has none: it answers for the
      // same subject, server to server). Any login may be one (the platform offers both tabs).
      const entity = readEntity(claims, info) ?? readEntity(info, claims);
      if (entity) {
        user.entity = entity;
        // An entity login carries the acting person only as acting_person (masked), no personal claims.
        if (entity.actingPerson?.maskedName) user.maskedName = entity.actingPerson.maskedName;
      }
    } catch (err) {
      if (isNetworkError(err)) return sendUnavailable(request, reply, err);
      request.log.warn({ err }, 'login callback rejected');
      if (err instanceof oidc.ResponseBodyError && err.error === 'invalid_grant') {
        return sendError(reply, 400, '登录验证失败', '授权码无效、已过期或已被使用。请返回首页重新登录。', true);
      }
      return sendError(reply, 400, '登录验证失败', '登录结果校验未通过，为保护您的账号安全，本次登录未生效。请返回首页重新登录。', true);
    }

    // Started as 法人登录 but not an entity login: login_type=entity travelled through the browser,
    // where it can be dropped or changed, so the answer is checked here and a personal login is
    // not accepted in its place.
    if (tx.entity && !user.entity) {
      request.log.warn('entity login requested but the tokens carry no entity');
      return sendPage(
        reply,
        403,
        errorPage({
          title: '法人登录未完成',
          message: '本次登录未返回单位信息，无法确认您代表哪家单位办理业务。为保护单位信息安全，本站未为您登录。请返回首页重新点击“法人登录”，并在统一身份认证平台选择要代表登录的单位。',
          retryLogin: true,
          retryHref: ENTITY_LOGIN_PATH,
        }),
      );
    }

    // A fresh session id on every login (no fixation); an earlier session of this browser ends.
    const previous = currentSession(request);
    if (previous) sessions.delete(previous.id);
    const sessionId = sessions.create(user, idToken, identity);
    reply.setCookie(SESSION_COOKIE, sessionId, { ...cookieBase, path: '/' });
    request.log.info('login completed');
    return reply.redirect('/', 303);
  });

  app.post('/logout', async (request, reply) => {
    // SameSite=Lax already keeps the session cookie off cross-site posts; a foreign Origin is refused too.
    const origin = request.headers.origin;
    if (origin && origin !== new URL(config.baseUrl).origin) {
      return sendError(reply, 403, '请求无效', '请求来源无效，请从本站页面退出登录。');
    }
    const current = currentSession(request);
    if (current) {
      sessions.delete(current.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    const idToken = current?.session?.idToken;
    if (!idToken) return reply.redirect('/', 303);
    let url: URL;
    try {
      url = oidc.buildEndSessionUrl(await platform(), {
        id_token_hint: idToken,
        post_logout_redirect_uri: config.postLogoutRedirectUri,
      });
    } catch (err) {
      request.log.warn({ err }, 'end-session redirect not possible');
      return sendError(reply, 503, '已退出本站', '您已退出本站。统一身份认证平台暂时无法访问，平台上的登录状态可能仍然有效，请稍后在平台退出或关闭浏览器。');
    }
    return reply.redirect(url.href, 303);
  });

  // OpenID Connect Back-Channel Logout 1.0: the platform ended a session (退出登录 there, a
  // password reset, …) and tells this portal, server to server. No cookies and no Origin check:
  // the signed Logout Token is the only credential. Answers 200 (sessions ended, or none
  // matched), 400 invalid_request for a token that fails validation (§2.8), 503 when the
  // platform's keys cannot be fetched to check it.
  app.post(
    BACKCHANNEL_LOGOUT_PATH,
    {
      // Body problems (wrong content type, too large, unreadable) are answered like bad tokens, in JSON.
      errorHandler: (err: { statusCode?: number }, request, reply) => {
        request.log.info({ err }, 'back-channel logout request refused');
        const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? 400 : 500;
        reply
          .code(status)
          .header('cache-control', 'no-store')
          .send(status === 400 ? { error: 'invalid_request', error_description: 'expected an application/x-www-form-urlencoded logout_token' } : { error: 'server_error' });
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const refuse = (description: string) => reply.code(400).send({ error: 'invalid_request', error_description: description });
      const params = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
      const values = params.getAll('logout_token');
      if (values.length !== 1 || !values[0]) return refuse('exactly one logout_token is required');

      let target;
      try {
        const client = await platform();
        target = await verifyLogoutToken(values[0], {
          issuer: client.serverMetadata().issuer,
          clientId: config.clientId,
          keys: logoutTokenKeys(client),
          algorithms: [client.clientMetadata().id_token_signed_response_alg ?? 'RS256'],
          replayCache: jtiCache,
        });
      } catch (err) {
        if (err instanceof LogoutTokenError) {
          request.log.info({ reason: err.message }, 'logout token refused');
          return refuse(`invalid logout_token (${err.message})`);
        }
        if (err instanceof PlatformUnavailableError || isKeySetUnavailable(err)) {
          request.log.warn({ err: err instanceof PlatformUnavailableError ? err.cause : err }, 'cannot check a logout token: identity platform unavailable');
          return reply.code(503).send({ error: 'temporarily_unavailable' });
        }
        throw err;
      }
      const ended = sessions.endSessions(target);
      request.log.info({ ended, bySid: target.sid !== undefined }, 'back-channel logout');
      return reply.code(200).send();
    },
  );

  app.setNotFoundHandler(async (_request, reply) => {
    return sendError(reply, 404, '页面不存在', '您访问的页面不存在，请返回首页。');
  });

  app.setErrorHandler(async (err: { statusCode?: number }, request, reply) => {
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status >= 500) request.log.error({ err }, 'unhandled error');
    else request.log.info({ err }, 'bad request');
    return sendError(reply, status, status >= 500 ? '系统繁忙' : '请求无效', status >= 500 ? '系统暂时出现问题，请稍后重试。' : '请求格式不正确，请返回首页重试。');
  });

  return app;
}
