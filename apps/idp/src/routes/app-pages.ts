import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../errors.ts';
import { APP_PAGE_PERMISSIONS_POLICY } from './security-headers.ts';
import { spaShell } from './spa-shell.ts';
import { registerStaticFiles } from './static-files.ts';

/** Pathnames the companion app (apps/app, a single-page app under /app/) answers. */
export const APP_PAGES = ['/app/', '/app/login', '/app/login/sms', '/app/scan', '/app/qr/:id', '/app/me', '/app/settings', '/app/phone'];

/** The app's icons (dist/icons), by file name. */
const ICONS: Record<string, string> = {
  'icon.svg': 'image/svg+xml',
  'icon-192.png': 'image/png',
  'icon-512.png': 'image/png',
  'maskable-512.png': 'image/png',
};

function readIfExists(file: string): Buffer | null {
  return existsSync(file) ? readFileSync(file) : null;
}

/**
 * Serves the built companion app (apps/app/dist) at /app/: its hashed
 * bundles, the PWA manifest (named after the configured platform and app), the
 * service worker (`/app/sw.js`, scope /app/), icons, and the SPA shell for
 * the app's pages. The shell's pages may use the camera of this origin
 * (人脸识别, 扫一扫); every other page keeps `camera=()`. Nothing here
 * answers /app/api/*: unknown API paths stay JSON 404s.
 */
export async function registerAppPages(app: FastifyInstance, options: { appDistDir: string | undefined; platformName: string; appName: string }) {
  const dist = options.appDistDir;
  const sendAppShell = spaShell(app, dist, '手机端页面尚未构建，请先运行 npm run build');
  const sendShell = (reply: FastifyReply, status = 200) => sendAppShell(reply.header('permissions-policy', APP_PAGE_PERMISSIONS_POLICY), status);

  if (dist && existsSync(join(dist, 'assets'))) {
    await registerStaticFiles(app, { root: join(dist, 'assets'), prefix: '/app/assets/', decorateReply: false, immutable: true, maxAge: '365d', preCompressed: true });
  }

  // The service worker: always revalidated, so a new build's shell is picked up.
  const sw = dist ? readIfExists(join(dist, 'sw.js')) : null;
  app.get('/app/sw.js', (_request, reply) => {
    if (!sw) throw new AppError('NOT_FOUND');
    return reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').header('service-worker-allowed', '/app/').send(sw);
  });

  // The manifest carries the configured platform name (branding comes from configuration) and, as the
  // home-screen name, the app name the 扫码登录 panel tells people to look for.
  const manifestFile = dist ? readIfExists(join(dist, 'manifest.webmanifest')) : null;
  let manifest: string | null = null;
  if (manifestFile) {
    const parsed = JSON.parse(manifestFile.toString('utf8')) as Record<string, unknown>;
    manifest = JSON.stringify({ ...parsed, name: options.platformName, short_name: options.appName });
  }
  app.get('/app/manifest.webmanifest', (_request, reply) => {
    if (!manifest) throw new AppError('NOT_FOUND');
    return reply.type('application/manifest+json; charset=utf-8').header('cache-control', 'no-cache').send(manifest);
  });

  const icons = new Map<string, Buffer>();
  for (const name of Object.keys(ICONS)) {
    const data = dist ? readIfExists(join(dist, 'icons', name)) : null;
    if (data) icons.set(name, data);
  }
  app.get<{ Params: { name: string } }>('/app/icons/:name', (request, reply) => {
    const data = icons.get(request.params.name);
    const type = ICONS[request.params.name];
    if (!data || !type) throw new AppError('NOT_FOUND');
    return reply.type(type).header('cache-control', 'public, max-age=86400').send(data);
  });

  app.get('/app', (_request, reply) => reply.redirect('/app/', 302));
  for (const page of APP_PAGES) app.get(page, (_request, reply) => sendShell(reply));
  // Any other page path under /app/: the shell shows 页面不存在 (status 404); the API keeps its JSON 404.
  app.get('/app/*', (request, reply) => {
    if (request.url.startsWith('/app/api/') || request.url === '/app/api') throw new AppError('NOT_FOUND');
    return sendShell(reply, 404);
  });
}
