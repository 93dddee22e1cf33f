import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  accountEntitiesResponse,
  accountMeResponse,
  accountSessionsResponse,
  agentListResponse,
  emptyRequest,
  endOtherSessionsResponse,
  endSessionResponse,
  grantAgentRequest,
  grantAgentResponse,
  idParams,
  registerEntityRequest,
  registerEntityResponse,
  revokeAgentResponse,
  USER_CENTER_PATHS,
} from '@uia/schemas';
import { z } from 'zod';
import type { AgentGrants } from '../services/entities/agent-grants.ts';
import type { EntityRegistration } from '../services/entities/entity-registration.ts';
import { personIdOf } from '../services/entities/acting-principal.ts';
import type { AccountSessions } from '../services/user-center/account-sessions.ts';
import type { UserCenter } from '../services/user-center/user-center.ts';
import type { UserCenterSessions } from '../services/user-center/user-center-sessions.ts';
import { authenticateEveryRoute } from './authenticated-routes.ts';
import type { BrowserPlatformSession } from './browser-platform-session.ts';
import { requestContext } from './request-context.ts';
import { requireUserCenterSession } from './user-center-session.ts';
import { withContractSchemas } from './zod-route-schemas.ts';

const grantParams = idParams.extend({ grantId: z.string() });

/**
 * 用户中心 (/account): the person's own data (masked), the entities they may
 * act for, 注册单位, for legal representatives 管理经办人, and 登录设备与会话. Every call
 * needs the user-center session (401 ACCOUNT_LOGIN_REQUIRED: the page then
 * logs in again through /login/start); its login and logout are the
 * portal's own relying party (routes/portal-self-login.ts).
 */
export async function userCenterRoutes(
  plugin: FastifyInstance,
  options: {
    sessions: UserCenterSessions;
    userCenter: UserCenter;
    registration: EntityRegistration;
    agents: AgentGrants;
    accountSessions: AccountSessions;
    /** The platform session behind this browser's oidc-provider cookie (routes/browser-platform-session.ts). */
    platformSession: (request: FastifyRequest, reply: FastifyReply) => Promise<BrowserPlatformSession | null>;
  },
) {
  const app = withContractSchemas(plugin);
  const { sessions, userCenter, registration, agents, accountSessions } = options;
  const personOf = (request: FastifyRequest) => sessionOf(request).personId;
  const sessionOf = authenticateEveryRoute(app, (request) => requireUserCenterSession(request, sessions));

  /** 登录设备与会话's "this one": the browser's own platform session, when it is this person's. */
  const currentUid = async (request: FastifyRequest, reply: FastifyReply, personId: string) => {
    const own = await options.platformSession(request, reply);
    return own && personIdOf(own.accountId) === personId ? own.uid : null;
  };

  // Personal data, even masked: never cached.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(USER_CENTER_PATHS.me, { schema: { response: { 200: accountMeResponse } } }, async (request) => userCenter.me(personOf(request)));

  app.get(USER_CENTER_PATHS.entities, { schema: { response: { 200: accountEntitiesResponse } } }, async (request) => userCenter.entities(personOf(request)));

  app.post(USER_CENTER_PATHS.entities, { schema: { body: registerEntityRequest, response: { 201: registerEntityResponse } } }, async (request, reply) => {
    const personId = personOf(request);
    const registered = await registration.register(personId, request.body, requestContext(request));
    const { entities } = await userCenter.entities(personId);
    const entity = entities.find((listed) => listed.id === registered.id);
    // Its registrant represents it, so it is among their entities.
    if (!entity) throw new Error('a registered entity is missing from its representative’s entities');
    return reply.status(201).send({ entity });
  });

  app.get(USER_CENTER_PATHS.agents, { schema: { params: idParams, response: { 200: agentListResponse } } }, async (request) => agents.list(personOf(request), request.params.id));

  app.post(USER_CENTER_PATHS.agents, { schema: { params: idParams, body: grantAgentRequest, response: { 201: grantAgentResponse } } }, async (request, reply) => {
    const agent = await agents.grant(personOf(request), request.params.id, request.body, requestContext(request));
    return reply.status(201).send({ agent });
  });

  app.post(USER_CENTER_PATHS.revokeAgent, { schema: { params: grantParams, body: emptyRequest, response: { 200: revokeAgentResponse } } }, async (request) =>
    agents.revoke(personOf(request), request.params.id, request.params.grantId, requestContext(request)),
  );

  // 登录设备与会话 (docs/api.md § User center).
  app.get(USER_CENTER_PATHS.sessions, { schema: { response: { 200: accountSessionsResponse } } }, async (request, reply) => {
    const personId = personOf(request);
    return accountSessions.list(personId, await currentUid(request, reply, personId));
  });

  app.post(USER_CENTER_PATHS.endSession, { schema: { params: idParams, body: emptyRequest, response: { 200: endSessionResponse } } }, async (request, reply) => {
    const personId = personOf(request);
    return accountSessions.end(personId, request.params.id, await currentUid(request, reply, personId), requestContext(request));
  });

  app.post(USER_CENTER_PATHS.endOtherSessions, { schema: { body: emptyRequest, response: { 200: endOtherSessionsResponse } } }, async (request, reply) => {
    const personId = personOf(request);
    return accountSessions.endOthers(personId, await currentUid(request, reply, personId), requestContext(request));
  });
}
