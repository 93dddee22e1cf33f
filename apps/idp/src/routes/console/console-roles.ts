import type { FastifyInstance } from 'fastify';
import {
  CONSOLE_ACCESS_PATHS,
  CONSOLE_ROLE_NAMES,
  consoleRoleHoldersResponse,
  emptyRequest,
  grantConsoleRoleRequest,
  grantConsoleRoleResponse,
  revokeConsoleRoleParams,
  revokeConsoleRoleResponse,
} from '@uia/schemas';
import type { ConsoleRoleHolder, ConsoleRoles } from '../../services/console/console-roles.ts';
import { requestContext } from '../request-context.ts';
import { withContractSchemas } from '../zod-route-schemas.ts';
import type { ConsoleRouteOptions } from './console-actor.ts';

const onWire = (holder: ConsoleRoleHolder) => ({ ...holder, roleName: CONSOLE_ROLE_NAMES[holder.role], grantedAt: new Date(holder.grantedAt).toISOString() });

/** 角色管理: list the console role holders, grant a role to a person found by exact identifier, revoke one. */
export async function consoleRoleRoutes(plugin: FastifyInstance, options: ConsoleRouteOptions & { roles: ConsoleRoles }) {
  const app = withContractSchemas(plugin);
  const { roles, actorOf } = options;
  const granter = (request: Parameters<typeof actorOf>[0]) => ({ ...actorOf(request), ip: requestContext(request).ip });

  app.get(CONSOLE_ACCESS_PATHS.roles, { schema: { response: { 200: consoleRoleHoldersResponse } } }, async () => ({ holders: (await roles.holders()).map(onWire) }));

  app.post(CONSOLE_ACCESS_PATHS.roles, { schema: { body: grantConsoleRoleRequest, response: { 201: grantConsoleRoleResponse } } }, async (request, reply) => {
    const holder = await roles.grant(granter(request), request.body.identifier, request.body.role);
    return reply.status(201).send({ holder: onWire(holder) });
  });

  app.post(CONSOLE_ACCESS_PATHS.revokeRole, { schema: { params: revokeConsoleRoleParams, body: emptyRequest, response: { 200: revokeConsoleRoleResponse } } }, async (request) => {
    await roles.revoke(granter(request), request.params.accountId);
    return { revoked: true as const };
  });
}
