import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { computeResidentIdCheckChar } from '@uia/validators';
import { loadConfig } from '../src/config.ts';
import { composePlatform, type ComposeOptions, type Platform } from '../src/compose.ts';
import type { LogStream } from '../src/logging.ts';

/**
 * The real platform in this process, for integration tests, browser tests and
 * benchmarks: demo mode (or what `env` says, e.g. production behind a TLS
 * proxy: e2e/production-mode.e2e.test.ts), a fresh data directory, SQLite + the in-process store
 * by default. With DATABASE_URL / REDIS_URL set (and `externalStores` not
 * false) it runs in a fresh PostgreSQL schema and under a fresh Redis key
 * prefix; all of it is removed again by `stop()`.
 */
export interface TestPlatform {
  baseUrl: string;
  issuer: string;
  platform: Platform;
  /** Human-readable storage backends, e.g. "SQLite + in-process store". */
  backend: string;
  /** The environment the platform was configured from (for a command line run against it while it runs). */
  env: Record<string, string>;
  /** The platform's clock for SMS codes and reset tickets (DESIGN.md §7: no waiting in tests). */
  clock: TestClock;
  stop(): Promise<void>;
}

export interface TestPlatformOptions {
  /** Extra environment for loadConfig (e.g. UIA_DEMO_RP_URL). */
  env?: Record<string, string>;
  /** The host name browsers use; `localhost` for Chromium so cookies and Origin match. */
  publicHost?: string;
  /** Use DATABASE_URL / REDIS_URL from the environment when they are set (default true). */
  externalStores?: boolean;
  /** Receives the platform's log lines (set UIA_LOG_LEVEL in `env` too: tests default to silent). */
  logStream?: LogStream;
  /** The port to listen on (default: a free one), for a TLS proxy that must know its target before the platform starts. */
  port?: number;
  /** Built front ends to serve instead of the checkout's apps/portal/dist and apps/app/dist. */
  paths?: Parameters<typeof composePlatform>[1];
  /** Wraps the platform's PubSub (to count its subscriptions). */
  wrapPubSub?: ComposeOptions['wrapPubSub'];
  /** Sees every route the platform registers. */
  onRoute?: ComposeOptions['onRoute'];
}

/** System time plus an offset that only grows: `advance` makes time-limited secrets expire now. */
export class TestClock {
  private offsetMs = 0;
  readonly now = () => Date.now() + this.offsetMs;
  advance(ms: number) {
    this.offsetMs += ms;
  }
}

/** A TCP port that is free on the loopback interface right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function withPg(databaseUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Deletes every key under a run's own prefix (OIDC models would otherwise live for weeks). */
export async function dropRedisPrefix(redisUrl: string, prefix: string) {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
}

/** What a test platform runs with: its port and URL, its configuration, and the clean-up of its storage. */
export interface TestEnvironment {
  port: number;
  baseUrl: string;
  /** The environment loadConfig reads (the platform in this process, or a server started as a child process). */
  env: Record<string, string>;
  backend: string;
  /** Removes the data directory, the PostgreSQL schema and the Redis keys. */
  cleanUp: () => Promise<void>;
}

/**
 * A free port, a fresh data directory and, with DATABASE_URL / REDIS_URL set
 * (and `externalStores` not false), a fresh PostgreSQL schema and Redis key prefix.
 */
export async function prepareTestEnvironment(options: Omit<TestPlatformOptions, 'logStream'> = {}): Promise<TestEnvironment> {
  const port = options.port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'uia-test-'));
  const runId = randomBytes(4).toString('hex');
  const redisPrefix = `uia-test-${runId}:`;
  const env: Record<string, string> = {
    UIA_MODE: 'demo',
    PORT: String(port),
    PUBLIC_URL: `http://${options.publicHost ?? '127.0.0.1'}:${port}`,
    DATA_DIR: dataDir,
    UIA_TRUST_PROXY: 'true',
    UIA_LOG_LEVEL: 'silent',
    UIA_REDIS_PREFIX: redisPrefix,
    ...options.env,
  };
  const external = options.externalStores ?? true;
  const databaseUrl = external ? process.env.DATABASE_URL : undefined;
  const redisUrl = external ? process.env.REDIS_URL : undefined;
  const schema = databaseUrl ? `t_${runId}` : null;
  if (databaseUrl && schema) {
    await withPg(databaseUrl, `create schema ${schema}`);
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
  }
  if (redisUrl) env.REDIS_URL = redisUrl;
  // Behind a proxy (env.PUBLIC_URL) the platform is reached at the proxy's address.
  const baseUrl = env.PUBLIC_URL!;

  return {
    port,
    baseUrl,
    env,
    backend: `${databaseUrl ? 'PostgreSQL' : 'SQLite'} + ${redisUrl ? 'Redis' : 'in-process store'}`,
    async cleanUp() {
      rmSync(dataDir, { recursive: true, force: true });
      if (databaseUrl && schema) await withPg(databaseUrl, `drop schema if exists ${schema} cascade`);
      if (redisUrl) await dropRedisPrefix(redisUrl, redisPrefix);
    },
  };
}

