// Starts the real platform and the demo relying party (edu-portal) in-process
// for one browser test file, on free ports chosen at run time.
//
// Both are addressed as http://localhost:<port> — the names the browser uses —
// so cookies, the Origin check and the registered redirect URIs all match.
// The browser suite always runs on the embedded default storage (SQLite in a
// temp dir + the in-process key-value store): DATABASE_URL / REDIS_URL from
// the outer environment are never passed through.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../apps/idp/src/compose.ts';
import { freePort, startTestPlatform, type TestClock } from '../../apps/idp/test/harness.ts';
import { createEduPortal } from '../../apps/edu-portal/src/app.ts';
import { loadConfig as loadEduConfig } from '../../apps/edu-portal/src/config.ts';

export const PORTAL_INDEX = fileURLToPath(new URL('../../apps/portal/dist/index.html', import.meta.url));
export const APP_INDEX = fileURLToPath(new URL('../../apps/app/dist/index.html', import.meta.url));
export const CONSOLE_INDEX = fileURLToPath(new URL('../../apps/console/dist/index.html', import.meta.url));

export interface Servers {
  /** The platform, e.g. http://localhost:41234 (portal at `/`, OIDC at `/oidc`). */
  platformUrl: string;
  /** The demo relying party, e.g. http://localhost:41235. */
  eduUrl: string;
  platform: Platform;
  /** Moves the platform's clock for SMS codes and reset tickets forward. */
  clock: TestClock;
  edu: FastifyInstance;
  stop(): Promise<void>;
}

/** The portal, the phone app and the console must be built: the platform serves their dist/ folders. */
export function assertPortalBuilt(): void {
  for (const index of [PORTAL_INDEX, APP_INDEX, CONSOLE_INDEX]) {
    if (!existsSync(index)) {
      throw new Error(`${index} is missing. Run \`npm run build\` first (\`npm test\` / \`npm run test:e2e\` do this for you).`);
    }
  }
}

export interface ServerOptions {
  /** Extra edu-portal environment, e.g. `{ EDU_ACR_VALUES: 'L3' }` for a relying party that demands 实人认证. */
  eduEnv?: Record<string, string>;
  /** Extra platform environment, e.g. `{ UIA_PASSWORD_MAX_AGE_DAYS: '90' }`. */
  platformEnv?: Record<string, string>;
}

export async function startServers(options: ServerOptions = {}): Promise<Servers> {
  assertPortalBuilt();
  const eduPort = await freePort();
  const eduUrl = `http://localhost:${eduPort}`;
  // Always the embedded default storage, whatever the outer environment says.
  const platform = await startTestPlatform({
    publicHost: 'localhost',
    externalStores: false,
    env: { ...options.platformEnv, UIA_TRUST_PROXY: 'false', UIA_DEMO_RP_URL: eduUrl },
  });
  let edu: FastifyInstance;
  try {
    edu = createEduPortal(
      loadEduConfig({
        UIA_MODE: 'demo',
        EDU_PORT: String(eduPort),
        EDU_HOST: '127.0.0.1',
        EDU_ISSUER: platform.issuer,
        EDU_BASE_URL: eduUrl,
        ...options.eduEnv,
      }),
    );
    await edu.listen({ host: '127.0.0.1', port: eduPort });
  } catch (error) {
    await platform.stop();
    throw error;
  }
  return {
    platformUrl: platform.baseUrl,
    eduUrl,
    platform: platform.platform,
    clock: platform.clock,
    edu,
    async stop() {
      await edu.close();
      await platform.stop();
    },
  };
}
