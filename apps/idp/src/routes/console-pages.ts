import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { CONSOLE_PATHS } from '@uia/schemas';
import { spaShell } from './spa-shell.ts';
import { registerStaticFiles } from './static-files.ts';

/** Pathnames the operator console (apps/console, a single-page app under /console/) answers; the API checks the role. */
export const CONSOLE_PAGES = ['/console/', '/console/clients', '/console/health', '/console/accounts', '/console/roles', '/console/audit'];

/**
 * Serves the built operator console (apps/console/dist) at /console/: its
 * hashed bundles (immutable, precompressed) and the SPA shell for its pages
 * (no-cache). The console's login, callback and logout (console-login.ts)
 * are routes of their own; the shell never holds data — every page asks
 * /api/console, which answers 401 without a console session.
 */
export async function registerConsolePages(app: FastifyInstance, options: { consoleDistDir: string | undefined }) {
  const dist = options.consoleDistDir;
  const sendShell = spaShell(app, dist, '管理控制台页面尚未构建，请先运行 npm run build');

  if (dist && existsSync(join(dist, 'assets'))) {
    await registerStaticFiles(app, { root: join(dist, 'assets'), prefix: '/console/assets/', decorateReply: false, immutable: true, maxAge: '365d', preCompressed: true });
  }

  app.get('/console', (_request, reply) => reply.redirect(CONSOLE_PATHS.page, 302));
  for (const page of CONSOLE_PAGES) app.get(page, (_request, reply) => sendShell(reply));
  // Any other page path under /console/: the shell (status 404) shows 页面不存在.
  app.get('/console/*', (_request, reply) => sendShell(reply, 404));
}