export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const { port, baseUrl, env, backend, cleanUp } = await prepareTestEnvironment(options);
  const clock = new TestClock();
  let platform: Platform;
  try {
    platform = await composePlatform(loadConfig(env), options.paths, {
      now: clock.now,
      ...(options.logStream ? { logStream: options.logStream } : {}),
      ...(options.wrapPubSub ? { wrapPubSub: options.wrapPubSub } : {}),
      ...(options.onRoute ? { onRoute: options.onRoute } : {}),
    });
    await platform.app.listen({ host: '127.0.0.1', port });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return {
    baseUrl,
    issuer: `${baseUrl}/oidc`,
    platform,
    clock,
    backend,
    env,
    async stop() {
      try {
        await platform.close();
      } finally {
        await cleanUp();
      }
    },
  };
}

/** A fresh, valid resident ID number (Beijing Dongcheng, random birth date and sequence). */
/**
 * A valid resident ID number with the given sequence code (characters 15–17).
 * The demo simulators give 998 (face: not this person) and 999 (registry: not
 * found) their own meaning, so a random person gets 000–997: with 998 among
 * them, one test person in a thousand failed its face login.
 */
export function randomResidentId(sequence = String(randomInt(0, 998)).padStart(3, '0')): string {
  const year = 1950 + randomInt(0, 55);
  const month = String(randomInt(1, 13)).padStart(2, '0');
  const day = String(randomInt(1, 29)).padStart(2, '0');
  const first17 = `110101${year}${month}${day}${sequence}`;
  return first17 + computeResidentIdCheckChar(first17);
}

export function randomPhone(): string {
  return `139${String(randomInt(0, 1e8)).padStart(8, '0')}`;
}

/** A distinct client address per test, so per-IP budgets do not leak between tests. */
export function randomIp(): string {
  return `10.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 254)}`;
}

/**
 * Minimal cookie-keeping HTTP client standing in for one browser: its own
 * client address (X-Forwarded-For), the Origin header a browser puts on
 * POSTs, cookies only for the platform's origin, no automatic redirects.
 * Cookies are kept by name only; no flow here needs two of one name.
 */
export class Browser {
  private readonly cookies = new Map<string, string>();
  private readonly origin: string;

  constructor(
    readonly baseUrl: string,
    readonly ip = randomIp(),
    /** Sent as User-Agent on every request (a real browser's, when a test reads what the platform makes of it). */
    readonly userAgent?: string,
  ) {
    this.origin = new URL(baseUrl).origin;
  }

  async request(path: string, init: { method?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {}) {
    const target = new URL(path, this.baseUrl);
    let body = init.body;
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip, ...(this.userAgent ? { 'user-agent': this.userAgent } : {}) };
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const method = init.method ?? (body === undefined ? 'GET' : 'POST');
    if (method !== 'GET') headers.origin = this.origin;
    if (this.cookies.size && target.origin === this.origin) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(target, { method, headers: { ...headers, ...init.headers }, body, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      if (value === '' || /max-age=0\b/i.test(cookie) || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Takes over another browser's cookies (the same browser reaching another node behind a load balancer). */
  adoptCookies(from: Browser) {
    for (const [name, value] of from.cookies) this.cookies.set(name, value);
    return this;
  }

  async json<T = any>(path: string, init: Parameters<Browser['request']>[1] = {}): Promise<{ status: number; body: T }> {
    const response = await this.request(path, init);
    return { status: response.status, body: (await response.json()) as T };
  }

  /** Follows redirects from `url` until one points at `stopPrefix` (never requested) and returns it. */
  async followUntil(url: string, stopPrefix: string, maxHops = 8): Promise<URL> {
    let next = new URL(url, this.baseUrl).href;
    for (let hop = 0; hop < maxHops; hop += 1) {
      if (next.startsWith(stopPrefix)) return new URL(next);
      const response = await this.request(next);
      await response.arrayBuffer();
      const location = response.headers.get('location');
      if (!location) throw new Error(`expected a redirect from ${new URL(next).pathname}, got ${response.status}`);
      next = new URL(location, next).href;
    }
    throw new Error(`no redirect to ${stopPrefix} after ${maxHops} hops`);
  }

  /** A fresh captcha and its answer (through the demo hook). */
  async solvedCaptcha() {
    const { body } = await this.json<{ id: string }>('/api/captcha', { method: 'POST' });
    const answer = await this.json<{ answer: string }>(`/dev/captcha/${body.id}`);
    return { captchaId: body.id, captchaAnswer: answer.body.answer };
  }

  /** Sent SMS, newest first (the demo outbox `GET /dev/sms`); notices have `code: null`. */
  async sentSms() {
    return (await this.json<{ to: string; text: string; code: string | null; at: string }[]>('/dev/sms')).body;
  }

  async latestSmsCode(phone: string): Promise<string> {
    const body = await this.sentSms();
    // Notices (no code) may be newer than the code.
    const message = body.find((m) => m.to === phone && m.code !== null);
    if (!message?.code) throw new Error(`no SMS code to ${phone}`);
    return message.code;
  }
}
