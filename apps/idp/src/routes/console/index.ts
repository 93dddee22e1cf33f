import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ConsoleRole } from '@uia/schemas';
import { AppError } from '../../errors.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { AccountAdministration } from '../../services/account-administration/account-administration.ts';
import type { AuditReview } from '../../services/audit-review/audit-review.ts';
import type { ClientRegistry } from '../../services/clients/client-registry.ts';
import type { PlatformOperations } from '../../services/operations/platform-operations.ts';
import type { ConsoleRoles } from '../../services/console/console-roles.ts';
import type { ConsoleSessions } from '../../services/console/console-sessions.ts';
import { authenticateEveryRoute } from '../authenticated-routes.ts';
import type { ConsoleActor, ConsoleRouteOptions } from './console-actor.ts';
import { consoleAccountRoutes } from './console-accounts.ts';
import { consoleAuditRoutes } from './console-audit.ts';
import { consoleClientRoutes } from './console-clients.ts';
import { consoleMeRoutes } from './console-me.ts';
import { consoleRoleRoutes } from './console-roles.ts';
import { useConsoleSession } from './console-session-cookie.ts';

/** The services console features use; a feature's plugin takes what it needs from here. */
export interface ConsoleServices {
  sessions: ConsoleSessions;
  roles: ConsoleRoles;
  audit: AuditLog;
  /** 系统管理员: the relying-party registry, signing keys and the health view. */
  clientRegistry: ClientRegistry;
  operations: PlatformOperations;
  /** 安全管理员: accounts. */
  accounts: AccountAdministration;
  /** 审计管理员: search, export and integrity check of the chained trail. */
  auditReview: AuditReview;
}

/**
 * One console feature: the only role that may call its routes (`any`: every
 * console role, for the administrator's own view), and how its role-agnostic
 * plugin (routes/console/console-<feature>.ts) is registered.
 */
export interface ConsoleFeature {
  role: ConsoleRole | 'any';
  register: (scope: FastifyInstance, base: ConsoleRouteOptions) => Promise<unknown>;
}

/**
 * THE CONSOLE'S REGISTRATION TABLE: one row per feature plugin. A new feature
 * adds its row here (and its routes to the rule table of
 * test/console-authorization.int.test.ts, or that test fails).
 */
export function consoleFeatures(services: ConsoleServices): ConsoleFeature[] {
  return [
    { role: 'any', register: async (scope, base) => scope.register(consoleMeRoutes, { ...base, roles: services.roles }) },
    // 系统管理员
    { role: 'system', register: async (scope, base) => scope.register(consoleClientRoutes, { ...base, registry: services.clientRegistry, operations: services.operations }) },
    // 安全管理员
    { role: 'security', register: async (scope, base) => scope.register(consoleRoleRoutes, { ...base, roles: services.roles }) },
    { role: 'security', register: async (scope, base) => scope.register(consoleAccountRoutes, { ...base, administration: services.accounts }) },
    // 审计管理员
    { role: 'audit', register: async (scope, base) => scope.register(consoleAuditRoutes, { ...base, review: services.auditReview }) },
  ];
}

/**
 * The console API root (CONSOLE_PATHS.api): every request needs a live console
 * session (401 CONSOLE_LOGIN_REQUIRED) of an account that holds a console role
 * now (403 CONSOLE_ROLE_REQUIRED: a role revoked ends the console at once);
 * each feature sits in its own scope whose hook lets only its role through
 * (403 CONSOLE_ROLE_REQUIRED). Plugins never check roles themselves.
 */
export async function consoleApiRoutes(app: FastifyInstance, options: { services: ConsoleServices; features: ConsoleFeature[] }) {
  const { sessions, roles } = options.services;
  const actorOf = authenticateEveryRoute(app, async (request: FastifyRequest): Promise<ConsoleActor> => {
    const session = await useConsoleSession(request, sessions);
    if (!session) throw new AppError('CONSOLE_LOGIN_REQUIRED');
    const role = await roles.roleOf(session.accountId);
    if (!role) throw new AppError('CONSOLE_ROLE_REQUIRED');
    return { accountId: session.accountId, role };
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  for (const feature of options.features) {
    await app.register(async (scope) => {
      if (feature.role !== 'any') {
        const allowed = feature.role;
        scope.addHook('onRequest', async (request) => {
          if (actorOf(request).role !== allowed) throw new AppError('CONSOLE_ROLE_REQUIRED');
        });
      }
      await feature.register(scope, { actorOf });
    });
  }
}
