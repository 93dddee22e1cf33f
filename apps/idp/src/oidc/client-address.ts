import type { IncomingMessage } from 'node:http';

const CLIENT_ADDRESS = Symbol('uia.clientAddress');

type WithClientAddress = IncomingMessage & { [CLIENT_ADDRESS]?: string };

/**
 * The client address Fastify resolved (UIA_TRUST_PROXY decides which
 * X-Forwarded-For entries count), handed to oidc-provider's requests: Koa's
 * own `ctx.ip` would believe the leftmost entry, which the client writes.
 */
export function setClientAddress(req: IncomingMessage, address: string): void {
  (req as WithClientAddress)[CLIENT_ADDRESS] = address;
}

export function clientAddress(req: IncomingMessage): string | undefined {
  return (req as WithClientAddress)[CLIENT_ADDRESS];
}
