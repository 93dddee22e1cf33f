import { cpus, loadavg, platform as osPlatform, release } from 'node:os';
import { parseArgs } from 'node:util';
import { decodeProtectedHeader } from 'jose';
import { GLIBC_MALLOC_ENV, GLIBC_MALLOC_KEEP_ENV } from '../../scripts/glibc-malloc.mjs';
import { OWASP_ARGON2ID } from '../../apps/idp/src/adapters/password/argon2-password-hasher.ts';
import { generateCaptchaText } from '../../apps/idp/src/services/captcha/captcha-text.ts';
import { PNG_COMPRESSION_LEVEL } from '../../apps/idp/src/services/captcha/png-encode.ts';
import { renderCaptchaPng } from '../../apps/idp/src/services/captcha/render-captcha-png.ts';
import { startArgon2Verifier } from './argon2-verifier.ts';
import { bundleSize } from './bundles.ts';
import {
  DEMO_CREDENTIALS,
  DEMO_RELYING_PARTY,
  discoverTarget,
  exchangeCode,
  platformPasswordLogin,
  refreshChains,
  selfCompletingLogin,
  type AuthorizationCode,
  type OidcTarget,
  type RelyingParty,
} from './login-flow.ts';
import { measurePair, runSlice, type TimedRunResult } from './measure.ts';
import { benchCpuMs, buildServers, startBareProviderServer, startServer, type ServerProcess } from './server-process.ts';
import { registerCopyOfClient } from './registered-client.ts';
import { measureConfirmLatency, measurePgRedisRefresh, scaleOutUnavailable, startScaleOutStores, type ConfirmLatencyResult, type PgRedisRefreshResult } from './scale-out.ts';
import { measureServerStarts, type StartSummary } from './server-start.ts';
import { measureSseMemory, type SseMemoryResult } from './sse-memory.ts';
import { renderTable, runNotes } from './table.ts';

/**
 * npm run bench [-- --quick] [--duration 10 --warmup 3 --server-warmup 8 --rounds 4 --idle 3 --streams 10000 --logins 300] [--only login,captcha]
 * Every server under test runs as its own process (the compiled one, apps/idp/dist/main.js); its CPU
 * time comes from /proc. Pairs are measured interleaved (A B B A …). One table, each row against its goal (issue 14).
 */

function readOptions() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      'server-warmup': { type: 'string' },
      rounds: { type: 'string' },
      idle: { type: 'string' },
      streams: { type: 'string' },
      logins: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const quick = values.quick;
  const number = (value: string | undefined, full: number, short: number) => (value === undefined ? (quick ? short : full) : Number(value));
  const options = {
    quick,
    durationMs: number(values.duration, 10, 2) * 1000,
    warmupMs: number(values.warmup, 3, 1) * 1000,
    serverWarmupMs: number(values['server-warmup'], 8, 2) * 1000,
    rounds: number(values.rounds, 4, 2),
    idleMs: number(values.idle, 3, 1) * 1000,
    streams: number(values.streams, 10_000, 1_000),
    logins: number(values.logins, 300, 60),
  };
  if (Object.values(options).some((value) => typeof value === 'number' && !(value >= 0))) throw new Error('bench options must be non-negative numbers');
  const only = values.only?.split(',').map((name) => name.trim()) ?? SECTIONS;
  const unknown = only.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`--only: unknown section ${unknown.join(', ')}; sections: ${SECTIONS.join(', ')}`);
  return { ...options, sections: new Set(only as Section[]) };
}

/** What `--only` can pick; all of them by default. */
const SECTIONS = ['start', 'login', 'refresh', 'signing', 'captcha', 'sse', 'scale-out', 'rss', 'bundles'] as const;
type Section = (typeof SECTIONS)[number];

const log = (message: string) => console.error(`[bench] ${message}`);
const CONNECTIONS = [4, 16, 64];
const SIGNING_CONNECTIONS = 16;
const STORAGE_CONNECTIONS = 16;
const PG_CONNECTIONS = 16;
const WARMUP_CONNECTIONS = 16;
/** The RSS row's sides: glibc's defaults, the start scripts' settings, and the alternative that keeps Argon2's buffers. */
const RSS_ENVS = { plain: {}, tuned: GLIBC_MALLOC_ENV, kept: GLIBC_MALLOC_KEEP_ENV };

