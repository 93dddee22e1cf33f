import type { FastifyInstance } from 'fastify';

/**
 * Every URL the platform publishes comes from PUBLIC_URL, whatever the
 * request says its host is. oidc-provider builds discovery, jwks_uri, its
 * endpoints and redirects from the request's host and protocol (Host,
 * X-Forwarded-Host and X-Forwarded-Proto when a proxy is trusted), so a
 * request naming another host (`Host: evil.example`, a misconfigured proxy)
 * would make it publish that host. Before any route sees a request, its host
 * and protocol are set to PUBLIC_URL's: they describe where the platform is,
 * which only the configuration knows. Nothing else reads them (the client
 * address still comes from X-Forwarded-For through UIA_TRUST_PROXY).
 */
export function registerCanonicalOrigin(app: FastifyInstance, publicUrl: string) {
  const { host, protocol } = new URL(publicUrl);
  const forwardedProto = protocol.slice(0, -1);
  app.addHook('onRequest', async (request) => {
    const headers = request.raw.headers;
    headers.host = host;
    delete headers['x-forwarded-host'];
    headers['x-forwarded-proto'] = forwardedProto;
  });
}
