import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pg from 'pg';
import { GLIBC_MALLOC_ENV } from '../../scripts/glibc-malloc.mjs';
import { appPerson, faceLogin } from '../../apps/idp/test/app-helpers.ts';
import { ThrowawayRedis } from '../../apps/idp/test/faults/throwaway-services.ts';
import { Browser, freePort, randomIp } from '../../apps/idp/test/harness.ts';
import { appQr, pcQr } from '../../apps/idp/test/qr-helpers.ts';
import { EventStreamReader } from '../../apps/idp/test/support/event-stream-reader.ts';
import { discoverTarget, openLoginInteraction, platformPasswordLogin, refreshChains, type Credentials, type RelyingParty } from './login-flow.ts';
import { runSlice, summarizeLatency, type Latency, type TimedRunResult, combine } from './measure.ts';
import { benchCpuMs, cpuMsOf, startServer, type ServerProcess } from './server-process.ts';

/**
 * The scale-out path measured as it runs: compiled server processes on a
 * database of their own on the machine's PostgreSQL and a private
 * `redis-server` (so its CPU time and `INFO commandstats` are the bench's
 * alone). "Server CPU" is then the node(s) + the PostgreSQL backends of that
 * database + Redis, all read from /proc.
 */

/** Where the bench may create (and drop) its database; the CI machine's PostgreSQL by default. */
const ADMIN_DATABASE_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface ScaleOutStores {
  databaseUrl: string;
  redisUrl: string;
  /** Node-independent secrets, so several nodes read each other's cookies and encrypted data. */
  sharedEnv: Record<string, string>;
  /** CPU time (ms) of Redis and of this database's PostgreSQL backends. */
  storageCpuMs(): Promise<number>;
  /** Commands Redis has executed so far. */
  redisCommands(): Promise<number>;
  destroy(): Promise<void>;
}

async function queryAdmin<Row extends pg.QueryResultRow>(statement: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return (await client.query<Row>(statement, values)).rows;
  } finally {
    await client.end();
  }
}

/** Resolves to why the scale-out rows cannot run here, or null when PostgreSQL and redis-server are at hand. */
export async function scaleOutUnavailable(): Promise<string | null> {
  try {
    await queryAdmin('select 1');
    return null;
  } catch (error) {
    return `no PostgreSQL at BENCH_POSTGRES_URL (${error instanceof Error ? error.message : String(error)})`;
  }
}

export async function startScaleOutStores(): Promise<ScaleOutStores> {
  const database = `uia_bench_${randomBytes(4).toString('hex')}`;
  await queryAdmin(`create database ${database}`);
  const databaseUrl = new URL(ADMIN_DATABASE_URL);
  databaseUrl.pathname = `/${database}`;
  const redis = await ThrowawayRedis.create();
  const redisClient = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  const backendPids = async () => (await queryAdmin<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database])).map((row) => row.pid);
  const cpuOf = (pid: number) => {
    try {
      return cpuMsOf(pid);
    } catch {
      return 0; // a backend that ended between listing and reading
    }
  };
  return {
    databaseUrl: databaseUrl.href,
    redisUrl: redis.url,
    sharedEnv: {
      UIA_DATA_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      UIA_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
      UIA_COOKIE_SECRETS: randomBytes(32).toString('base64url'),
    },
    storageCpuMs: async () => (await backendPids()).reduce((sum, pid) => sum + cpuOf(pid), cpuOf(redis.pid!)),
    redisCommands: async () => {
      const stats = await redisClient.info('commandstats');
      // The bench's own INFO calls are left out: they are not the platform's.
      return [...stats.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)].filter(([, name]) => name !== 'info').reduce((sum, [, , calls]) => sum + Number(calls), 0);
    },
    destroy: async () => {
      redisClient.disconnect();
      await redis.destroy();
      await queryAdmin(`drop database if exists ${database} with (force)`);
    },
  };
}

export interface PgRedisRefreshResult {
  result: TimedRunResult;
  /** Node + PostgreSQL backends + Redis, per grant; and the node's part of it. */
  serverCpuMsPerGrant: number;
  nodeCpuMsPerGrant: number;
  redisCommandsPerGrant: number;
}

/** Refresh grants on one compiled node over PostgreSQL + Redis, `connections` chains at once. */
export async function measurePgRedisRefresh(
  stores: ScaleOutStores,
  rp: RelyingParty,
  credentials: Credentials,
  options: { connections: number; warmupMs: number; durationMs: number },
): Promise<PgRedisRefreshResult> {
  const node = await startServer({ env: { UIA_TRUST_PROXY: 'true', DATABASE_URL: stores.databaseUrl, REDIS_URL: stores.redisUrl, ...stores.sharedEnv, ...GLIBC_MALLOC_ENV } });
  try {
    const target = await discoverTarget(node.baseUrl, `${node.baseUrl}/oidc`, rp);
    const task = await refreshChains(target, options.connections, () => platformPasswordLogin(target, credentials));
    await runSlice(task, options.connections, options.warmupMs);
    const nodeBefore = node.cpuMs();
    const storageBefore = await stores.storageCpuMs();
    const commandsBefore = await stores.redisCommands();
    // /proc is read around the whole run (the backends' listing is a query of its own, too slow for every slice).
    const slice = await runSlice(task, options.connections, options.durationMs);
    const nodeCpuMs = node.cpuMs() - nodeBefore;
    const cpuMs = nodeCpuMs + (await stores.storageCpuMs()) - storageBefore;
    const commands = (await stores.redisCommands()) - commandsBefore;
    const result = combine([{ ...slice, cpuMs }]);
    return { result, serverCpuMsPerGrant: cpuMs / result.completed, nodeCpuMsPerGrant: nodeCpuMs / result.completed, redisCommandsPerGrant: commands / result.completed };
  } finally {
    await node.stop();
  }
}

