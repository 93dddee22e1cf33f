import type { FastifyInstance } from 'fastify';
import { adminAccountResponse, CONSOLE_ACCOUNT_PATHS, emptyRequest, findAccountRequest, idParams, inPersonCheckRequest, type AdminAccountView } from '@uia/schemas';
import type { AccountAdministration } from '../../services/account-administration/account-administration.ts';
import { requestContext } from '../request-context.ts';
import { withContractSchemas } from '../zod-route-schemas.ts';
import type { ConsoleRouteOptions } from './console-actor.ts';

/**
 * 账号管理 (安全管理员): find one account by exact identifier, its masked
 * view, and the actions on it. Role-agnostic: the console's API root lets
 * only the security administrator reach this plugin (console-actor.ts).
 */
export async function consoleAccountRoutes(plugin: FastifyInstance, options: ConsoleRouteOptions & { administration: AccountAdministration }) {
  const app = withContractSchemas(plugin);
  const { actorOf, administration } = options;
  const account = { response: { 200: adminAccountResponse } };
  const action = { params: idParams, body: emptyRequest, ...account };
  const answer = async (view: Promise<AdminAccountView>) => ({ account: await view });

  // Personal data, even masked: never cached.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.post(CONSOLE_ACCOUNT_PATHS.find, { schema: { body: findAccountRequest, ...account } }, async (request) => answer(administration.find(actorOf(request), request.body, requestContext(request))));

  app.get(CONSOLE_ACCOUNT_PATHS.account, { schema: { params: idParams, ...account } }, async (request) => answer(administration.show(actorOf(request), request.params.id, requestContext(request))));

  app.post(CONSOLE_ACCOUNT_PATHS.unlock, { schema: action }, async (request) => answer(administration.unlock(actorOf(request), request.params.id, requestContext(request))));

  app.post(CONSOLE_ACCOUNT_PATHS.disable, { schema: action }, async (request) => answer(administration.disable(actorOf(request), request.params.id, requestContext(request))));

  app.post(CONSOLE_ACCOUNT_PATHS.enable, { schema: action }, async (request) => answer(administration.enable(actorOf(request), request.params.id, requestContext(request))));

  app.post(CONSOLE_ACCOUNT_PATHS.endSessions, { schema: action }, async (request) => answer(administration.endAllSessions(actorOf(request), request.params.id, requestContext(request))));

  app.post(CONSOLE_ACCOUNT_PATHS.inPersonCheck, { schema: { params: idParams, body: inPersonCheckRequest, ...account } }, async (request) =>
    answer(administration.raiseToL4(actorOf(request), request.params.id, request.body.reference, requestContext(request))),
  );
}
