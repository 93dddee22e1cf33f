import type { FastifyInstance } from 'fastify';

/**
 * Closing the server (SIGTERM) stops new connections and closes the idle
 * ones, but a keep-alive connection whose request was still in flight stays
 * open after its answer until the keep-alive timeout (Fastify: 72 s), and
 * holds the close that long. So once the close has begun, every answer that
 * finishes closes the connections that have just gone idle: the request in
 * flight completes, then its connection ends. This covers the raw answers
 * too (oidc-provider's, the streams'), which Fastify's hooks never see.
 */
export function drainConnectionsOnClose(app: FastifyInstance) {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.server.on('request', (_request, response) => {
    response.once('finish', () => {
      // After Node's own 'finish' handling has detached the socket from the answer, i.e. made it idle.
      if (closing) setImmediate(() => app.server.closeIdleConnections());
    });
  });
}
