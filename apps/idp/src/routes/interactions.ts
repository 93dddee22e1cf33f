import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { passwordLoginRequest } from '@uia/schemas';
import type { PasswordLogin } from '../services/password-login/index.ts';
import { currentInteraction, interactionClient, interactionRequiredAcr } from './current-interaction.ts';
import { parseBody } from './parse-body.ts';
import { requestContext } from './request-context.ts';

type UidRequest = FastifyRequest<{ Params: { uid: string } }>;

/**
 * The OIDC login interaction. oidc-provider scopes its interaction cookie to
 * /interaction/<uid>, so the portal's API for it lives below that path too.
 */
export async function interactionRoutes(
  app: FastifyInstance,
  options: { provider: Provider; passwordLogin: PasswordLogin; sendPortal: (reply: FastifyReply) => FastifyReply; platformName: string },
) {
  const { provider } = options;

  app.get('/interaction/:uid', (_request, reply) => options.sendPortal(reply));

  app.get('/interaction/:uid/details', async (request: UidRequest, reply) => {
    const details = await currentInteraction(provider, request, reply);
    const requiredAcr = interactionRequiredAcr(details);
    return {
      uid: details.uid,
      prompt: details.prompt.name,
      client: await interactionClient(provider, details, options.platformName),
      // The portal shows only 扫码登录 when this is above what a password proves.
      ...(requiredAcr ? { requiredAcr } : {}),
    };
  });

  app.post('/interaction/:uid/login', async (request: UidRequest, reply) => {
    const body = parseBody(passwordLoginRequest, request.body);
    const details = await currentInteraction(provider, request, reply);
    const result = await options.passwordLogin.login(body, {
      ...requestContext(request),
      clientId: String(details.params.client_id),
      requiredAcr: interactionRequiredAcr(details),
    });
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
    await currentInteraction(provider, request, reply);
    const redirectTo = await provider.interactionResult(
      request.raw,
      reply.raw,
      { error: 'access_denied', error_description: 'End-User aborted interaction' },
      { mergeWithLastSubmission: false },
    );
    return { redirectTo };
  });
}