/** A browser talking to one node behind the load balancer: its Origin is the public one. */
class BrowserOnNode extends Browser {
  constructor(
    nodeUrl: string,
    private readonly publicOrigin: string,
  ) {
    super(nodeUrl, randomIp());
  }

  override request(path: string, init: Parameters<Browser['request']>[1] = {}) {
    return super.request(path, { ...init, headers: { origin: this.publicOrigin, ...init.headers } });
  }
}

interface WaitingPage {
  id: string;
  events: EventStreamReader;
}

export interface ConfirmLatencyResult {
  /** Confirms per second asked for, and what was sent. */
  askedRate: number;
  sentRate: number;
  confirms: number;
  /** Sending 确认登录 on node 2 → the `confirmed` event read on node 1's stream. */
  latencyMs: Latency;
  /** CPU per confirm while the confirms of this rate ran: node 2 (the confirm), node 1 (the event), PostgreSQL + Redis, and the bench (the phones and pages). */
  cpuMsPerConfirm: { node2: number; node1: number; storage: number; bench: number };
}

/**
 * 扫码登录 across two nodes: PC pages wait on node 1's status streams, phones
 * logged in to the app on node 2 have scanned them; then 确认登录 is sent
 * open-loop at each asked rate (not waiting for answers), and the time until
 * node 1's stream says `confirmed` is taken for each page.
 */
export async function measureConfirmLatency(stores: ScaleOutStores, rp: RelyingParty, options: { rates: number[]; pagesPerRate: number }): Promise<ConfirmLatencyResult[]> {
  const publicPort = await freePort();
  const env = { UIA_TRUST_PROXY: 'true', DATABASE_URL: stores.databaseUrl, REDIS_URL: stores.redisUrl, ...stores.sharedEnv, ...GLIBC_MALLOC_ENV };
  const nodes: ServerProcess[] = [];
  try {
    // One after the other: the first migrates and seeds, the second finds it done.
    const one = await startServer({ port: publicPort, env });
    nodes.push(one);
    const two = await startServer({ env: { ...env, PUBLIC_URL: one.baseUrl } });
    nodes.push(two);
    const target = await discoverTarget(one.baseUrl, `${one.baseUrl}/oidc`, rp);
    const phones = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const phone = new BrowserOnNode(two.baseUrl, one.baseUrl);
        const login = await faceLogin(phone, appPerson());
        if (login.status !== 200) throw new Error(`app login on node 2 → ${login.status} ${JSON.stringify(login.body).slice(0, 200)}`);
        return phone;
      }),
    );

    const waitingPage = async (index: number): Promise<WaitingPage> => {
      const pc = new Browser(one.baseUrl, randomIp());
      const uid = await openLoginInteraction(target, pc);
      const qr = await pcQr.create(pc, uid);
      if (qr.status !== 201 && qr.status !== 200) throw new Error(`QR create → ${qr.status}`);
      const { events } = await pcQr.events(pc, uid, qr.body.id);
      if (!events || (await events.nextStatus()) !== 'pending') throw new Error('the status stream did not start with pending');
      const scan = await appQr.scan(phones[index % phones.length]!, qr.body.id);
      if (scan.status !== 200) throw new Error(`scan on node 2 → ${scan.status}`);
      if ((await events.nextStatus()) !== 'scanned') throw new Error('node 1 did not hear the scan');
      return { id: qr.body.id, events };
    };

    const results: ConfirmLatencyResult[] = [];
    for (const rate of options.rates) {
      const pages: WaitingPage[] = [];
      for (let start = 0; start < options.pagesPerRate; start += 16) {
        pages.push(...(await Promise.all(Array.from({ length: Math.min(16, options.pagesPerRate - start) }, (_, i) => waitingPage(start + i)))));
      }
      const latencies: number[] = [];
      const sentAt: number[] = [];
      const cpuBefore = { node2: two.cpuMs(), node1: one.cpuMs(), storage: await stores.storageCpuMs(), bench: benchCpuMs() };
      const began = performance.now();
      const done = pages.map(async (page, index) => {
        const sendAt = began + (index * 1000) / rate;
        await sleep(Math.max(0, sendAt - performance.now()));
        const sent = performance.now();
        sentAt.push(sent);
        const heard = page.events.nextStatus();
        const answer = appQr.confirm(phones[index % phones.length]!, page.id);
        if ((await heard) !== 'confirmed') throw new Error('node 1 did not hear the confirm');
        latencies.push(performance.now() - sent);
        if ((await answer).status !== 200) throw new Error(`confirm on node 2 → ${(await answer).status}`);
        await page.events.cancel();
      });
      await Promise.all(done);
      const cpuAfter = { node2: two.cpuMs(), node1: one.cpuMs(), storage: await stores.storageCpuMs(), bench: benchCpuMs() };
      const perConfirm = (part: keyof typeof cpuAfter) => (cpuAfter[part] - cpuBefore[part]) / pages.length;
      // Sends that fell behind their schedule (a busy machine) lower the rate actually offered.
      const sendSpanS = (Math.max(...sentAt) - Math.min(...sentAt)) / 1000;
      results.push({
        askedRate: rate,
        sentRate: (sentAt.length - 1) / Math.max(sendSpanS, 0.001),
        confirms: latencies.length,
        latencyMs: summarizeLatency(latencies),
        cpuMsPerConfirm: { node2: perConfirm('node2'), node1: perConfirm('node1'), storage: perConfirm('storage'), bench: perConfirm('bench') },
      });
    }
    return results;
  } finally {
    await Promise.all(nodes.map((node) => node.stop()));
  }
}
