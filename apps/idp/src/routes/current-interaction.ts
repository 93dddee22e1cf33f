import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors, type default as Provider } from 'oidc-provider';
import { AppError } from '../errors.ts';
import type { AssuranceLevel } from '../ports/account-repository.ts';
import { requestedAcr } from '../oidc/requested-acr.ts';

type UidRequest = FastifyRequest<{ Params: { uid: string } }>;

/**
 * The login interaction this browser holds, if it is the one in the URL;
 * anything else is an expired request. oidc-provider scopes its interaction
 * cookie to /interaction/<uid>, so only the browser the login started in
 * gets past this (another browser cannot watch or complete its QR login).
 */
export async function currentInteraction(provider: Provider, request: UidRequest, reply: FastifyReply) {
  const expired = () => new AppError('LOGIN_REQUEST_EXPIRED', { status: 400 });
  const details = await provider.interactionDetails(request.raw, reply.raw).catch((error: unknown) => {
    throw error instanceof errors.SessionNotFound ? expired() : error;
  });
  if (details.uid !== request.params.uid) throw expired();
  return details;
}

type Interaction = Awaited<ReturnType<typeof currentInteraction>>;

/** The service that asks for the login: the RP's registered name, or the platform itself. */
export async function interactionClient(provider: Provider, interaction: Interaction) {
  const client = await provider.Client.find(String(interaction.params.client_id));
  return { id: client?.clientId ?? null, name: client?.clientName ?? '统一身份认证平台' };
}

/** The level the login must reach (acr_values), or null. */
export function interactionRequiredAcr(interaction: Interaction): AssuranceLevel | null {
  return requestedAcr(interaction.params.acr_values);
}
