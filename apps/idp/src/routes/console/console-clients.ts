import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  clientDeletedResponse,
  clientIdParams,
  clientSecretResponse,
  CONSOLE_CLIENT_PATHS,
  platformHealthResponse,
  relyingParty,
  relyingPartyListResponse,
  relyingPartyMetadata,
  relyingPartySavedResponse,
  signingKeysRotatedResponse,
} from '@uia/schemas';
import { z } from 'zod';
import type { ClientRegistry } from '../../services/clients/client-registry.ts';
import type { OperatorActor } from '../../services/operations/operator-actor.ts';
import type { PlatformOperations } from '../../services/operations/platform-operations.ts';
import { withContractSchemas } from '../zod-route-schemas.ts';
import type { ConsoleRouteOptions } from './console-actor.ts';

const emptyRequest = z.strictObject({});

/**
 * 依赖方管理 and the platform's keys and health (系统管理员's console pages).
 * Role-agnostic: the console's API root lets only its role reach these.
 */
export async function consoleClientRoutes(plugin: FastifyInstance, options: ConsoleRouteOptions & { registry: ClientRegistry; operations: PlatformOperations }) {
  const app = withContractSchemas(plugin);
  const { registry, operations } = options;
  const actorOf = (request: FastifyRequest): OperatorActor => ({ kind: 'console', ...options.actorOf(request) });

  // A client secret is answered once: never kept by a cache.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(CONSOLE_CLIENT_PATHS.clients, { schema: { response: { 200: relyingPartyListResponse } } }, async () => ({ clients: await registry.list() }));

  app.post(CONSOLE_CLIENT_PATHS.clients, { schema: { body: relyingPartyMetadata, response: { 201: relyingPartySavedResponse } } }, async (request, reply) => {
    const { client, clientSecret } = await registry.register(request.body, actorOf(request));
    return reply.status(201).send({ client, client_secret: clientSecret });
  });

  app.get(CONSOLE_CLIENT_PATHS.client, { schema: { params: clientIdParams, response: { 200: relyingParty } } }, async (request) => registry.get(request.params.clientId));

  app.put(CONSOLE_CLIENT_PATHS.client, { schema: { params: clientIdParams, body: relyingPartyMetadata, response: { 200: relyingPartySavedResponse } } }, async (request) => {
    const { client, clientSecret } = await registry.update(request.params.clientId, request.body, actorOf(request));
    return { client, client_secret: clientSecret };
  });

  app.delete(CONSOLE_CLIENT_PATHS.client, { schema: { params: clientIdParams, response: { 200: clientDeletedResponse } } }, async (request) => {
    await registry.delete(request.params.clientId, actorOf(request));
    return { client_id: request.params.clientId, deleted: true as const };
  });

  for (const [path, enabled] of [
    [CONSOLE_CLIENT_PATHS.disable, false],
    [CONSOLE_CLIENT_PATHS.enable, true],
  ] as const) {
    app.post(path, { schema: { params: clientIdParams, body: emptyRequest, response: { 200: relyingParty } } }, async (request) =>
      registry.setEnabled(request.params.clientId, enabled, actorOf(request)),
    );
  }

  app.post(CONSOLE_CLIENT_PATHS.rotateSecret, { schema: { params: clientIdParams, body: emptyRequest, response: { 200: clientSecretResponse } } }, async (request) => {
    const { clientId, clientSecret } = await registry.rotateSecret(request.params.clientId, actorOf(request));
    return { client_id: clientId, client_secret: clientSecret };
  });

  app.post(CONSOLE_CLIENT_PATHS.rotateSigningKeys, { schema: { body: emptyRequest, response: { 200: signingKeysRotatedResponse } } }, async (request) =>
    operations.rotateSigningKeys(actorOf(request)),
  );

  app.get(CONSOLE_CLIENT_PATHS.health, { schema: { response: { 200: platformHealthResponse } } }, async () => operations.health());
}
