import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { spaShell } from './spa-shell.ts';
import { registerStaticFiles } from './static-files.ts';

/** Pathnames the portal single-page app answers (besides /interaction/:uid). */
export const PORTAL_PAGES = ['/', '/register', '/forgot-password', '/terms', '/privacy', '/account'];

/**
 * Serves the built portal (apps/portal/dist) and the idp's own page styles.
 * Returns the function other routes use to answer with the SPA shell.
 */
export async function registerPortalPages(app: FastifyInstance, options: { portalDistDir: string; staticDir: string }) {
  // Pages restored from the back-forward cache reload (mount()).
  const sendShell = spaShell(app, options.portalDistDir, '门户页面尚未构建，请先运行 npm run build');
  const sendPortal = (reply: FastifyReply) => sendShell(reply);

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
