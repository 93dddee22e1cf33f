import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { setClientAddress } from '../oidc/client-address.ts';

export const OIDC_PREFIX = '/oidc';

/**
 * Hands everything under /oidc to oidc-provider untouched: the body stream is
 * left unread for it, and `originalUrl` tells it the mount path so the URLs
 * it builds (discovery, redirects) carry the prefix.
 */
export async function oidcMount(app: FastifyInstance, options: { provider: Provider }) {
  const callback = options.provider.callback();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  const handler = (request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    const raw: IncomingMessage & { originalUrl?: string } = request.raw;
    raw.originalUrl = raw.url;
    raw.url = raw.url!.slice(OIDC_PREFIX.length) || '/';
    setClientAddress(raw, request.ip);
    void callback(raw, reply.raw);
  };
  app.all(OIDC_PREFIX, handler);
  app.all(`${OIDC_PREFIX}/*`, handler);
}
