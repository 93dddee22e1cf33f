import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  APP_API_PATHS,
  appFaceLoginRequest,
  appLoginResponse,
  appMeResponse,
  appSmsLoginRequest,
  appSmsLoginSendRequest,
  emptyRequest,
  faceChallengeResponse,
  idParams,
  maskedSmsCodeSentResponse,
  phoneChangeFaceRequest,
  phoneChangeNewSendRequest,
  phoneChangeNewSendResponse,
  phoneChangeNewVerifyRequest,
  phoneChangeNewVerifyResponse,
  phoneChangeOldCodeResponse,
  phoneChangeOldVerifyRequest,
  phoneChangeTicketResponse,
} from '@uia/schemas';
import type { AppAccount } from '../services/app-login/app-account.ts';
import type { AppLogin, AppLoginResult } from '../services/app-login/index.ts';
import type { AppSessionView } from '../services/app-sessions/app-session.ts';
import type { AppSessions } from '../services/app-sessions/app-sessions.ts';
import type { ChangePhone } from '../services/change-phone/index.ts';
import type { FaceChallenges } from '../services/face-check/face-challenges.ts';
import { FACE_BODY_LIMIT_BYTES } from '../services/face-check/face-frames.ts';
import { clearAppSessionCookie, requireAppSession, setAppSessionCookie } from './app-session-auth.ts';
import { authenticateEveryRoute } from './authenticated-routes.ts';
import { requestContext } from './request-context.ts';
import { withContractSchemas } from './zod-route-schemas.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const sessionBody = (session: AppSessionView) => ({
  id: session.id,
  acr: session.acr,
  amr: session.amr,
  createdAt: iso(session.createdAt),
  expiresAt: iso(session.expiresAt),
});

interface AppApiOptions {
  appLogin: AppLogin;
  faceChallenges: FaceChallenges;
  appAccount: AppAccount;
  appSessions: AppSessions;
  changePhone: ChangePhone;
  secure: boolean;
}

/** The companion app's JSON API (docs/api.md, "Companion app"): app login, 我的, 换绑手机号. */
export async function appApiRoutes(plugin: FastifyInstance, options: AppApiOptions) {
  const app = withContractSchemas(plugin);
  const { appLogin, faceChallenges, secure } = options;

  // Personal data and one-time tickets: never cached.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  const loggedIn = (result: AppLoginResult, reply: FastifyReply) => {
    setAppSessionCookie(reply, result.token, result.validityDays, secure);
    return { person: result.person, session: sessionBody(result.session) };
  };

  // The liveness challenge of a face check (login or 换绑): no session needed, rate-limited per address.
  app.post(APP_API_PATHS.faceChallenge, { schema: { body: emptyRequest, response: { 200: faceChallengeResponse } } }, async (request) => faceChallenges.issue(requestContext(request)));

  // Only the routes that carry camera frames take more than the app-wide 16 KB.
  app.post(APP_API_PATHS.loginFace, { bodyLimit: FACE_BODY_LIMIT_BYTES, schema: { body: appFaceLoginRequest, response: { 200: appLoginResponse } } }, async (request, reply) =>
    loggedIn(await appLogin.faceLogin(request.body, requestContext(request)), reply),
  );

  app.post(APP_API_PATHS.loginSmsSend, { schema: { body: appSmsLoginSendRequest, response: { 200: maskedSmsCodeSentResponse } } }, async (request) =>
    appLogin.sendSmsCode(request.body, requestContext(request)),
  );

  app.post(APP_API_PATHS.loginSms, { schema: { body: appSmsLoginRequest, response: { 200: appLoginResponse } } }, async (request, reply) =>
    loggedIn(await appLogin.smsLogin(request.body, requestContext(request)), reply),
  );

  await app.register(loggedInRoutes, options);
}

/** 我的 and 换绑手机号: every route needs the live app session (401 APP_LOGIN_REQUIRED before anything else). */
async function loggedInRoutes(plugin: FastifyInstance, options: AppApiOptions) {
  const app = withContractSchemas(plugin);
  const { appAccount, appSessions, changePhone, secure } = options;
  const sessionOf = authenticateEveryRoute(app, (request) => requireAppSession(request, appSessions));

  app.get(APP_API_PATHS.me, { schema: { response: { 200: appMeResponse } } }, async (request) => {
    const me = await appAccount.me(sessionOf(request));
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

  app.post(APP_API_PATHS.logout, { schema: { body: emptyRequest } }, async (request, reply) => {
    await appAccount.logout(sessionOf(request), requestContext(request));
    clearAppSessionCookie(reply, secure);
    return reply.status(204).send();
  });

  app.post(APP_API_PATHS.revokeSession, { schema: { params: idParams, body: emptyRequest } }, async (request, reply) => {
    const current = sessionOf(request);
    await appAccount.revoke(current, request.params.id, requestContext(request));
    if (request.params.id === current.id) clearAppSessionCookie(reply, secure);
    return reply.status(204).send();
  });

  app.post(APP_API_PATHS.phoneOldSend, { schema: { body: emptyRequest, response: { 200: maskedSmsCodeSentResponse } } }, async (request) =>
    changePhone.sendOldPhoneCode(sessionOf(request), requestContext(request)),
  );

  app.get(APP_API_PATHS.phoneOldCode, { schema: { response: { 200: phoneChangeOldCodeResponse } } }, async (request, reply) =>
    reply.header('cache-control', 'no-store').send(await changePhone.oldPhoneCode(sessionOf(request))),
  );

  app.post(APP_API_PATHS.phoneOldVerify, { schema: { body: phoneChangeOldVerifyRequest, response: { 200: phoneChangeTicketResponse } } }, async (request) =>
    changePhone.verifyOldPhone(sessionOf(request), request.body, requestContext(request)),
  );

  app.post(APP_API_PATHS.phoneFace, { bodyLimit: FACE_BODY_LIMIT_BYTES, schema: { body: phoneChangeFaceRequest, response: { 200: phoneChangeTicketResponse } } }, async (request) =>
    changePhone.verifyFace(sessionOf(request), request.body, requestContext(request)),
  );

  app.post(APP_API_PATHS.phoneNewSend, { schema: { body: phoneChangeNewSendRequest, response: { 200: phoneChangeNewSendResponse } } }, async (request) =>
    changePhone.sendNewPhoneCode(sessionOf(request), request.body, requestContext(request)),
  );

  app.post(APP_API_PATHS.phoneNewVerify, { schema: { body: phoneChangeNewVerifyRequest, response: { 200: phoneChangeNewVerifyResponse } } }, async (request) =>
    changePhone.verifyNewPhone(sessionOf(request), request.body, requestContext(request)),
  );
}
