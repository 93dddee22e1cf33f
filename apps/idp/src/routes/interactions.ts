import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { entityLoginRequest, passwordLoginRequest } from '@uia/schemas';
import { AppError } from '../errors.ts';
import type { EntityLogin } from '../services/entities/entity-login.ts';
import type { LoginResult, PasswordLogin } from '../services/password-login/index.ts';
import { deviceIdOf, keepDeviceCookie } from './device-cookie.ts';
import { currentInteraction, interactionClient, interactionLoginTypes, interactionRequiredAcr, refuseInteraction } from './current-interaction.ts';
import { parseBody } from './parse-body.ts';
import { requestContext } from './request-context.ts';

type UidRequest = FastifyRequest<{ Params: { uid: string } }>;

/**
 * The OIDC login interaction. oidc-provider scopes its interaction cookie to
 * /interaction/<uid>, so the portal's API for it lives below that path too.
 */
export async function interactionRoutes(
  app: FastifyInstance,
  options: {
    provider: Provider;
    passwordLogin: PasswordLogin;
    entityLogin: EntityLogin;
    sendPortal: (reply: FastifyReply) => FastifyReply;
    platformName: string;
    /** The service clock: a login's time, which the session lifetimes count from (oidc/checks/session-lifetime.ts). */
    now: () => number;
    secure: boolean;
  },
) {
  const { provider } = options;

  /**
   * Hands the checked login to oidc-provider; `ts` is when the password was checked, so a later
   * password reset voids it. The browser keeps its device cookie: it is now a trusted device.
   */
  const finishLogin = (request: UidRequest, reply: FastifyReply, result: LoginResult, deviceId: string) => {
    keepDeviceCookie(reply, deviceId, options.secure);
    return provider.interactionResult(
      request.raw,
      reply.raw,
      { login: { accountId: result.accountId, acr: result.acr, amr: result.amr, ts: Math.floor(options.now() / 1000), remember: false } },
      { mergeWithLastSubmission: false },
    );
  };

  app.get('/interaction/:uid', (_request, reply) => options.sendPortal(reply));

  app.get('/interaction/:uid/details', async (request: UidRequest, reply) => {
    const details = await currentInteraction(provider, request, reply);
    const requiredAcr = interactionRequiredAcr(details);
    return {
      uid: details.uid,
      prompt: details.prompt.name,
      client: await interactionClient(provider, details, options.platformName),
      loginTypes: interactionLoginTypes(details),
      // The portal shows only 扫码登录 when this is above what a password proves.
      ...(requiredAcr ? { requiredAcr } : {}),
    };
  });

  app.post('/interaction/:uid/login', async (request: UidRequest, reply) => {
    const body = parseBody(passwordLoginRequest, request.body);
    const details = await currentInteraction(provider, request, reply);
    if (!interactionLoginTypes(details).includes('personal')) throw new AppError('ENTITY_LOGIN_REQUIRED', { status: 403 });
    const deviceId = deviceIdOf(request);
    const result = await options.passwordLogin.login(body, {
      ...requestContext(request),
      deviceId,
      clientId: String(details.params.client_id),
      requiredAcr: interactionRequiredAcr(details),
    });
    return { redirectTo: await finishLogin(request, reply, result, deviceId) };
  });

  // 法人登录 by account: the acting person's own credentials, then their standing with the entity.
  app.post('/interaction/:uid/entity-login', async (request: UidRequest, reply) => {
    const body = parseBody(entityLoginRequest, request.body);
    const details = await currentInteraction(provider, request, reply);
    const deviceId = deviceIdOf(request);
    const result = await options.entityLogin.login(body, {
      ...requestContext(request),
      deviceId,
      clientId: String(details.params.client_id),
      requiredAcr: interactionRequiredAcr(details),
      entityLoginAllowed: interactionLoginTypes(details).includes('entity'),
    });
    return { redirectTo: await finishLogin(request, reply, result, deviceId) };
  });

  app.post('/interaction/:uid/abort', async (request: UidRequest, reply) => {
    await currentInteraction(provider, request, reply);
    return { redirectTo: await refuseInteraction(provider, request, reply, 'End-User aborted interaction') };
  });
}
