import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  appFaceLoginRequest,
  appSmsLoginRequest,
  appSmsLoginSendRequest,
  emptyRequest,
  phoneChangeFaceRequest,
  phoneChangeNewSendRequest,
  phoneChangeNewVerifyRequest,
  phoneChangeOldVerifyRequest,
} from '@uia/schemas';
import type { AppAccount } from '../services/app-login/app-account.ts';
import type { AppLogin, AppLoginResult } from '../services/app-login/index.ts';
import type { AppSessionView } from '../services/app-sessions/app-session.ts';
import type { AppSessions } from '../services/app-sessions/app-sessions.ts';
import type { ChangePhone } from '../services/change-phone/index.ts';
import type { FaceChallenges } from '../services/face-check/face-challenges.ts';
import { FACE_BODY_LIMIT_BYTES } from '../services/face-check/face-frames.ts';
import { clearAppSessionCookie, requireAppSession, setAppSessionCookie } from './app-session-auth.ts';
import { parseBody } from './parse-body.ts';
import { requestContext } from './request-context.ts';

const PREFIX = '/app/api';
/** Only the routes that carry camera frames take more than the app-wide 16 KB. */
const FACE_ROUTE = { bodyLimit: FACE_BODY_LIMIT_BYTES };

const iso = (ms: number) => new Date(ms).toISOString();
const sessionBody = (session: AppSessionView) => ({
  id: session.id,
  acr: session.acr,
  amr: session.amr,
  createdAt: iso(session.createdAt),
  expiresAt: iso(session.expiresAt),
});

/** The companion app's JSON API (docs/api.md, "Companion app"): app login, 我的, 换绑手机号. */
export async function appApiRoutes(
  app: FastifyInstance,
  options: { appLogin: AppLogin; faceChallenges: FaceChallenges; appAccount: AppAccount; appSessions: AppSessions; changePhone: ChangePhone; secure: boolean },
) {
  const { appLogin, faceChallenges, appAccount, appSessions, changePhone, secure } = options;
  const session = (request: FastifyRequest) => requireAppSession(request, appSessions);

  // Personal data and one-time tickets: never cached.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  const loggedIn = (result: AppLoginResult, reply: FastifyReply) => {
    setAppSessionCookie(reply, result.token, result.validityDays, secure);
    return reply.send({ person: result.person, session: sessionBody(result.session) });
  };

  // The liveness challenge of a face check (login or 换绑): no session needed, rate-limited per address.
  app.post(`${PREFIX}/face/challenge`, async (request) => {
    parseBody(emptyRequest, request.body ?? {});
    return faceChallenges.issue(requestContext(request));
  });

  app.post(`${PREFIX}/login/face`, FACE_ROUTE, async (request, reply) => {
    const body = parseBody(appFaceLoginRequest, request.body);
    return loggedIn(await appLogin.faceLogin(body, requestContext(request)), reply);
  });

  app.post(`${PREFIX}/login/sms/send`, async (request) => {
    const body = parseBody(appSmsLoginSendRequest, request.body);
    return appLogin.sendSmsCode(body, requestContext(request));
  });

  app.post(`${PREFIX}/login/sms`, async (request, reply) => {
    const body = parseBody(appSmsLoginRequest, request.body);
    return loggedIn(await appLogin.smsLogin(body, requestContext(request)), reply);
  });

  app.get(`${PREFIX}/me`, async (request) => {
    const me = await appAccount.me(await session(request));
    return {
      person: me.person,
      session: sessionBody(me.session),
      sessions: me.sessions.map((listed) => ({
        id: listed.id,
        device: listed.device,
        acr: listed.acr,
        createdAt: iso(listed.createdAt),
        expiresAt: iso(listed.expiresAt),
        current: listed.current,
      })),
    };
  });

  app.post(`${PREFIX}/logout`, async (request, reply) => {
    const current = await session(request);
    parseBody(emptyRequest, request.body ?? {});
    await appAccount.logout(current, requestContext(request));
    clearAppSessionCookie(reply, secure);
    return reply.status(204).send();
  });

  app.post<{ Params: { id: string } }>(`${PREFIX}/sessions/:id/revoke`, async (request, reply) => {
    const current = await session(request);
    parseBody(emptyRequest, request.body ?? {});
    await appAccount.revoke(current, request.params.id, requestContext(request));
    if (request.params.id === current.id) clearAppSessionCookie(reply, secure);
    return reply.status(204).send();
  });

  app.post(`${PREFIX}/phone/old/send`, async (request) => {
    const current = await session(request);
    parseBody(emptyRequest, request.body ?? {});
    return changePhone.sendOldPhoneCode(current, requestContext(request));
  });

  app.get(`${PREFIX}/phone/old/code`, async (request, reply) => {
    const current = await session(request);
    return reply.header('cache-control', 'no-store').send(await changePhone.oldPhoneCode(current));
  });

  app.post(`${PREFIX}/phone/old/verify`, async (request) => {
    const current = await session(request);
    const body = parseBody(phoneChangeOldVerifyRequest, request.body);
    return changePhone.verifyOldPhone(current, body, requestContext(request));
  });

  app.post(`${PREFIX}/phone/face`, FACE_ROUTE, async (request) => {
    const current = await session(request);
    const body = parseBody(phoneChangeFaceRequest, request.body);
    return changePhone.verifyFace(current, body, requestContext(request));
  });

  app.post(`${PREFIX}/phone/new/send`, async (request) => {
    const current = await session(request);
    const body = parseBody(phoneChangeNewSendRequest, request.body);
    return changePhone.sendNewPhoneCode(current, body, requestContext(request));
  });

  app.post(`${PREFIX}/phone/new/verify`, async (request) => {
    const current = await session(request);
    const body = parseBody(phoneChangeNewVerifyRequest, request.body);
    return changePhone.verifyNewPhone(current, body, requestContext(request));
  });
}
