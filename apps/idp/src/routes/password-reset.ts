import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  PASSWORD_RESET_PATHS,
  PASSWORD_RESET_PREFIX,
  passwordResetCompleteRequest,
  passwordResetCompleteResponse,
  passwordResetSendCodeRequest,
  passwordResetSendCodeResponse,
  passwordResetStartRequest,
  passwordResetStartResponse,
  passwordResetResumeResponse,
  passwordResetVerifyCodeRequest,
  passwordResetVerifyCodeResponse,
} from '@uia/schemas';
import type { PasswordReset, ResetContext } from '../services/password-reset/index.ts';
import { RESET_POLICY } from '../services/password-reset/reset-policy.ts';
import { requestContext } from './request-context.ts';
import { withContractSchemas } from './zod-route-schemas.ts';

/**
 * 忘记密码 wizard API (docs/api.md). Step 1 sets an HttpOnly cookie that binds
 * the flow to this browser; every later step presents it with its ticket.
 */
export async function passwordResetRoutes(plugin: FastifyInstance, options: { passwordReset: PasswordReset; secure: boolean }) {
  const app = withContractSchemas(plugin);
  const { passwordReset } = options;
  const context = (request: FastifyRequest, browserBinding: string): ResetContext => ({ ...requestContext(request), browserBinding });
  const boundContext = (request: FastifyRequest) => context(request, request.cookies[RESET_POLICY.browserCookie] ?? '');
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  // One-time tickets: never cached.
  app.addHook('onSend', async (_request, reply) => {
    noStore(reply);
  });

  app.post(PASSWORD_RESET_PATHS.start, { schema: { body: passwordResetStartRequest, response: { 200: passwordResetStartResponse } } }, async (request, reply) => {
    // The cookie binds the browser, not one flow: a second flow in another tab keeps it.
    const existing = request.cookies[RESET_POLICY.browserCookie];
    const binding = existing && /^[\w-]{43}$/.test(existing) ? existing : randomBytes(32).toString('base64url');
    const result = await passwordReset.start(request.body, context(request, binding));
    reply.setCookie(RESET_POLICY.browserCookie, binding, {
      path: PASSWORD_RESET_PREFIX,
      httpOnly: true,
      sameSite: 'strict',
      secure: options.secure,
      maxAge: RESET_POLICY.browserCookieSeconds,
    });
    return result;
  });

  app.post(PASSWORD_RESET_PATHS.sendCode, { schema: { body: passwordResetSendCodeRequest, response: { 200: passwordResetSendCodeResponse } } }, async (request) =>
    passwordReset.sendCode(request.body, boundContext(request)),
  );

  // After a reload: is a code waiting for this browser's flow? (answers `{ resumable: false }` otherwise)
  app.get(PASSWORD_RESET_PATHS.resume, { schema: { response: { 200: passwordResetResumeResponse } } }, async (request, reply) =>
    noStore(reply).send(await passwordReset.resumeSentCode(boundContext(request))),
  );

  app.post(PASSWORD_RESET_PATHS.verifyCode, { schema: { body: passwordResetVerifyCodeRequest, response: { 200: passwordResetVerifyCodeResponse } } }, async (request) =>
    passwordReset.verifyCode(request.body, boundContext(request)),
  );

  app.post(PASSWORD_RESET_PATHS.complete, { schema: { body: passwordResetCompleteRequest, response: { 200: passwordResetCompleteResponse } } }, async (request, reply) => {
    const result = await passwordReset.complete(request.body, boundContext(request));
    reply.clearCookie(RESET_POLICY.browserCookie, { path: PASSWORD_RESET_PREFIX });
    return result;
  });
}
