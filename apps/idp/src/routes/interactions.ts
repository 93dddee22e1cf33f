import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors, type default as Provider } from 'oidc-provider';
import { passwordLoginRequest } from '@uia/schemas';
import { AppError } from '../errors.ts';
import type { PasswordLogin } from '../services/password-login/index.ts';
import { parseBody } from './parse-body.ts';
import { requestContext } from './request-context.ts';

type UidRequest = FastifyRequest<{ Params: { uid: string } }>;

/**
 * The OIDC login interaction. oidc-provider scopes its interaction cookie to
 * /interaction/<uid>, so the portal's API for it lives below that path too.
 */
export async function interactionRoutes(
  app: FastifyInstance,
  options: { provider: Provider; passwordLogin: PasswordLogin; sendPortal: (reply: FastifyReply) => FastifyReply },
) {
  const { provider } = options;

  /** The interaction this browser holds, if it is the one in the URL; anything else is an expired request. */
  async function currentInteraction(request: UidRequest, reply: FastifyReply) {
    const expired = () => new AppError('LOGIN_REQUEST_EXPIRED', { status: 400 });
    const details = await provider.interactionDetails(request.raw, reply.raw).catch((error: unknown) => {
      throw error instanceof errors.SessionNotFound ? expired() : error;
    });
    if (details.uid !== request.params.uid) throw expired();
    return details;
  }

  app.get('/interaction/:uid', (_request, reply) => options.sendPortal(reply));

  app.get('/interaction/:uid/details', async (request: UidRequest, reply) => {
    const details = await currentInteraction(request, reply);
    const client = await provider.Client.find(String(details.params.client_id));
    return {
      uid: details.uid,
      prompt: details.prompt.name,
      client: { id: client?.clientId ?? null, name: client?.clientName ?? '统一身份认证平台' },
    };
  });

  app.post('/interaction/:uid/login', async (request: UidRequest, reply) => {
    const body = parseBody(passwordLoginRequest, request.body);
    const details = await currentInteraction(request, reply);
    const result = await options.passwordLogin.login(body, { ...requestContext(request), clientId: String(details.params.client_id) });
    const redirectTo = await provider.interactionResult(
      request.raw,
      reply.raw,
      // `ts`: when the password was checked, so a password reset after it voids this result.
      { login: { accountId: result.accountId, acr: result.acr, amr: result.amr, ts: Math.floor(Date.now() / 1000), remember: false } },
      { mergeWithLastSubmission: false },
    );
    return { redirectTo };
  });

  app.post('/interaction/:uid/abort', async (request: UidRequest, reply) => {
    await currentInteraction(request, reply);
    const redirectTo = await provider.interactionResult(
      request.raw,
      reply.raw,
      { error: 'access_denied', error_description: 'End-User aborted interaction' },
      { mergeWithLastSubmission: false },
    );
    return { redirectTo };
  });
}
