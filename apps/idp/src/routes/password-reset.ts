import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  passwordResetCompleteRequest,
  passwordResetSendCodeRequest,
  passwordResetStartRequest,
  passwordResetVerifyCodeRequest,
} from '@uia/schemas';
import type { PasswordReset, ResetContext } from '../services/password-reset/index.ts';
import { RESET_POLICY } from '../services/password-reset/reset-policy.ts';
import { parseBody } from './parse-body.ts';
import { requestContext } from './request-context.ts';

const PREFIX = '/api/password-reset';

/**
 * 忘记密码 wizard API (docs/api.md). Step 1 sets an HttpOnly cookie that binds
 * the flow to this browser; every later step presents it with its ticket.
 */
export async function passwordResetRoutes(app: FastifyInstance, options: { passwordReset: PasswordReset; secure: boolean }) {
  const { passwordReset } = options;
  const context = (request: FastifyRequest, browserBinding: string): ResetContext => ({ ...requestContext(request), browserBinding });
  const boundContext = (request: FastifyRequest) => context(request, request.cookies[RESET_POLICY.browserCookie] ?? '');
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  app.post(`${PREFIX}/start`, async (request, reply) => {
    const body = parseBody(passwordResetStartRequest, request.body);
    // The cookie binds the browser, not one flow: a second flow in another tab keeps it.
    const existing = request.cookies[RESET_POLICY.browserCookie];
    const binding = existing && /^[\w-]{43}$/.test(existing) ? existing : randomBytes(32).toString('base64url');
    const result = await passwordReset.start(body, context(request, binding));
    reply.setCookie(RESET_POLICY.browserCookie, binding, {
      path: PREFIX,
      httpOnly: true,
      sameSite: 'strict',
      secure: options.secure,
      maxAge: RESET_POLICY.browserCookieSeconds,
    });
    return noStore(reply).send(result);
  });

  app.post(`${PREFIX}/send-code`, async (request, reply) => {
    const body = parseBody(passwordResetSendCodeRequest, request.body);
    return noStore(reply).send(await passwordReset.sendCode(body, boundContext(request)));
  });

  // After a reload: is a code waiting for this browser's flow? (answers `{ resumable: false }` otherwise)
  app.get(`${PREFIX}/resume`, async (request, reply) => noStore(reply).send(await passwordReset.resumeSentCode(boundContext(request))));

  app.post(`${PREFIX}/verify-code`, async (request, reply) => {
    const body = parseBody(passwordResetVerifyCodeRequest, request.body);
    return noStore(reply).send(await passwordReset.verifyCode(body, boundContext(request)));
  });

  app.post(`${PREFIX}/complete`, async (request, reply) => {
    const body = parseBody(passwordResetCompleteRequest, request.body);
    const result = await passwordReset.complete(body, boundContext(request));
    reply.clearCookie(RESET_POLICY.browserCookie, { path: PREFIX });
    return noStore(reply).send(result);
  });
}
