import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { registerStaticFiles } from './static-files.ts';

/** Pathnames the portal single-page app answers (besides /interaction/:uid). */
export const PORTAL_PAGES = ['/', '/register', '/forgot-password', '/terms', '/privacy', '/account'];

/**
 * Serves the built portal (apps/portal/dist) and the idp's own page styles.
 * Returns the function other routes use to answer with the SPA shell.
 */
export async function registerPortalPages(app: FastifyInstance, options: { portalDistDir: string; staticDir: string }) {
  const indexFile = join(options.portalDistDir, 'index.html');
  const shell = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : null;
  if (!shell) app.log.warn(`portal build not found at ${indexFile}; run "npm run build"`);

  // The shell is the same for everyone and names hashed bundles: kept, but asked for again each time
  // (a new build is picked up at once). Pages restored from the back-forward cache reload (mount()).
  const sendPortal = (reply: FastifyReply) => {
    reply.header('cache-control', 'no-cache');
    if (!shell) return reply.status(503).type('text/plain; charset=utf-8').send('门户页面尚未构建，请先运行 npm run build');
    return reply.type('text/html; charset=utf-8').send(shell);
  };

  if (existsSync(join(options.portalDistDir, 'assets'))) {
    await registerStaticFiles(app, { root: join(options.portalDistDir, 'assets'), prefix: '/assets/', decorateReply: false, immutable: true, maxAge: '365d', preCompressed: true });
  }
  await registerStaticFiles(app, { root: options.staticDir, prefix: '/static/', decorateReply: false });
  const favicon = join(options.portalDistDir, 'favicon.svg');
  if (existsSync(favicon)) {
    const icon = readFileSync(favicon);
    app.get('/favicon.svg', (_request, reply) => reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(icon));
  }
  for (const page of PORTAL_PAGES) app.get(page, (_request, reply) => sendPortal(reply));
  return sendPortal;
}
