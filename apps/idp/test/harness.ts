import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { computeResidentIdCheckChar } from '@uia/validators';
import { loadConfig } from '../src/config.ts';
import { composePlatform, type Platform } from '../src/compose.ts';

/**
 * Starts the real platform for a test file: SQLite in a temp dir and the
 * in-process store by default; PostgreSQL (in a fresh schema) and Redis (under
 * a fresh key prefix) when DATABASE_URL / REDIS_URL are set.
 */
export interface TestPlatform {
  baseUrl: string;
  platform: Platform;
  backend: string;
  stop(): Promise<void>;
}

/** A TCP port that is free on the loopback interface right now (also used by e2e/ and bench/). */
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

export async function startTestPlatform(extraEnv: Record<string, string> = {}): Promise<TestPlatform> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'uia-test-'));
  const runId = randomBytes(4).toString('hex');
  const env: Record<string, string> = {
    UIA_MODE: 'demo',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    UIA_TRUST_PROXY: 'true',
    UIA_LOG_LEVEL: 'silent',
    UIA_REDIS_PREFIX: `uia-test-${runId}:`,
    ...extraEnv,
  };
  let schema: string | null = null;
  if (process.env.DATABASE_URL) {
    schema = `t_${runId}`;
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    const url = new URL(process.env.DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
  }
  if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;

  const platform = await composePlatform(loadConfig(env));
  await platform.app.listen({ host: '127.0.0.1', port });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    platform,
    backend: `${env.DATABASE_URL ? 'postgres' : 'sqlite'}+${env.REDIS_URL ? 'redis' : 'memory'}`,
    async stop() {
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (schema && process.env.DATABASE_URL) {
        const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await client.connect();
        await client.query(`drop schema ${schema} cascade`);
        await client.end();
      }
    },
  };
}

/** A fresh, valid resident ID number (Beijing Dongcheng, random birth date and sequence). */
export function randomResidentId(): string {
  const year = 1950 + randomInt(0, 55);
  const month = String(randomInt(1, 13)).padStart(2, '0');
  const day = String(randomInt(1, 29)).padStart(2, '0');
  const sequence = String(randomInt(0, 999)).padStart(3, '0');
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

/** Minimal cookie-keeping HTTP client, like one browser. */
export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    readonly ip = randomIp(),
  ) {}

  async request(path: string, init: { method?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip, ...init.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body = init.body;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const response = await fetch(new URL(path, this.baseUrl), { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index);
      const value = pair!.slice(index + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  async json<T = any>(path: string, init: Parameters<Browser['request']>[1] = {}): Promise<{ status: number; body: T }> {
    const response = await this.request(path, init);
    return { status: response.status, body: (await response.json()) as T };
  }

  /** A fresh captcha and its answer (through the demo hook). */
  async solvedCaptcha() {
    const { body } = await this.json<{ id: string }>('/api/captcha', { method: 'POST' });
    const answer = await this.json<{ answer: string }>(`/dev/captcha/${body.id}`);
    return { captchaId: body.id, captchaAnswer: answer.body.answer };
  }

  async latestSmsCode(phone: string): Promise<string> {
    const { body } = await this.json<{ to: string; code: string }[]>('/dev/sms');
    const message = body.find((m) => m.to === phone);
    if (!message) throw new Error(`no SMS to ${phone}`);
    return message.code;
  }
}
