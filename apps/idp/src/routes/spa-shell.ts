import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * A built single-page app's shell (`<distDir>/index.html`, read once at
 * start): the same for everyone and naming hashed bundles, so kept by the
 * browser but revalidated each time (a new build is picked up at once).
 * Without a build: a 503 with `missing` (a Chinese line saying to build).
 */
export function spaShell(app: FastifyInstance, distDir: string | undefined, missing: string) {
  const indexFile = distDir ? join(distDir, 'index.html') : null;
  const shell = indexFile && existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : null;
  if (!shell) app.log.warn(`web app build not found at ${indexFile ?? '(no dist dir)'}; run "npm run build"`);
  return (reply: FastifyReply, status = 200) => {
    reply.header('cache-control', 'no-cache');
    if (!shell) return reply.status(503).type('text/plain; charset=utf-8').send(missing);
    return reply.status(status).type('text/html; charset=utf-8').send(shell);
  };
}