/** A second registration of the demo service, for ES256 ID tokens. */
const ES256_CLIENT = { clientId: 'edu-portal-es256', clientSecret: 'edu-portal-es256-bench-secret' };

/** RSS after `logins` password logins (4 at a time) on a fresh compiled server, with `env` added, and the server's CPU per login. */
async function rssAfterLogins(rp: RelyingParty, logins: number, env: Record<string, string>) {
  const server = await startServer({ env: { UIA_TRUST_PROXY: 'true', ...env } });
  try {
    const target = await discoverTarget(server.baseUrl, `${server.baseUrl}/oidc`, rp);
    const cpuBefore = server.cpuMs();
    let started = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (started < logins) {
          started += 1;
          await platformPasswordLogin(target, DEMO_CREDENTIALS);
        }
      }),
    );
    return { rssMb: server.rssMb(), cpuMsPerLogin: (server.cpuMs() - cpuBefore) / logins };
  } finally {
    await server.stop();
  }
}

/**
 * A fresh server runs its token endpoint half-compiled for its first few
 * thousand grants (V8 optimises a function once it is hot): on this machine
 * the platform's CPU per grant falls by a third over its first ~7 s of
 * grants. Each server serves that long before its first measured pair, so
 * the pairs compare steady states, not how soon each side warms up.
 */
async function warmUpRefresh(target: OidcTarget, login: () => Promise<AuthorizationCode>, ms: number) {
  if (ms > 0) await runSlice(await refreshChains(target, WARMUP_CONNECTIONS, login), WARMUP_CONNECTIONS, ms);
}

