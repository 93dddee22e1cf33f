import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors, type default as Provider } from 'oidc-provider';
import { AppError } from '../errors.ts';
import type { AssuranceLevel } from '../ports/account-repository.ts';
import type { LoginType, PlatformFeatures } from '@uia/schemas';
import { meetsLevel } from '../services/accounts/account-profile.ts';
import { acceptsEntityLogin, requestsEntityLoginOnly } from '../oidc/checks/login-type.ts';
import { requestedAcr } from '../oidc/requested-acr.ts';

/** A request below /interaction/:uid (whatever its body). */
export type UidRequest = Pick<FastifyRequest, 'raw'> & { params: { uid: string } };

/**
 * The interaction this browser holds, if it is the one in the URL and asks
 * for `prompt` (the login routes' login, the consent routes' consent);
 * anything else is an expired request. oidc-provider scopes its interaction
 * cookie to the interaction's page (/interaction/<uid>, or …/consent), so
 * only the browser the request started in gets past this (another browser
 * cannot watch or complete its QR login).
 */
export async function currentInteraction(provider: Provider, request: UidRequest, reply: FastifyReply, prompt: 'login' | 'consent' = 'login') {
  const expired = () => new AppError('LOGIN_REQUEST_EXPIRED');
  const details = await provider.interactionDetails(request.raw, reply.raw).catch((error: unknown) => {
    throw error instanceof errors.SessionNotFound ? expired() : error;
  });
  if (details.uid !== request.params.uid || details.prompt.name !== prompt) throw expired();
  return details;
}

/**
 * Ends the interaction with `access_denied` to the relying party (the person
 * cancelled: 取消 at the login or at the consent page); `description` says which.
 * Returns where the browser goes next.
 */
export function refuseInteraction(provider: Provider, request: UidRequest, reply: FastifyReply, description: string): Promise<string> {
  return provider.interactionResult(request.raw, reply.raw, { error: 'access_denied', error_description: description }, { mergeWithLastSubmission: false });
}

type Interaction = Awaited<ReturnType<typeof currentInteraction>>;

/** The service that asks for the login: the RP's registered name, or the platform itself (`platformName`). */
export async function interactionClient(provider: Provider, interaction: Interaction, platformName: string) {
  const client = await provider.Client.find(String(interaction.params.client_id));
  return { id: client?.clientId ?? null, name: client?.clientName ?? platformName };
}

/**
 * How recent the login must be: the request's `max_age` (seconds, or null)
 * and whether it asked `prompt=login`.
 */
export function interactionFreshness(interaction: Interaction): { maxAge: number | null; promptLogin: boolean } {
  const raw = interaction.params.max_age;
  const maxAge = typeof raw === 'number' || (typeof raw === 'string' && /^\d+$/.test(raw)) ? Number(raw) : null;
  const prompts = typeof interaction.params.prompt === 'string' ? interaction.params.prompt.split(' ') : [];
  return { maxAge: maxAge !== null && Number.isSafeInteger(maxAge) ? maxAge : null, promptLogin: prompts.includes('login') };
}

/** The level the login must reach (acr_values), or null. */
export function interactionRequiredAcr(interaction: Interaction): AssuranceLevel | null {
  return requestedAcr(interaction.params.acr_values);
}

/**
 * The logins the relying party takes: entity only (`login_type=entity`),
 * personal only (it did not request the `entity` scope), or both — less
 * 法人登录 when the platform has no business registry (an entity-only request
 * is then ENTITY_LOGIN_UNAVAILABLE).
 */
export function interactionLoginTypes(interaction: Interaction, features: Pick<PlatformFeatures, 'entityServices'>): LoginType[] {
  if (requestsEntityLoginOnly(interaction.params)) {
    if (!features.entityServices) throw new AppError('ENTITY_LOGIN_UNAVAILABLE');
    return ['entity'];
  }
  return acceptsEntityLogin(interaction.params) && features.entityServices ? ['personal', 'entity'] : ['personal'];
}

/**
 * Why no login here can satisfy the request, or null: it demands a level
 * above L2 and there is no face verifier (nothing proves more; a QR that can
 * never be confirmed would only waste the person's time), or it takes only
 * 法人登录 and there is no business registry.
 */
export function unofferedLogin(interaction: Interaction, features: PlatformFeatures): 'ACR_LEVEL_UNAVAILABLE' | 'ENTITY_LOGIN_UNAVAILABLE' | null {
  const required = interactionRequiredAcr(interaction);
  if (required && !features.faceCheck && !meetsLevel('L2', required)) return 'ACR_LEVEL_UNAVAILABLE';
  if (requestsEntityLoginOnly(interaction.params) && !features.entityServices) return 'ENTITY_LOGIN_UNAVAILABLE';
  return null;
}

export function ensureLoginOffered(interaction: Interaction, features: PlatformFeatures): void {
  const refusal = unofferedLogin(interaction, features);
  if (refusal) throw new AppError(refusal);
}

/** The login type a QR of this interaction is for: what the page asked, within what the relying party takes. */
export function qrLoginType(interaction: Interaction, asked: LoginType | undefined, features: Pick<PlatformFeatures, 'entityServices'>): LoginType {
  const types = interactionLoginTypes(interaction, features);
  const wanted = asked ?? types[0]!;
  if (!types.includes(wanted)) throw new AppError(wanted === 'entity' ? 'ENTITY_LOGIN_NOT_SUPPORTED' : 'ENTITY_LOGIN_REQUIRED');
  return wanted;
}
