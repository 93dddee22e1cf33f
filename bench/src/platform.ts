import { freePort } from '../../apps/idp/test/harness.ts';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../apps/idp/src/config.ts';
import { composePlatform, type Platform } from '../../apps/idp/src/compose.ts';

/**
 * The real platform, in this process: demo mode, a fresh data directory,
 * SQLite + in-process store by default. With DATABASE_URL it runs in a fresh
 * PostgreSQL schema; with REDIS_URL under a fresh key prefix. Both are
 * removed again when the platform stops. Per-IP limits stay on; the bench sends one X-Forwarded-For per
 * simulated client, so UIA_TRUST_PROXY is on.
 */

export interface RunningPlatform {
  origin: string;
  issuer: string;
  relyingPartyUrl: string;
  backends: string;
  stop(): Promise<void>;
}

async function withPg<T>(databaseUrl: string, work: (client: { query(sql: string): Promise<unknown> }) => Promise<T>): Promise<T> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Deletes every key under the bench's own Redis prefix (oidc models live up to weeks otherwise). */
async function dropRedisPrefix(redisUrl: string, prefix: string) {
  const { Redis } = await import('ioredis');
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
}

export async function startPlatform(): Promise<RunningPlatform> {
  const port = await freePort();
  const runId = randomBytes(4).toString('hex');
  const dataDir = mkdtempSync(join(tmpdir(), 'uia-bench-'));
  const redisPrefix = `uia-bench-${runId}:`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    UIA_MODE: 'demo',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    UIA_TRUST_PROXY: 'true',
    UIA_REDIS_PREFIX: redisPrefix,
    // Request logs at info would interleave with the report; override with UIA_LOG_LEVEL.
    UIA_LOG_LEVEL: process.env.UIA_LOG_LEVEL ?? 'warn',
  };

  const baseDatabaseUrl = process.env.DATABASE_URL;
  const schema = baseDatabaseUrl ? `bench_${runId}` : null;
  if (baseDatabaseUrl && schema) {
    await withPg(baseDatabaseUrl, (client) => client.query(`create schema ${schema}`));
    const url = new URL(baseDatabaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
  }

  const config = loadConfig(env);
  let platform: Platform;
  try {
    platform = await composePlatform(config);
    await platform.app.listen({ host: '127.0.0.1', port });
  } catch (error) {
    await cleanUp();
    throw error;
  }

  async function cleanUp() {
    rmSync(dataDir, { recursive: true, force: true });
    if (baseDatabaseUrl && schema) await withPg(baseDatabaseUrl, (client) => client.query(`drop schema if exists ${schema} cascade`));
    if (process.env.REDIS_URL) await dropRedisPrefix(process.env.REDIS_URL, redisPrefix);
  }

  return {
    origin: config.publicUrl,
    issuer: config.issuer,
    relyingPartyUrl: config.demoRelyingPartyUrl,
    backends: `${config.databaseUrl ? 'PostgreSQL' : 'SQLite (temp dir)'} + ${config.redisUrl ? 'Redis' : 'in-process key-value store'}`,
    async stop() {
      try {
        await platform.close();
      } finally {
        await cleanUp();
      }
    },
  };
}
