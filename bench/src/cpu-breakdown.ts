import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GLIBC_MALLOC_ENV } from '../../scripts/glibc-malloc.mjs';
import { DEMO_CREDENTIALS, DEMO_RELYING_PARTY, discoverTarget, platformPasswordLogin, refreshChains, selfCompletingLogin, type AuthorizationCode, type OidcTarget } from './login-flow.ts';
import { runSlice } from './measure.ts';
import { buildServers, startBareProviderServer, startServer, type ServerProcess } from './server-process.ts';
import { renderTable } from './table.ts';

/**
 * Where a refresh grant's CPU goes, by Linux perf: `npm run bench:cpu`.
 * Not part of `npm run bench`: it needs `perf` (Debian: linux-perf) and
 * the right to record another process (root, or kernel.perf_event_paranoid
 * ≤ 1). V8's own profiler charges native work (SQLite, its file writes, V8
 * building row objects) to the JavaScript frame that called it; perf sees
 * every symbol of the process, threads included (RS256 signing runs on
 * libuv's pool).
 *
 * For the bare oidc-provider and the platform (compiled, demo mode, as the
 * bench's refresh rows run them): warm up, then `--seconds` of refresh
 * grants on `--connections` chains while `perf record` samples the server,
 * and the server's CPU from /proc over the same window. Each sampled symbol
 * goes into the first bucket whose rule matches; the table gives each
 * bucket's ms of CPU per grant. perf itself adds about a tenth.
 */

interface Bucket {
  name: string;
  matches: (dso: string, symbol: string) => boolean;
}

const BUCKETS: Bucket[] = [
  {
    name: 'OpenSSL (RS256 signing, hashes, ciphers)',
    matches: (dso, symbol) => dso === 'node' && /^(__)?(bn_|BN_|rsaz|mulx|sqrx|rsa_|RSA_|ecp_nistz|sha\d|aes|gcm|evp_|EVP_|ossl_|CRYPTO_|OPENSSL_)/.test(symbol),
  },
  { name: 'SQLite (better-sqlite3)', matches: (dso) => dso.startsWith('better_sqlite3') },
  { name: 'kernel (sockets, file writes, thread wake-ups)', matches: (dso) => dso === '[kernel.kallsyms]' },
  { name: 'garbage collection', matches: (dso, symbol) => dso === 'node' && symbol.startsWith('v8::internal::') && /Scaveng|Mark|Sweep|Evacuat|Compact|Heap::/.test(symbol) },
  { name: 'JavaScript (JIT code, builtins, V8 runtime)', matches: (dso, symbol) => dso.startsWith('[JIT]') || symbol.startsWith('Builtins_') || (dso === 'node' && symbol.startsWith('v8::')) },
  { name: "libc, node's C++, other", matches: () => true },
];

/** `perf report` lines: `  10.85%  node  [.] __bn_sqrx8x_reduction` (the dso may hold spaces: `[JIT] tid 4711`). */
const REPORT_LINE = /^\s*([\d.]+)%\s+(.+?)\s+\[[.k]\]\s+(.+)$/;

function bucketShares(perfData: string): Map<string, number> {
  const report = spawnSync('perf', ['report', '-i', perfData, '--no-children', '--sort', 'dso,sym', '-g', 'none', '--stdio', '--percent-limit', '0'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (report.status !== 0) throw new Error(`perf report failed: ${report.stderr.slice(0, 500)}`);
  const shares = new Map(BUCKETS.map((bucket) => [bucket.name, 0]));
  for (const line of report.stdout.split('\n')) {
    const match = REPORT_LINE.exec(line);
    if (!match) continue;
    const [, percent, dso, symbol] = match;
    const bucket = BUCKETS.find((candidate) => candidate.matches(dso!, symbol!))!;
    shares.set(bucket.name, shares.get(bucket.name)! + Number(percent) / 100);
  }
  return shares;
}

interface SideResult {
  grants: number;
  cpuMsPerGrant: number;
  shares: Map<string, number>;
}

async function measureSide(server: ServerProcess, target: OidcTarget, login: () => Promise<AuthorizationCode>, options: { connections: number; seconds: number }): Promise<SideResult> {
  await runSlice(await refreshChains(target, options.connections, login), options.connections, 8000);
  const chains = await refreshChains(target, options.connections, login);
  const dir = mkdtempSync(join(tmpdir(), 'uia-bench-perf-'));
  const perfData = join(dir, 'perf.data');
  try {
    const perf = spawn('perf', ['record', '-F', '999', '-g', '-p', String(server.pid), '-o', perfData], { stdio: ['ignore', 'ignore', 'pipe'] });
    let perfOutput = '';
    perf.stderr.on('data', (chunk: Buffer) => (perfOutput += chunk.toString()));
    const perfExited = once(perf, 'exit');
    // perf prints nothing once it is attached; a moment is enough for it to be.
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (perf.exitCode !== null) throw new Error(`perf record failed: ${perfOutput.slice(0, 500)}`);
    const cpuBefore = server.cpuMs();
    const slice = await runSlice(chains, options.connections, options.seconds * 1000);
    const cpuMs = server.cpuMs() - cpuBefore;
    perf.kill('SIGINT');
    await perfExited;
    if (slice.failed > 0) throw new Error(`${slice.failed} grants failed: ${slice.errors.join('; ')}`);
    return { grants: slice.latencies.length, cpuMsPerGrant: cpuMs / slice.latencies.length, shares: bucketShares(perfData) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '16' } } });
  const options = { seconds: Number(values.seconds), connections: Number(values.connections) };
  if (!(options.seconds > 0) || !Number.isInteger(options.connections) || options.connections < 1) throw new Error('--seconds must be > 0 and --connections a positive integer');
  if (spawnSync('perf', ['--version']).status !== 0) throw new Error('perf is not installed (Debian: apt-get install linux-perf)');
  buildServers();

  const measure = async (server: ServerProcess, issuer: string, login: (target: OidcTarget) => Promise<AuthorizationCode>) => {
    try {
      const target = await discoverTarget(server.baseUrl, issuer, DEMO_RELYING_PARTY);
      return await measureSide(server, target, () => login(target), options);
    } finally {
      await server.stop();
    }
  };
  const bareServer = await startBareProviderServer(DEMO_RELYING_PARTY);
  const bare = await measure(bareServer, bareServer.baseUrl, selfCompletingLogin);
  const platformServer = await startServer({ env: { UIA_TRUST_PROXY: 'true', ...GLIBC_MALLOC_ENV } });
  const platform = await measure(platformServer, `${platformServer.baseUrl}/oidc`, (target) => platformPasswordLogin(target, DEMO_CREDENTIALS));

  const ms = (side: SideResult, share: number) => (side.cpuMsPerGrant * share).toFixed(2);
  const rows = BUCKETS.map(({ name }) => [name, ms(bare, bare.shares.get(name)!), ms(platform, platform.shares.get(name)!)]);
  const total = (side: SideResult) => `${side.cpuMsPerGrant.toFixed(2)} (${Math.round(1000 / side.cpuMsPerGrant)} per CPU-second)`;
  rows.push(['total', total(bare), total(platform)]);
  console.log(`\nrefresh grants, ${options.connections} connections, ${options.seconds} s per side under perf record -F 999; ms of CPU per grant\n`);
  console.log(renderTable(['', 'bare oidc-provider (in memory)', 'platform (SQLite)'], rows));
  console.log(`\n${bare.grants} and ${platform.grants} grants measured`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
