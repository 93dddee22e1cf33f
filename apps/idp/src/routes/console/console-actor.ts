import type { FastifyRequest } from 'fastify';
import type { ConsoleRole } from '@uia/schemas';

/** The administrator behind a console API request, as the console's session proves it. */
export interface ConsoleActor {
  accountId: string;
  role: ConsoleRole;
}

/**
 * What every console route plugin (one per feature) receives: it never checks
 * roles itself. The console's API root registers each plugin inside a scope
 * whose hook lets only the feature's role through (and 403s the rest), so a
 * handler reached has an actor of that role.
 */
export interface ConsoleRouteOptions {
  actorOf: (request: FastifyRequest) => ConsoleActor;
}
