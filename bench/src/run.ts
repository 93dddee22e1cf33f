import { cpus, loadavg, platform as osPlatform, release } from 'node:os';
import { parseArgs } from 'node:util';
import argon2 from 'argon2';
import { GLIBC_MALLOC_ENV } from '../../scripts/glibc-malloc.mjs';
import { OWASP_ARGON2ID } from '../../apps/idp/src/adapters/password/argon2-password-hasher.ts';
import { DEMO_ACCOUNT, DEMO_CLIENT } from '../../apps/idp/src/demo/demo-data.ts';
import { bundleSize } from './bundles.ts';
import { discoverTarget, platformPasswordLogin, refreshChains, selfCompletingLogin, type OidcTarget, type RelyingParty } from './login-flow.ts';
import { measurePair, type TimedRunResult } from './measure.ts';
import { buildServers, startServer, type ServerProcess } from './server-process.ts';
import { measureConfirmLatency, measurePgRedisRefresh, scaleOutUnavailable, startScaleOutStores, type ConfirmLatencyResult, type PgRedisRefreshResult } from './scale-out.ts';
import { measureServerStarts, type StartSummary } from './server-start.ts';
import { measureSseMemory, type SseMemoryResult } from './sse-memory.ts';
import { renderTable, runNotes } from './table.ts';

/**
 * npm run bench [-- --quick] [--duration 10 --warmup 3 --rounds 4 --idle 3 --streams 10000 --logins 300]
 * Every server under test runs as its own process (the compiled one, apps/idp/dist/main.js); its CPU
 * time comes from /proc. Pairs are measured interleaved (A B B A …). One table, each row against its goal (issue 14).
 */

function readOptions() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      idle: { type: 'string' },
      streams: { type: 'string' },
      logins: { type: 'string' },
    },
  });
  const quick = values.quick;
  const number = (value: string | undefined, full: number, short: number) => (value === undefined ? (quick ? short : full) : Number(value));
  const options = {
    quick,
    durationMs: number(values.duration, 10, 2) * 1000,
    warmupMs: number(values.warmup, 3, 1) * 1000,
    rounds: number(values.rounds, 4, 2),
    idleMs: number(values.idle, 3, 1) * 1000,
    streams: number(values.streams, 10_000, 1_000),
    logins: number(values.logins, 300, 60),
  };
  if (Object.values(options).some((value) => typeof value === 'number' && !(value >= 0))) throw new Error('bench options must be non-negative numbers');
  return options;
}

const log = (message: string) => console.error(`[bench] ${message}`);
const CONNECTIONS = [4, 16, 64];
const PG_CONNECTIONS = 16;

/** RSS after `logins` password logins (4 at a time) on a fresh compiled server, with `env` added. */
async function rssAfterLogins(rp: RelyingParty, logins: number, env: Record<string, string>) {
  const server = await startServer({ env: { UIA_TRUST_PROXY: 'true', ...env } });
  try {
    const target = await discoverTarget(server.baseUrl, `${server.baseUrl}/oidc`, rp);
    let started = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (started < logins) {
          started += 1;
          await platformPasswordLogin(target, { identifier: DEMO_ACCOUNT.username, password: DEMO_ACCOUNT.password });
        }
      }),
    );
    return server.rssMb();
  } finally {
    await server.stop();
  }
}

