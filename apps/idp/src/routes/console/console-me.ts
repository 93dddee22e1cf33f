import type { FastifyInstance } from 'fastify';
import { CONSOLE_ACCESS_PATHS, CONSOLE_ROLE_NAMES, consoleMeResponse } from '@uia/schemas';
import type { ConsoleRoles } from '../../services/console/console-roles.ts';
import { withContractSchemas } from '../zod-route-schemas.ts';
import type { ConsoleRouteOptions } from './console-actor.ts';

/** The administrator's own view (every role): the console's header shows it and builds its navigation from the role. */
export async function consoleMeRoutes(plugin: FastifyInstance, options: ConsoleRouteOptions & { roles: ConsoleRoles }) {
  withContractSchemas(plugin).get(CONSOLE_ACCESS_PATHS.me, { schema: { response: { 200: consoleMeResponse } } }, async (request) => {
    const { accountId, role } = options.actorOf(request);
    return { role, roleName: CONSOLE_ROLE_NAMES[role], name: await options.roles.maskedName(accountId) };
  });
}
