import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * For an encapsulated plugin whose every route needs the same login: an
 * onRequest hook authenticates once, before the body is even read (so a
 * caller without it learns nothing else), and handlers take the result with
 * the function returned.
 */
export function authenticateEveryRoute<Session extends object>(app: FastifyInstance, authenticate: (request: FastifyRequest) => Promise<Session>) {
  const sessions = new WeakMap<FastifyRequest, Session>();
  app.addHook('onRequest', async (request) => {
    sessions.set(request, await authenticate(request));
  });
  return (request: FastifyRequest): Session => {
    const session = sessions.get(request);
    // Only a route registered outside this plugin could get here.
    if (!session) throw new Error('route is not behind its authentication hook');
    return session;
  };
}