async function main() {
  const options = readOptions();
  const began = performance.now();
  const loadAtStart = loadavg()[0]!;
  const rp: RelyingParty = {
    clientId: DEMO_CLIENT.clientId,
    clientSecret: DEMO_CLIENT.clientSecret,
    redirectUri: 'http://localhost:3001/callback',
    scope: 'openid offline_access profile phone id_card',
  };
  const credentials = { identifier: DEMO_ACCOUNT.username, password: DEMO_ACCOUNT.password };
  const timing = { warmupMs: options.warmupMs, durationMs: options.durationMs, rounds: options.rounds };

  buildServers();
  log(`server start and idle RSS: ${options.rounds} alternating starts, compiled vs tsx`);
  const starts = await measureServerStarts(options.rounds, options.idleMs);

  let platform: ServerProcess | undefined;
  let bare: ServerProcess | undefined;
  const results: Record<string, [TimedRunResult, TimedRunResult]> = {};
  try {
    platform = await startServer({ env: { UIA_TRUST_PROXY: 'true', ...GLIBC_MALLOC_ENV } });
    bare = await startServer({ args: ['--import', 'tsx', 'bench/src/bare-provider-main.ts'], env: { BENCH_RP: JSON.stringify(rp) }, readyPath: '/.well-known/openid-configuration' });
    const target = await discoverTarget(platform.baseUrl, `${platform.baseUrl}/oidc`, rp);
    const bareTarget: OidcTarget = await discoverTarget(bare.baseUrl, bare.baseUrl, rp);

    log('password login (compiled server) vs argon2id verify (this process)');
    const hash = await argon2.hash(credentials.password, OWASP_ARGON2ID);
    const ownCpuMs = () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    };
    results.login = await measurePair(
      { task: async () => void (await platformPasswordLogin(target, credentials)), cpuMs: () => platform!.cpuMs() },
      {
        task: async () => {
          if (!(await argon2.verify(hash, credentials.password))) throw new Error('argon2 verify returned false');
        },
        cpuMs: ownCpuMs,
      },
      { ...timing, concurrency: 4 },
    );
    for (const connections of CONNECTIONS) {
      log(`refresh grants at ${connections} connections, platform vs bare oidc-provider`);
      const platformRefresh = await refreshChains(target, connections, () => platformPasswordLogin(target, credentials));
      const bareRefresh = await refreshChains(bareTarget, connections, () => selfCompletingLogin(bareTarget));
      results[`refresh ${connections}`] = await measurePair(
        { task: platformRefresh, cpuMs: () => platform!.cpuMs() },
        { task: bareRefresh, cpuMs: () => bare!.cpuMs() },
        { ...timing, concurrency: connections },
      );
    }
  } finally {
    await bare?.stop();
    await platform?.stop();
  }

  log(`${options.streams} waiting QR status streams on a fresh compiled server`);
  let sse: SseMemoryResult;
  const sseServer = await startServer({ env: GLIBC_MALLOC_ENV });
  try {
    sse = await measureSseMemory(sseServer, rp, options.streams, options.quick ? 20_000 : 100_000);
  } finally {
    await sseServer.stop();
  }

  const scaleOutMissing = await scaleOutUnavailable();
  let pgRefresh: PgRedisRefreshResult | undefined;
  let confirmLatency: ConfirmLatencyResult[] = [];
  if (scaleOutMissing) log(`scale-out rows skipped: ${scaleOutMissing}`);
  else {
    const stores = await startScaleOutStores();
    try {
      log(`refresh grants on PostgreSQL + Redis, ${PG_CONNECTIONS} connections, server CPU = node + PostgreSQL backends + Redis`);
      pgRefresh = await measurePgRedisRefresh(stores, rp, credentials, { connections: PG_CONNECTIONS, warmupMs: options.warmupMs, durationMs: options.durationMs });
      log('QR confirm (node 2) → status event (node 1), two nodes on PostgreSQL + Redis');
      confirmLatency = await measureConfirmLatency(stores, rp, options.quick ? { rates: [100, 1000], pagesPerRate: 100 } : { rates: [100, 1000], pagesPerRate: 400 });
    } finally {
      await stores.destroy();
    }
  }

  log(`RSS after ${options.logins} logins, without and with the glibc settings (alternating, twice each in the full run)`);
  const rss: { plain: number[]; tuned: number[] } = { plain: [], tuned: [] };
  for (let round = 0; round < (options.quick ? 1 : 2); round += 1) {
    const order = round % 2 === 0 ? (['plain', 'tuned'] as const) : (['tuned', 'plain'] as const);
    for (const side of order) rss[side].push(await rssAfterLogins(rp, options.logins, side === 'tuned' ? GLIBC_MALLOC_ENV : {}));
  }
  const bundles = ['portal', 'app'].map(bundleSize);

  const rate = (r: TimedRunResult) => `${r.perSecond.toFixed(1)}/s, ${r.perCpuSecond?.toFixed(0) ?? '?'}/CPU-s`;
  const ratioOf = (a: number | null, b: number | null) => (a && b ? `${(a / b).toFixed(2)}×` : 'n/a');
  const [logins, verifies] = results.login;
  const rows: string[][] = [
    [
      'password login (full HTTP) vs raw Argon2id verify, 4 at a time',
      rate(logins),
      rate(verifies),
      `${ratioOf(logins.perSecond, verifies.perSecond)} (per CPU-s ${ratioOf(logins.perCpuSecond, verifies.perCpuSecond)})`,
      '≥ 0.90×',
    ],
    ...CONNECTIONS.map((connections) => {
      const [mine, theirs] = results[`refresh ${connections}`]!;
      return [
        `refresh grants vs bare oidc-provider, ${connections} connections (SQLite)`,
        rate(mine),
        rate(theirs),
        `${ratioOf(mine.perSecond, theirs.perSecond)} (per CPU-s ${ratioOf(mine.perCpuSecond, theirs.perCpuSecond)})`,
        '≥ 0.85×',
      ];
    }),
    pgRefresh
      ? [
          `refresh grants per server-CPU-second, PostgreSQL + Redis, ${PG_CONNECTIONS} connections`,
          `${(1000 / pgRefresh.serverCpuMsPerGrant).toFixed(0)}/CPU-s (${pgRefresh.result.perSecond.toFixed(1)}/s)`,
          `node + PostgreSQL + Redis: ${pgRefresh.serverCpuMsPerGrant.toFixed(2)} ms CPU/grant; ${pgRefresh.redisCommandsPerGrant.toFixed(1)} Redis commands/grant`,
          '',
          '≥ 400',
        ]
      : ['refresh grants per server-CPU-second, PostgreSQL + Redis', `not measured: ${scaleOutMissing}`, '', '', '≥ 400'],
    [
      `${sse.asked} waiting QR status streams (${sse.streams} measured, ${sse.addresses} addresses)`,
      `${sse.projectedRssMb.toFixed(0)} MB RSS${sse.streams < sse.asked ? ' (projected)' : ''}`,
      `${sse.kbPerStream.toFixed(1)} KB/stream + ${sse.kbPerPage.toFixed(1)} KB/page`,
      '',
      '≤ 300 MB',
    ],
    ...(confirmLatency.length
      ? confirmLatency.map((c) => [
          `QR confirm (node 2) → PC event (node 1), ${c.askedRate}/s asked`,
          `p99 ${c.latencyMs.p99.toFixed(1)} ms (p50 ${c.latencyMs.p50.toFixed(1)}, max ${c.latencyMs.max.toFixed(1)})`,
          `${c.confirms} confirms, sent at ${c.sentRate.toFixed(0)}/s`,
          '',
          '≤ 50 ms at ≤ 1,000/s',
        ])
      : [['QR confirm → PC event p99, two nodes', `not measured: ${scaleOutMissing}`, '', '', '≤ 50 ms at ≤ 1,000/s']]),
    [`RSS after ${options.logins} logins`, `${median(rss.tuned).toFixed(0)} MB with glibc settings`, `${median(rss.plain).toFixed(0)} MB without`, '', '≤ 170 MB'],
    [
      'compiled server: start → /readyz, idle RSS',
      `${starts.compiled.readyMs.p50.toFixed(0)} ms, ${starts.compiled.idleRssMb.p50.toFixed(0)} MB`,
      `tsx: ${starts.tsx.readyMs.p50.toFixed(0)} ms, ${starts.tsx.idleRssMb.p50.toFixed(0)} MB`,
      startCpu(starts.compiled),
      '≤ 2000 ms, ≤ 150 MB',
    ],
    ...bundles.map((b) => [`${b.app} bundle (${b.files} js/css/html files)`, `${b.rawKb.toFixed(0)} KB raw`, `gzip ${b.gzipKb.toFixed(0)} KB, brotli ${b.brotliKb.toFixed(0)} KB`, '', '']),
  ];
  const providerVersion = (await import('oidc-provider/package.json', { with: { type: 'json' } })).default.version;
  console.log('');
  console.log(
    `node ${process.version}, ${osPlatform()} ${release()}, ${cpus()[0]?.model ?? '?'} × ${cpus().length}, oidc-provider ${providerVersion}, ` +
      `argon2id m=${OWASP_ARGON2ID.memoryCost} KiB t=${OWASP_ARGON2ID.timeCost} p=${OWASP_ARGON2ID.parallelism}; load ${loadAtStart.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}; ` +
      `${options.quick ? 'quick' : 'full'} run, ${((performance.now() - began) / 1000).toFixed(0)} s`,
  );
  console.log('');
  console.log(renderTable(['row', 'measured', 'baseline / detail', 'ratio', 'goal'], rows));
  console.log('');
  for (const note of runNotes(Object.entries(results).flatMap(([name, [a, b]]) => [[`${name}, platform`, a] as [string, TimedRunResult], [`${name}, baseline`, b]]))) console.log(note);
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const startCpu = (summary: StartSummary) => `CPU to ready ${summary.readyCpuMs.p50.toFixed(0)} ms`;

main().catch((error: unknown) => {
  console.error('bench failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
