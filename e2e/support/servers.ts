// Starts the real platform and the demo relying party (edu-portal) in-process
// for one browser test file, on free ports chosen at run time.
//
// Both are addressed as http://localhost:<port> — the names the browser uses —
// so cookies, the Origin check and the registered redirect URIs all match.
// The browser suite always runs on the embedded default storage (SQLite in a
// temp dir + the in-process key-value store): DATABASE_URL / REDIS_URL from
// the outer environment are never passed through.
import { freePort } from '../../apps/idp/test/harness.ts';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../apps/idp/src/config.ts';
import { composePlatform, type Platform } from '../../apps/idp/src/compose.ts';
import { createEduPortal } from '../../apps/edu-portal/src/app.ts';
import { loadConfig as loadEduConfig } from '../../apps/edu-portal/src/config.ts';

export const PORTAL_INDEX = fileURLToPath(new URL('../../apps/portal/dist/index.html', import.meta.url));

export interface Servers {
  /** The platform, e.g. http://localhost:41234 (portal at `/`, OIDC at `/oidc`). */
  platformUrl: string;
  /** The demo relying party, e.g. http://localhost:41235. */
  eduUrl: string;
  platform: Platform;
  edu: FastifyInstance;
  stop(): Promise<void>;
}

/**
 * `host: 'localhost'` makes Fastify bind every address the resolver gives for
 * localhost (127.0.0.1, and ::1 where /etc/hosts lists it), so the browser
 * reaches the server whichever family it tries first. 127.0.0.1 must be among
 * them: Chromium falls back to it when ::1 is refused.
 */
async function listenOnLoopback(app: FastifyInstance, port: number): Promise<void> {
  await app.listen({ host: 'localhost', port });
  const addresses = app.addresses().map((a) => (typeof a === 'string' ? a : a.address));
  if (!addresses.includes('127.0.0.1')) {
    throw new Error(`expected the server to listen on 127.0.0.1:${port}, got ${addresses.join(', ')}`);
  }
}

export function assertPortalBuilt(): void {
  if (!existsSync(PORTAL_INDEX)) {
    throw new Error(
      `The portal SPA is not built (${PORTAL_INDEX} is missing). Run \`npm run build\` first ` +
        '(`npm test` / `npm run test:e2e` do this for you).',
    );
  }
}

export async function startServers(): Promise<Servers> {
  assertPortalBuilt();
  const platformPort = await freePort();
  let eduPort = await freePort();
  while (eduPort === platformPort) eduPort = await freePort();
  const platformUrl = `http://localhost:${platformPort}`;
  const eduUrl = `http://localhost:${eduPort}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'uia-e2e-'));

  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  // Always the embedded default storage, whatever the outer environment says.
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  Object.assign(env, {
    UIA_MODE: 'demo',
    PORT: String(platformPort),
    PUBLIC_URL: platformUrl,
    DATA_DIR: dataDir,
    UIA_LOG_LEVEL: 'silent',
    UIA_TRUST_PROXY: 'false',
    UIA_DEMO_RP_URL: eduUrl,
  });

  let platform: Platform | undefined;
  let edu: FastifyInstance | undefined;
  try {
    platform = await composePlatform(loadConfig(env));
    await listenOnLoopback(platform.app, platformPort);

    const eduConfig = loadEduConfig({
      UIA_MODE: 'demo',
      EDU_PORT: String(eduPort),
      EDU_HOST: 'localhost',
      EDU_ISSUER: `${platformUrl}/oidc`,
      EDU_BASE_URL: eduUrl,
    });
    edu = createEduPortal(eduConfig);
    await listenOnLoopback(edu, eduPort);
  } catch (error) {
    await edu?.close().catch(() => undefined);
    await platform?.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  const startedPlatform = platform;
  const startedEdu = edu;
  return {
    platformUrl,
    eduUrl,
    platform: startedPlatform,
    edu: startedEdu,
    async stop() {
      await startedEdu.close();
      await startedPlatform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
