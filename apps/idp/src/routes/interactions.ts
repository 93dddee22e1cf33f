import type { FastifyInstance, FastifyReply } from 'fastify';
import type Provider from 'oidc-provider';
import { errors } from 'oidc-provider';
import {
  emptyRequest,
  entityLoginRequest,
  interactionDetailsResponse,
  interactionParams,
  LOGIN_INTERACTION_PATHS,
  loginResponse,
  passwordLoginRequest,
  passwordLoginResponse,
  secondFactorRequest,
  secondFactorResponse,
  type PlatformFeatures,
} from '@uia/schemas';
import { AppError } from '../errors.ts';
import type { EntityLogin } from '../services/entities/entity-login.ts';
import type { LoginResult, PasswordLogin } from '../services/password-login/index.ts';
import type { SmsSecondFactor } from '../services/password-login/sms-second-factor.ts';
import { deviceIdOf, keepDeviceCookie } from './device-cookie.ts';
import { currentInteraction, ensureLoginOffered, interactionClient, unofferedLogin, interactionLoginTypes, interactionRequiredAcr, refuseInteraction } from './current-interaction.ts';
import { formatMessage, ui } from '@uia/i18n';
import { escapeHtml, renderPage } from '../oidc/html-pages.ts';
import { requestContext } from './request-context.ts';
import { withContractSchemas } from './zod-route-schemas.ts';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/**
 * The OIDC login interaction. oidc-provider scopes its interaction cookie to
 * /interaction/<uid>, so the portal's API for it lives below that path too.
 */