async function main() {
  const options = readOptions();
  const runs = (section: Section) => options.sections.has(section);
  const began = performance.now();
  const loadAtStart = loadavg()[0]!;
  const rp = DEMO_RELYING_PARTY;
  const credentials = DEMO_CREDENTIALS;
  const timing = { warmupMs: options.warmupMs, durationMs: options.durationMs, rounds: options.rounds };

  buildServers();
  let starts: { compiled: StartSummary; tsx: StartSummary } | undefined;
  if (runs('start')) {
    log(`server start and idle RSS: ${options.rounds} alternating starts, compiled vs tsx`);
    starts = await measureServerStarts(options.rounds, options.idleMs);
  }

  const results: Record<string, [TimedRunResult, TimedRunResult]> = {};
  let argon2Rss: { tuned: number; plain: number } | undefined;
  if (runs('login') || runs('refresh') || runs('signing')) {
    let platform: ServerProcess | undefined;
    let bare: ServerProcess | undefined;
    let bareOnStorage: ServerProcess | undefined;
    try {
      platform = await startServer({ env: { UIA_TRUST_PROXY: 'true', ...GLIBC_MALLOC_ENV } });
      const target = await discoverTarget(platform.baseUrl, `${platform.baseUrl}/oidc`, rp);

      if (runs('login')) {
        // Raw verifies run in child processes, each under its own allocator settings (read once, at process start):
        // glibc's defaults (the goal's baseline) and the server's settings (what the login's Argon2 pays).
        const plain = await startArgon2Verifier({});
        const tuned = await startArgon2Verifier(GLIBC_MALLOC_ENV);
        const login = { task: async () => void (await platformPasswordLogin(target, credentials)), cpuMs: () => platform!.cpuMs() };
        try {
          log('password login (compiled server) vs raw argon2id verify (a child process, glibc defaults)');
          results.login = await measurePair(login, { task: plain.verify, cpuMs: plain.cpuMs }, { ...timing, concurrency: 4 });
          log("raw argon2id verify with the server's glibc settings vs glibc defaults, and the login against the first");
          results['argon2 verify, glibc settings vs defaults'] = await measurePair(
            { task: tuned.verify, cpuMs: tuned.cpuMs },
            { task: plain.verify, cpuMs: plain.cpuMs },
            { ...timing, concurrency: 4 },
          );
          argon2Rss = { tuned: tuned.rssMb(), plain: plain.rssMb() };
          results['login vs argon2 verify with glibc settings'] = await measurePair(login, { task: tuned.verify, cpuMs: tuned.cpuMs }, { ...timing, concurrency: 4 });
          // What oidc-provider's own part of a login costs, with no login page at all: the most the goal's ratio can be.
          const flowServer = await startBareProviderServer(rp);
          try {
            const flowTarget = await discoverTarget(flowServer.baseUrl, flowServer.baseUrl, rp);
            const flow = { task: async () => void (await selfCompletingLogin(flowTarget)), cpuMs: () => flowServer.cpuMs() };
            // Warmed up as the token endpoints are (warmUpRefresh): a fresh provider runs its flow half-compiled at first.
            if (options.serverWarmupMs > 0) await runSlice(flow.task, 4, options.serverWarmupMs);
            log("bare oidc-provider's authorization-code flow alone vs raw argon2id verify (glibc defaults)");
            results['bare flow vs argon2 verify'] = await measurePair(flow, { task: plain.verify, cpuMs: plain.cpuMs }, { ...timing, concurrency: 4 });
          } finally {
            await flowServer.stop();
          }
        } finally {
          await tuned.stop();
          await plain.stop();
        }
      }
      if (runs('refresh')) {
        bare = await startBareProviderServer(rp);
        const bareTarget: OidcTarget = await discoverTarget(bare.baseUrl, bare.baseUrl, rp);
        log(`warming up the token endpoints of the platform and the bare provider, ${options.serverWarmupMs / 1000} s each`);
        await warmUpRefresh(target, () => platformPasswordLogin(target, credentials), options.serverWarmupMs);
        await warmUpRefresh(bareTarget, () => selfCompletingLogin(bareTarget), options.serverWarmupMs);
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
        // Where the gap comes from: the same bare provider on the platform's demo storage.
        log(`refresh grants at ${STORAGE_CONNECTIONS} connections: bare oidc-provider on the platform's storage vs in memory, and the platform vs it`);
        bareOnStorage = await startBareProviderServer(rp, { BENCH_BARE_STORAGE: 'platform' });
        const storedTarget: OidcTarget = await discoverTarget(bareOnStorage.baseUrl, bareOnStorage.baseUrl, rp);
        await warmUpRefresh(storedTarget, () => selfCompletingLogin(storedTarget), options.serverWarmupMs);
        const storedRefresh = await refreshChains(storedTarget, STORAGE_CONNECTIONS, () => selfCompletingLogin(storedTarget));
        const memoryRefresh = await refreshChains(bareTarget, STORAGE_CONNECTIONS, () => selfCompletingLogin(bareTarget));
        const platformRefresh = await refreshChains(target, STORAGE_CONNECTIONS, () => platformPasswordLogin(target, credentials));
        const stored = { task: storedRefresh, cpuMs: () => bareOnStorage!.cpuMs() };
        results['bare on storage'] = await measurePair(stored, { task: memoryRefresh, cpuMs: () => bare!.cpuMs() }, { ...timing, concurrency: STORAGE_CONNECTIONS });
        results['platform vs bare on storage'] = await measurePair({ task: platformRefresh, cpuMs: () => platform!.cpuMs() }, stored, { ...timing, concurrency: STORAGE_CONNECTIONS });
      }
      if (runs('signing')) {
        log(`refresh grants at ${SIGNING_CONNECTIONS} connections, id_token ES256 vs RS256 (one server, two relying parties)`);
        const es256: RelyingParty = { ...rp, clientId: ES256_CLIENT.clientId, clientSecret: ES256_CLIENT.clientSecret };
        await registerCopyOfClient(platform.dataDir, rp.clientId, { ...ES256_CLIENT, clientName: '义务教育入学服务平台（ES256）' }, { id_token_signed_response_alg: 'ES256' });
        const es256Target = await discoverTarget(platform.baseUrl, `${platform.baseUrl}/oidc`, es256);
        // The row means nothing unless the copy's ID tokens really are ES256.
        const { id_token: idToken } = await exchangeCode(es256Target, await platformPasswordLogin(es256Target, credentials));
        if (!idToken || decodeProtectedHeader(idToken).alg !== 'ES256') throw new Error('the ES256 registration did not get an ES256 id_token');
        const es256Refresh = await refreshChains(es256Target, SIGNING_CONNECTIONS, () => platformPasswordLogin(es256Target, credentials));
        const rs256Refresh = await refreshChains(target, SIGNING_CONNECTIONS, () => platformPasswordLogin(target, credentials));
        results.signing = await measurePair(
          { task: es256Refresh, cpuMs: () => platform!.cpuMs() },
          { task: rs256Refresh, cpuMs: () => platform!.cpuMs() },
          { ...timing, concurrency: SIGNING_CONNECTIONS },
        );
      }
    } finally {
      await bareOnStorage?.stop();
      await bare?.stop();
      await platform?.stop();
    }
  }

  const captchaBytes = { shipped: { sum: 0, count: 0 }, level6: { sum: 0, count: 0 } };
  if (runs('captcha')) {
    log(`captcha images (this process): PNG at zlib level ${PNG_COMPRESSION_LEVEL} vs level 6`);
    const captchaImage = (side: keyof typeof captchaBytes) => async () => {
      const png = renderCaptchaPng(generateCaptchaText(), side === 'level6' ? { compressionLevel: 6 } : {});
      captchaBytes[side].sum += png.length;
      captchaBytes[side].count += 1;
      void png.toString('base64');
    };
    results.captcha = await measurePair({ task: captchaImage('shipped'), cpuMs: benchCpuMs }, { task: captchaImage('level6'), cpuMs: benchCpuMs }, { ...timing, concurrency: 1 });
  }

  let sse: SseMemoryResult | undefined;
  if (runs('sse')) {
    log(`${options.streams} waiting QR status streams on a fresh compiled server`);
    const sseServer = await startServer({ env: GLIBC_MALLOC_ENV });
    try {
      sse = await measureSseMemory(sseServer, rp, options.streams, options.quick ? 20_000 : 100_000);
    } finally {
      await sseServer.stop();
    }
  }

  const scaleOutMissing = runs('scale-out') ? await scaleOutUnavailable() : 'not asked (--only)';
  let pgRefresh: PgRedisRefreshResult | undefined;
  let confirmLatency: ConfirmLatencyResult[] = [];
  if (runs('scale-out') && scaleOutMissing) log(`scale-out rows skipped: ${scaleOutMissing}`);
  if (runs('scale-out') && !scaleOutMissing) {
    const stores = await startScaleOutStores();
    try {
      log(`refresh grants on PostgreSQL + Redis, ${PG_CONNECTIONS} connections, server CPU = node + PostgreSQL backends + Redis`);
      pgRefresh = await measurePgRedisRefresh(stores, rp, credentials, {
        connections: PG_CONNECTIONS,
        warmupMs: options.serverWarmupMs + options.warmupMs,
        durationMs: options.durationMs,
      });
      log('QR confirm (node 2) → status event (node 1), two nodes on PostgreSQL + Redis');
      confirmLatency = await measureConfirmLatency(stores, rp, { rates: [100, 1000], pagesPerRate: options.quick ? 100 : 400 });
    } finally {
      await stores.destroy();
    }
  }

  const rss: Record<keyof typeof RSS_ENVS, { rssMb: number; cpuMsPerLogin: number }[]> = { plain: [], tuned: [], kept: [] };
  if (runs('rss')) {
    log(`RSS after ${options.logins} logins: glibc's defaults, the start scripts' settings, Argon2's buffers kept for reuse (rotating order, twice each in the full run)`);
    const sides = Object.keys(RSS_ENVS) as (keyof typeof RSS_ENVS)[];
    for (let round = 0; round < (options.quick ? 1 : 2); round += 1) {
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) rss[side].push(await rssAfterLogins(rp, options.logins, RSS_ENVS[side]));
    }
  }
  const bundles = runs('bundles') ? ['portal', 'app'].map(bundleSize) : [];

  const rate = (r: TimedRunResult) => `${r.perSecond.toFixed(1)}/s, ${r.perCpuSecond?.toFixed(0) ?? '?'}/CPU-s`;
  const ratioOf = (a: number | null, b: number | null) => (a && b ? `${(a / b).toFixed(2)}×` : 'n/a');
  const ratios = ([a, b]: [TimedRunResult, TimedRunResult]) => `${ratioOf(a.perSecond, b.perSecond)} (per CPU-s ${ratioOf(a.perCpuSecond, b.perCpuSecond)})`;
  const rows: string[][] = [];
  if (results.login) rows.push(['password login (full HTTP) vs raw Argon2id verify, 4 at a time', rate(results.login[0]), rate(results.login[1]), ratios(results.login), '≥ 0.90×']);
  const allocator = results['argon2 verify, glibc settings vs defaults'];
  const loginVsTuned = results['login vs argon2 verify with glibc settings'];
  if (allocator && loginVsTuned && argon2Rss) {
    const [tuned, plain] = allocator;
    const cpuPerVerify = (r: TimedRunResult) => `${((r.cpuMs ?? 0) / r.completed).toFixed(1)} ms CPU/verify`;
    rows.push([
      "… raw Argon2id verify with the server's glibc settings vs glibc defaults (child processes, 4 at a time)",
      `${rate(tuned)}; ${cpuPerVerify(tuned)}, RSS ${argon2Rss.tuned.toFixed(0)} MB`,
      `defaults: ${rate(plain)}; ${cpuPerVerify(plain)}, RSS ${argon2Rss.plain.toFixed(0)} MB`,
      ratios(allocator),
      '—',
    ]);
    rows.push(["… password login vs raw Argon2id verify with the server's glibc settings, 4 at a time", rate(loginVsTuned[0]), rate(loginVsTuned[1]), ratios(loginVsTuned), '—']);
  }
  const bareFlow = results['bare flow vs argon2 verify'];
  if (bareFlow) {
    const cpuPer = (r: TimedRunResult) => (r.cpuMs ?? 0) / r.completed;
    const [flow, verify] = bareFlow.map(cpuPer) as [number, number];
    rows.push([
      "… bare oidc-provider's authorization-code flow alone (no login page: its interaction completes itself), 4 at a time",
      `${rate(bareFlow[0])}; ${flow.toFixed(2)} ms CPU/flow`,
      `raw verify: ${verify.toFixed(1)} ms CPU/verify`,
      `a login ≥ verify + flow: per CPU-s ≤ ${(verify / (verify + flow)).toFixed(2)}×`,
      '—',
    ]);
  }
  if (runs('refresh')) {
    for (const connections of CONNECTIONS) {
      const pair = results[`refresh ${connections}`]!;
      rows.push([`refresh grants vs bare oidc-provider, ${connections} connections (SQLite)`, rate(pair[0]), rate(pair[1]), ratios(pair), '≥ 0.85×']);
    }
    const stored = results['bare on storage']!;
    rows.push([`… bare oidc-provider on the platform's storage vs in memory, ${STORAGE_CONNECTIONS} connections`, rate(stored[0]), `in memory: ${rate(stored[1])}`, ratios(stored), '—']);
    const rest = results['platform vs bare on storage']!;
    rows.push([`… platform vs bare oidc-provider on the platform's storage, ${STORAGE_CONNECTIONS} connections`, rate(rest[0]), `bare on storage: ${rate(rest[1])}`, ratios(rest), '—']);
  }
  if (runs('scale-out')) {
    rows.push(
      pgRefresh
        ? [
            `refresh grants per server-CPU-second, PostgreSQL + Redis, ${PG_CONNECTIONS} connections`,
            `${(1000 / pgRefresh.serverCpuMsPerGrant).toFixed(0)}/CPU-s (${pgRefresh.result.perSecond.toFixed(1)}/s)`,
            `node + PostgreSQL + Redis: ${pgRefresh.serverCpuMsPerGrant.toFixed(2)} ms CPU/grant (node ${pgRefresh.nodeCpuMsPerGrant.toFixed(2)}, ` +
              `PostgreSQL + Redis ${(pgRefresh.serverCpuMsPerGrant - pgRefresh.nodeCpuMsPerGrant).toFixed(2)}); ${pgRefresh.redisCommandsPerGrant.toFixed(1)} Redis commands/grant`,
            '',
            '≥ 400',
          ]
        : ['refresh grants per server-CPU-second, PostgreSQL + Redis', `not measured: ${scaleOutMissing}`, '', '', '≥ 400'],
    );
    if (confirmLatency.length === 0) rows.push(['QR confirm → PC event p99, two nodes', `not measured: ${scaleOutMissing}`, '', '', '≤ 50 ms at ≤ 1,000/s']);
    for (const c of confirmLatency) {
      rows.push([
        `QR confirm (node 2) → PC event (node 1), ${c.askedRate}/s asked`,
        `p99 ${c.latencyMs.p99.toFixed(1)} ms (p50 ${c.latencyMs.p50.toFixed(1)}, max ${c.latencyMs.max.toFixed(1)})`,
        `${c.confirms} confirms, sent at ${c.sentRate.toFixed(0)}/s; ${confirmCpu(c)}`,
        '',
        '≤ 50 ms at ≤ 1,000/s',
      ]);
    }
  }
  if (results.signing)
    rows.push([`refresh grants, id_token ES256 vs RS256, ${SIGNING_CONNECTIONS} connections (SQLite)`, rate(results.signing[0]), `RS256: ${rate(results.signing[1])}`, ratios(results.signing), '—']);
  if (results.captcha) {
    rows.push([
      `captcha image (render + PNG + base64), zlib level ${PNG_COMPRESSION_LEVEL} vs 6, this process`,
      `${results.captcha[0].perCpuSecond?.toFixed(0) ?? '?'}/CPU-s, ${(captchaBytes.shipped.sum / captchaBytes.shipped.count / 1024).toFixed(1)} KB`,
      `level 6: ${results.captcha[1].perCpuSecond?.toFixed(0) ?? '?'}/CPU-s, ${(captchaBytes.level6.sum / captchaBytes.level6.count / 1024).toFixed(1)} KB`,
      `per CPU-s ${ratioOf(results.captcha[0].perCpuSecond, results.captcha[1].perCpuSecond)}`,
      '—',
    ]);
  }
  if (sse) {
    rows.push([
      `${sse.asked} waiting QR status streams (${sse.streams} measured, ${sse.addresses} addresses)`,
      `${sse.projectedRssMb.toFixed(0)} MB RSS${sse.streams < sse.asked ? ' (projected)' : ''}`,
      `${sse.kbPerStream.toFixed(1)} KB/stream + ${sse.kbPerPage.toFixed(1)} KB/page`,
      '',
      '≤ 300 MB',
    ]);
  }
  if (runs('rss')) {
    const side = (servers: { rssMb: number; cpuMsPerLogin: number }[]) =>
      `${median(servers.map((r) => r.rssMb)).toFixed(0)} MB, ${median(servers.map((r) => r.cpuMsPerLogin)).toFixed(1)} ms CPU/login`;
    rows.push([`RSS after ${options.logins} logins`, `${side(rss.tuned)} with glibc settings`, `${side(rss.plain)} without`, '', '≤ 170 MB']);
    rows.push([`… Argon2's buffers kept for reuse (GLIBC_MALLOC_KEEP_ENV)`, side(rss.kept), `${side(rss.plain)} without`, '', '—']);
  }
  if (starts) {
    rows.push([
      'compiled server: start → /readyz, idle RSS',
      `${starts.compiled.readyMs.p50.toFixed(0)} ms, ${starts.compiled.idleRssMb.p50.toFixed(0)} MB`,
      `tsx: ${starts.tsx.readyMs.p50.toFixed(0)} ms, ${starts.tsx.idleRssMb.p50.toFixed(0)} MB`,
      startCpu(starts.compiled),
      '≤ 2000 ms, ≤ 150 MB',
    ]);
  }
  rows.push(...bundles.map((b) => [`${b.app} bundle (${b.files} js/css/html files)`, `${b.rawKb.toFixed(0)} KB raw`, `gzip ${b.gzipKb.toFixed(0)} KB, brotli ${b.brotliKb.toFixed(0)} KB`, '', '']));
  const providerVersion = (await import('oidc-provider/package.json', { with: { type: 'json' } })).default.version;
  console.log('');
  console.log(
    `node ${process.version}, ${osPlatform()} ${release()}, ${cpus()[0]?.model ?? '?'} × ${cpus().length}, oidc-provider ${providerVersion}, ` +
      `argon2id m=${OWASP_ARGON2ID.memoryCost} KiB t=${OWASP_ARGON2ID.timeCost} p=${OWASP_ARGON2ID.parallelism}; load ${loadAtStart.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}; ` +
      `${options.quick ? 'quick' : 'full'} run${options.sections.size < SECTIONS.length ? ` of ${[...options.sections].join(', ')}` : ''}, ${((performance.now() - began) / 1000).toFixed(0)} s`,
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

/** CPU per confirm by process, and the rate this machine's cores could carry at that cost (the bench's own share included: it runs here too). */
function confirmCpu({ cpuMsPerConfirm: cpu }: ConfirmLatencyResult) {
  const total = cpu.node2 + cpu.node1 + cpu.storage + cpu.bench;
  return (
    `CPU/confirm: node 2 ${cpu.node2.toFixed(2)} + node 1 ${cpu.node1.toFixed(2)} + PostgreSQL/Redis ${cpu.storage.toFixed(2)} + bench ${cpu.bench.toFixed(2)} ms ` +
    `⇒ ≤ ${((cpus().length * 1000) / total).toFixed(0)}/s on ${cpus().length} cores`
  );
}

const startCpu = (summary: StartSummary) => `CPU to ready ${summary.readyCpuMs.p50.toFixed(0)} ms`;

main().catch((error: unknown) => {
  console.error('bench failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
