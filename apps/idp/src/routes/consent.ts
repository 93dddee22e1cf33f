import type { FastifyInstance, FastifyReply } from 'fastify';
import type Provider from 'oidc-provider';
import { CONSENT_PATHS, consentDecisionResponse, consentDetailsResponse, interactionParams } from '@uia/schemas';
import { AppError } from '../errors.ts';
import { consentScopes, type ConsentDecisions } from '../oidc/consent.ts';
import { currentInteraction, type UidRequest, interactionClient, refuseInteraction } from './current-interaction.ts';
import { requestContext } from './request-context.ts';
import { withContractSchemas } from './zod-route-schemas.ts';

/**
 * The consent page of `prompt=consent` (oidc/consent.ts) and its API, below
 * /interaction/<uid>/consent: the path oidc-provider scopes that interaction's
 * cookie to, so only the browser the request started in gets past
 * currentInteraction.
 */
export async function consentRoutes(plugin: FastifyInstance, options: { provider: Provider; consent: ConsentDecisions; sendPortal: (reply: FastifyReply) => FastifyReply; platformName: string }) {
  const app = withContractSchemas(plugin);
  const { provider, consent } = options;
  const schema = (response: typeof consentDetailsResponse | typeof consentDecisionResponse) => ({ params: interactionParams, response: { 200: response } });

  /** This browser's consent interaction (a login interaction's cookie, scoped to /interaction/<uid>, also reaches these paths). */
  const consentInteraction = async (request: UidRequest, reply: FastifyReply) => {
    const details = await currentInteraction(provider, request, reply, 'consent');
    // oidc-provider asks for consent only once someone is logged in; checked, as the grant is theirs.
    if (!details.session?.accountId) throw new AppError('LOGIN_REQUEST_EXPIRED');
    return details;
  };

  app.get(CONSENT_PATHS.page, (_request, reply) => options.sendPortal(reply));

  app.get(CONSENT_PATHS.details, { schema: schema(consentDetailsResponse) }, async (request, reply) => {
    const details = await consentInteraction(request, reply);
    return { uid: details.uid, client: await interactionClient(provider, details, options.platformName), scopes: consentScopes(details) };
  });

  app.post(CONSENT_PATHS.confirm, { schema: schema(consentDecisionResponse) }, async (request, reply) => {
    const details = await consentInteraction(request, reply);
    const grantId = await consent.approve(details, requestContext(request));
    // Merged with the login of this same request (if it was just made), as oidc-provider expects.
    const redirectTo = await provider.interactionResult(request.raw, reply.raw, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return { redirectTo };
  });

  app.post(CONSENT_PATHS.deny, { schema: schema(consentDecisionResponse) }, async (request, reply) => {
    const details = await consentInteraction(request, reply);
    await consent.deny(details, requestContext(request));
    return { redirectTo: await refuseInteraction(provider, request, reply, 'End-User denied consent') };
  });
}
