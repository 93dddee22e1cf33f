import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../apps/idp/test/harness.ts';
import { V8_HEAP_FLAGS } from '../../scripts/v8-heap.mjs';
import type { RelyingParty } from './login-flow.ts';

export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The two ways to run the server: the build production runs, and tsx on the sources (development, tests); both with the start scripts' V8 heap flags. */
export const SERVER_COMMANDS = {
  compiled: [...V8_HEAP_FLAGS, 'apps/idp/dist/main.js'],
  tsx: [...V8_HEAP_FLAGS, '--import', 'tsx', 'apps/idp/src/main.ts'],
} as const;
export type ServerCommand = keyof typeof SERVER_COMMANDS;

/** utime + stime of a process (/proc/<pid>/stat fields 14 and 15, in clock ticks of 10 ms on Linux). */
export function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time (ms) this bench process has used: for baselines it runs itself, and its own share of a run. */
export function benchCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export function rssMbOf(pid: number): number {
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
}

/** SIGTERM to a child still running, and its exit awaited (`exited`: its 'exit' event, listened for at spawn). */
export async function terminate(child: ChildProcess, exited: Promise<unknown>) {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await exited;
  }
}

/** Bundles the server first, so the compiled side runs what the sources say now. */
export function buildServers() {
  const result = spawnSync(process.execPath, ['scripts/build-servers.mjs'], { cwd: repositoryRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('npm run build:servers failed');
}

export interface ServerProcess {
  pid: number;
  /** http://127.0.0.1:<port>, also its PUBLIC_URL unless `env` says otherwise. */
  baseUrl: string;
  /** Its DATA_DIR (demo secrets, SQLite database). */
  dataDir: string;
  /** Spawn → first /readyz 200. */
  readyMs: number;
  cpuMs(): number;
  rssMb(): number;
  /** SIGTERM, wait for the exit, remove the data directory unless it was given. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** `node` arguments; the compiled server with the start scripts' V8 heap flags by default. */
  args?: readonly string[];
  /** Added to the bench's environment (DATABASE_URL / REDIS_URL are dropped unless given here). */
  env?: Record<string, string>;
  port?: number;
  /** A data directory to reuse (kept on stop); a fresh temporary one otherwise. */
  dataDir?: string;
  /** Whether to wait for /readyz 200 (a bare provider has none: it waits for the port). */
  readyPath?: string;
}

/** Starts a server as its own process and resolves when it answers `readyPath` with 200. */
export async function startServer(options: ServerOptions = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'uia-bench-'));
  const env: NodeJS.ProcessEnv = { ...process.env, UIA_MODE: 'demo', PORT: String(port), PUBLIC_URL: baseUrl, DATA_DIR: dataDir, UIA_LOG_LEVEL: process.env.UIA_LOG_LEVEL ?? 'warn' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  Object.assign(env, options.env);
  const started = performance.now();
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [...(options.args ?? SERVER_COMMANDS.compiled)], { cwd: repositoryRoot, env, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = once(child, 'exit');
  const stop = async () => {
    await terminate(child, exited);
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} during start-up: ${output.join('').slice(-2000)}`);
      const ready = await fetch(`${baseUrl}${options.readyPath ?? '/readyz'}`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ready) break;
      await sleep(10);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const pid = child.pid!;
  return { pid, baseUrl, dataDir, readyMs: performance.now() - started, cpuMs: () => cpuMsOf(pid), rssMb: () => rssMbOf(pid), stop };
}

/**
 * The bare oidc-provider (bare-provider-main.ts) as its own process, for `rp`; `env` adds to its
 * environment (BENCH_BARE_STORAGE=platform: the platform's storage instead of memory).
 */
export function startBareProviderServer(rp: RelyingParty, env: Record<string, string> = {}): Promise<ServerProcess> {
  return startServer({ args: ['--import', 'tsx', 'bench/src/bare-provider-main.ts'], env: { BENCH_RP: JSON.stringify(rp), ...env }, readyPath: '/.well-known/openid-configuration' });
}
