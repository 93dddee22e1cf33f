import type { FastifyInstance, FastifyRequest } from 'fastify';
import { emptyRequest, grantAgentRequest, registerEntityRequest } from '@uia/schemas';
import type { AgentGrants } from '../services/entities/agent-grants.ts';
import type { EntityRegistration } from '../services/entities/entity-registration.ts';
import type { UserCenter } from '../services/user-center/user-center.ts';
import type { UserCenterSessions } from '../services/user-center/user-center-sessions.ts';
import { parseBody } from './parse-body.ts';
import { requestContext } from './request-context.ts';
import { requireUserCenterSession } from './user-center-session.ts';

type EntityRequest = FastifyRequest<{ Params: { id: string; grantId?: string } }>;

/**
 * 用户中心 (/account): the person's own data (masked), the entities they may
 * act for, 注册单位, and for legal representatives 管理经办人. Every call
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
  },
) {
  const { sessions, userCenter, registration, agents } = options;

  const requireSession = (request: FastifyRequest) => requireUserCenterSession(request, sessions);

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
}
