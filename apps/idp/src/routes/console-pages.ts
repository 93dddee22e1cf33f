import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { CONSOLE_PAGES, CONSOLE_PATHS } from '@uia/schemas';
import { spaShell } from './spa-shell.ts';
import { registerStaticFiles } from './static-files.ts';

/**
 * Serves the built operator console (apps/console/dist) at /console/: its
 * hashed bundles and the shell for its pages (CONSOLE_PAGES). The shell is
 * public like any page; what it shows comes from the console API, which
 * checks the session and the role on every call (routes/console/index.ts).
 * Any other page path under /console/ gets the shell with 404 (it shows
 * 页面不存在); /console/login/*, /console/callback and /console/logout are
 * the console's login routes (console-login.ts).
 */
export async function registerConsolePages(app: FastifyInstance, options: { consoleDistDir: string | undefined }) {
  const dist = options.consoleDistDir;
  const sendShell = spaShell(app, dist, '管理控制台页面尚未构建，请先运行 npm run build');
  if (dist && existsSync(join(dist, 'assets'))) {
    await registerStaticFiles(app, { root: join(dist, 'assets'), prefix: `${CONSOLE_PATHS.page}assets/`, decorateReply: false, immutable: true, maxAge: '365d', preCompressed: true });
  }
  app.get('/console', (_request, reply) => reply.redirect(CONSOLE_PATHS.page, 302));
  for (const page of Object.values(CONSOLE_PAGES)) app.get(page, (_request, reply) => sendShell(reply));
  app.get(`${CONSOLE_PATHS.page}*`, (_request, reply) => sendShell(reply, 404));
}
