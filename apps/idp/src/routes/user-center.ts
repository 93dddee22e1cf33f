import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { emptyRequest, grantAgentRequest, registerEntityRequest } from '@uia/schemas';
import type { AgentGrants } from '../services/entities/agent-grants.ts';
import type { EntityRegistration } from '../services/entities/entity-registration.ts';
import { personIdOf } from '../services/entities/acting-principal.ts';
import type { AccountSessions } from '../services/user-center/account-sessions.ts';
import type { UserCenter } from '../services/user-center/user-center.ts';
import type { UserCenterSessions } from '../services/user-center/user-center-sessions.ts';
import type { BrowserPlatformSession } from './browser-platform-session.ts';
import { parseBody } from './parse-body.ts';
import { requestContext } from './request-context.ts';
import { requireUserCenterSession } from './user-center-session.ts';

type EntityRequest = FastifyRequest<{ Params: { id: string; grantId?: string } }>;
type SessionRequest = FastifyRequest<{ Params: { id: string } }>;

/**
 * 用户中心 (/account): the person's own data (masked), the entities they may
 * act for, 注册单位, for legal representatives 管理经办人, and 登录设备与会话. Every call
 * needs the user-center session (401 ACCOUNT_LOGIN_REQUIRED: the page then
 * logs in again through /login/start); its login and logout are the
 * portal's own relying party (routes/portal-self-login.ts).
 */
export async function userCenterRoutes(
  app: FastifyInstance,
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
  const { sessions, userCenter, registration, agents, accountSessions } = options;

  const requireSession = (request: FastifyRequest) => requireUserCenterSession(request, sessions);

  /** 登录设备与会话's "this one": the browser's own platform session, when it is this person's. */
  const currentUid = async (request: FastifyRequest, reply: FastifyReply, personId: string) => {
    const own = await options.platformSession(request, reply);
    return own && personIdOf(own.accountId) === personId ? own.uid : null;
  };

  // Personal data, even masked: never cached.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/account/')) reply.header('cache-control', 'no-store');
  });

  app.get('/api/account/me', async (request) => userCenter.me((await requireSession(request)).personId));

  app.get('/api/account/entities', async (request) => userCenter.entities((await requireSession(request)).personId));

  app.post('/api/account/entities', async (request, reply) => {
    const body = parseBody(registerEntityRequest, request.body);
    const { personId } = await requireSession(request);
    const entity = await registration.register(personId, body, requestContext(request));
    const { entities } = await userCenter.entities(personId);
    return reply.status(201).send({ entity: entities.find((listed) => listed.id === entity.id) });
  });

  app.get('/api/account/entities/:id/agents', async (request: EntityRequest) => agents.list((await requireSession(request)).personId, request.params.id));

  app.post('/api/account/entities/:id/agents', async (request: EntityRequest, reply) => {
    const body = parseBody(grantAgentRequest, request.body);
    const { personId } = await requireSession(request);
    const agent = await agents.grant(personId, request.params.id, body, requestContext(request));
    return reply.status(201).send({ agent });
  });

  app.post('/api/account/entities/:id/agents/:grantId/revoke', async (request: EntityRequest) => {
    parseBody(emptyRequest, request.body ?? {});
    const { personId } = await requireSession(request);
    return agents.revoke(personId, request.params.id, request.params.grantId!, requestContext(request));
  });

  // 登录设备与会话 (docs/api.md § User center).
  app.get('/api/account/sessions', async (request, reply) => {
    const { personId } = await requireSession(request);
    return accountSessions.list(personId, await currentUid(request, reply, personId));
  });

  app.post('/api/account/sessions/:id/end', async (request: SessionRequest, reply) => {
    parseBody(emptyRequest, request.body ?? {});
    const { personId } = await requireSession(request);
    return accountSessions.end(personId, request.params.id, await currentUid(request, reply, personId), requestContext(request));
  });

  app.post('/api/account/sessions/end-others', async (request, reply) => {
    parseBody(emptyRequest, request.body ?? {});
    const { personId } = await requireSession(request);
    return accountSessions.endOthers(personId, await currentUid(request, reply, personId), requestContext(request));
  });
}
