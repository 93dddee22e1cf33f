import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { AppError } from '../errors.ts';
import { consentScopes, type ConsentDecisions } from '../oidc/consent.ts';
import { currentInteraction, interactionClient, refuseInteraction } from './current-interaction.ts';
import { requestContext } from './request-context.ts';

type UidRequest = FastifyRequest<{ Params: { uid: string } }>;

/**
 * The consent page of `prompt=consent` (oidc/consent.ts) and its API, below
 * /interaction/<uid>/consent: the path oidc-provider scopes that interaction's
 * cookie to, so only the browser the request started in gets past
 * currentInteraction.
 */
export async function consentRoutes(
  app: FastifyInstance,
  options: { provider: Provider; consent: ConsentDecisions; sendPortal: (reply: FastifyReply) => FastifyReply; platformName: string },
) {
  const { provider, consent } = options;

  /** This browser's consent interaction (a login interaction's cookie, scoped to /interaction/<uid>, also reaches these paths). */
  const consentInteraction = async (request: UidRequest, reply: FastifyReply) => {
    const details = await currentInteraction(provider, request, reply, 'consent');
    // oidc-provider asks for consent only once someone is logged in; checked, as the grant is theirs.
    if (!details.session?.accountId) throw new AppError('LOGIN_REQUEST_EXPIRED');
    return details;
  };

  app.get('/interaction/:uid/consent', (_request, reply) => options.sendPortal(reply));

  app.get('/interaction/:uid/consent/details', async (request: UidRequest, reply) => {
    const details = await consentInteraction(request, reply);
    return { uid: details.uid, client: await interactionClient(provider, details, options.platformName), scopes: consentScopes(details) };
  });

  app.post('/interaction/:uid/consent/confirm', async (request: UidRequest, reply) => {
    const details = await consentInteraction(request, reply);
    const grantId = await consent.approve(details, requestContext(request));
    // Merged with the login of this same request (if it was just made), as oidc-provider expects.
    const redirectTo = await provider.interactionResult(request.raw, reply.raw, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return { redirectTo };
  });

  app.post('/interaction/:uid/consent/deny', async (request: UidRequest, reply) => {
    const details = await consentInteraction(request, reply);
    await consent.deny(details, requestContext(request));
    return { redirectTo: await refuseInteraction(provider, request, reply, 'End-User denied consent') };
  });
}
