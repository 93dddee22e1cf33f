import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * Closing the server (SIGTERM) stops new connections and lets the requests in
 * flight finish; every connection not carrying one must end too, or it holds
 * the close:
 * - a keep-alive connection whose answer went out during the close stays open
 *   until the keep-alive timeout (Fastify: 72 s);
 * - a connection that has not sent a whole request yet (just opened, or its
 *   headers still coming) is not idle to Node (its header timeout runs, 60 s),
 *   so `closeIdleConnections` leaves it.
 * So each connection counts the answers it owes, and once the close has begun
 * a connection owing none is ended: at once, when it connects, and when its
 * last answer is done. Answers sent raw (oidc-provider's, the streams') count
 * too, since the count follows Node's own request and response events.
 */
export function drainConnectionsOnClose(app: FastifyInstance) {
  let closing = false;
  const answersOwed = new Map<Socket, number>();
  const endWhenNothingOwed = (socket: Socket) => {
    if (closing && !answersOwed.get(socket)) socket.destroy();
  };
  app.server.on('connection', (socket: Socket) => {
    answersOwed.set(socket, 0);
    socket.once('close', () => answersOwed.delete(socket));
    endWhenNothingOwed(socket);
  });
  app.server.on('request', (request, response) => {
    const socket = request.socket;
    answersOwed.set(socket, (answersOwed.get(socket) ?? 0) + 1);
    response.once('close', () => {
      const owed = answersOwed.get(socket);
      if (owed === undefined) return;
      answersOwed.set(socket, owed - 1);
      if (!closing) return;
      // 'close' follows 'finish', which Node emits once the answer's last bytes are written to the socket,
      // so ending it drops nothing; the next turn lets Node detach the answer from the socket first.
      setImmediate(() => endWhenNothingOwed(socket));
    });
  });
  app.addHook('preClose', async () => {
    closing = true;
    for (const socket of answersOwed.keys()) endWhenNothingOwed(socket);
  });
}