export async function interactionRoutes(
  plugin: FastifyInstance,
  options: {
    provider: Provider;
    passwordLogin: PasswordLogin;
    /** The SMS code after the password, for relying parties that require two factors. */
    secondFactor: SmsSecondFactor;
    /** Whether the client requires two login factors (client metadata `uia_require_two_factors`). */
    requiresTwoFactors: (clientId: string) => Promise<boolean>;
    entityLogin: EntityLogin;
    sendPortal: (reply: FastifyReply) => FastifyReply;
    platformName: string;
    /** The refusal page's frame (demo banner). */
    demo: boolean;
    features: PlatformFeatures;
    /** The service clock: a login's time, which the session lifetimes count from (oidc/checks/session-lifetime.ts). */
    now: () => number;
    secure: boolean;
  },
) {
  const app = withContractSchemas(plugin);
  const { provider, features } = options;

  /**
   * Hands the checked login to oidc-provider; `ts` is when the password was read to be checked, so a
   * password reset committed after that voids it (oidc/checks/credentials-changed.ts). The browser keeps its device cookie: it is now a trusted device.
   * What `provider.interactionResult` does, on the interaction this request already read (it would
   * read it again from the store).
   */
  const finishLogin = async (reply: FastifyReply, interaction: Interaction, result: LoginResult, deviceId: string) => {
    keepDeviceCookie(reply, deviceId, options.secure);
    const secondsLeft = secondsLeftOf(interaction);
    interaction.result = { login: { accountId: result.accountId, acr: result.acr, amr: result.amr, ts: Math.floor(result.authenticatedAt / 1000), remember: false } };
    await interaction.save(secondsLeft);
    return interaction.returnTo;
  };

  // Expired while the password was checked: as oidc-provider's own re-read would say.
  const secondsLeftOf = (interaction: Interaction) => {
    const secondsLeft = interaction.exp - Math.floor(Date.now() / 1000);
    if (secondsLeft <= 0) throw new AppError('LOGIN_REQUEST_EXPIRED');
    return secondsLeft;
  };

  // A request this deployment can never satisfy gets a page saying so, not a login page that cannot succeed.
  app.get(LOGIN_INTERACTION_PATHS.page, { schema: { params: interactionParams } }, async (request, reply) => {
    // Only an unknown or expired interaction falls through to the portal (which says so); a storage outage answers 503.
    const details = await provider.interactionDetails(request.raw, reply.raw).catch((error: unknown) => {
      if (error instanceof errors.SessionNotFound) return null;
      throw error;
    });
    const refusal = details?.uid === request.params.uid ? unofferedLogin(details, features) : null;
    if (!refusal) return options.sendPortal(reply);
    const page = renderPage({
      title: ui.interactionRefused.title,
      platformName: options.platformName,
      demo: options.demo,
      body: `<p>${escapeHtml(formatMessage(refusal))}</p>`,
      cookieHeader: request.headers.cookie,
    });
    return reply.status(403).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
  });

  app.get(LOGIN_INTERACTION_PATHS.details, { schema: { params: interactionParams, response: { 200: interactionDetailsResponse } } }, async (request, reply) => {
    const details = await currentInteraction(provider, request, reply);
    ensureLoginOffered(details, features);
    const requiredAcr = interactionRequiredAcr(details);
    return {
      uid: details.uid,
      prompt: details.prompt.name,
      client: await interactionClient(provider, details, options.platformName),
      loginTypes: interactionLoginTypes(details, features),
      // The portal shows only 扫码登录 when this is above what a password proves.
      ...(requiredAcr ? { requiredAcr } : {}),
    };
  });

  app.post(LOGIN_INTERACTION_PATHS.login, { schema: { params: interactionParams, body: passwordLoginRequest, response: { 200: passwordLoginResponse } } }, async (request, reply) => {
    const { body } = request;
    const details = await currentInteraction(provider, request, reply);
    if (!interactionLoginTypes(details, features).includes('personal')) throw new AppError('ENTITY_LOGIN_REQUIRED');
    const deviceId = deviceIdOf(request);
    const clientId = String(details.params.client_id);
    const result = await options.passwordLogin.login(body, { ...requestContext(request), deviceId, clientId, requiredAcr: interactionRequiredAcr(details) });
    if (await options.requiresTwoFactors(clientId)) {
      return { secondFactor: 'sms' as const, ...(await options.secondFactor.begin(details.uid, result, secondsLeftOf(details), requestContext(request))) };
    }
    return { redirectTo: await finishLogin(reply, details, result, deviceId) };
  });

  app.post(LOGIN_INTERACTION_PATHS.secondFactor, { schema: { params: interactionParams, body: secondFactorRequest, response: { 200: loginResponse } } }, async (request, reply) => {
    const details = await currentInteraction(provider, request, reply);
    const result = await options.secondFactor.finish(details.uid, request.body.smsCode);
    return { redirectTo: await finishLogin(reply, details, result, deviceIdOf(request)) };
  });

  app.post(LOGIN_INTERACTION_PATHS.secondFactorSend, { schema: { params: interactionParams, body: emptyRequest, response: { 200: secondFactorResponse } } }, async (request, reply) => {
    const details = await currentInteraction(provider, request, reply);
    return { secondFactor: 'sms' as const, ...(await options.secondFactor.resend(details.uid, requestContext(request))) };
  });

  // 法人登录 by account: the acting person's own credentials, then their standing with the entity.
  app.post(LOGIN_INTERACTION_PATHS.entityLogin, { schema: { params: interactionParams, body: entityLoginRequest, response: { 200: loginResponse } } }, async (request, reply) => {
    const { body } = request;
    const details = await currentInteraction(provider, request, reply);
    const deviceId = deviceIdOf(request);
    const result = await options.entityLogin.login(body, {
      ...requestContext(request),
      deviceId,
      clientId: String(details.params.client_id),
      requiredAcr: interactionRequiredAcr(details),
      entityLoginAllowed: interactionLoginTypes(details, features).includes('entity'),
    });
    return { redirectTo: await finishLogin(reply, details, result, deviceId) };
  });

  app.post(LOGIN_INTERACTION_PATHS.abort, { schema: { params: interactionParams, response: { 200: loginResponse } } }, async (request, reply) => {
    await currentInteraction(provider, request, reply);
    return { redirectTo: await refuseInteraction(provider, request, reply, 'End-User aborted interaction') };
  });
}
