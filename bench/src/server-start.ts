import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../apps/idp/test/harness.ts';
import { percentile } from './measure.ts';
import { cpuMsOf, repositoryRoot, rssMbOf, SERVER_COMMANDS, type ServerCommand } from './server-process.ts';

export interface StartSample {
  /** Spawn → first `/readyz` 200 (polled every 10 ms). */
  readyMs: number;
  /** CPU time (user + system) the process had used when it was ready: what the start costs, whatever else loads the machine. */
  readyCpuMs: number;
  /** VmRSS of the process after it has been ready and idle for `idleMs`. */
  idleRssMb: number;
}

export type Spread = { p50: number; min: number; max: number };
export type StartSummary = Record<keyof StartSample, Spread>;

/** One start of the server in demo mode (SQLite + in-process store) on `dataDir`, stopped with SIGTERM after the sample. */
async function startOnce(command: ServerCommand, dataDir: string, idleMs: number): Promise<StartSample> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // SQLite + the in-process store whatever the bench's environment says: the process alone is measured.
  const env: NodeJS.ProcessEnv = { ...process.env, UIA_MODE: 'demo', PORT: String(port), PUBLIC_URL: base, DATA_DIR: dataDir, UIA_LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const started = performance.now();
  const child = spawn(process.execPath, [...SERVER_COMMANDS[command]], { cwd: repositoryRoot, env, stdio: 'ignore' });
  const exited = once(child, 'exit');
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command} server exited with ${child.exitCode} during start-up`);
      const ready = await fetch(`${base}/readyz`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ready) break;
      await sleep(10);
    }
    const readyMs = performance.now() - started;
    const readyCpuMs = cpuMsOf(child.pid!);
    await sleep(idleMs);
    return { readyMs, readyCpuMs, idleRssMb: rssMbOf(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), min: sorted[0]!, max: sorted[sorted.length - 1]! };
};

/**
 * Start → ready and idle RSS of the compiled server and of the tsx one, in
 * alternating order (A B, B A, …) so background load hits both alike. Each
 * side first starts once unmeasured on its own data directory (creating the
 * database, demo keys and seeds); the measured starts are restarts on it, as
 * a production node's are.
 */
export async function measureServerStarts(rounds: number, idleMs: number): Promise<Record<ServerCommand, StartSummary>> {
  const sides = Object.keys(SERVER_COMMANDS) as ServerCommand[];
  const dataDirs = Object.fromEntries(sides.map((side) => [side, mkdtempSync(join(tmpdir(), `uia-bench-start-${side}-`))])) as Record<ServerCommand, string>;
  const samples = Object.fromEntries(sides.map((side) => [side, [] as StartSample[]])) as Record<ServerCommand, StartSample[]>;
  try {
    for (const side of sides) await startOnce(side, dataDirs[side], 0);
    for (let round = 0; round < rounds; round += 1) {
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) samples[side].push(await startOnce(side, dataDirs[side], idleMs));
    }
  } finally {
    for (const dir of Object.values(dataDirs)) rmSync(dir, { recursive: true, force: true });
  }
  return Object.fromEntries(
    sides.map((side) => [
      side,
      {
        readyMs: summary(samples[side].map((s) => s.readyMs)),
        readyCpuMs: summary(samples[side].map((s) => s.readyCpuMs)),
        idleRssMb: summary(samples[side].map((s) => s.idleRssMb)),
      },
    ]),
  ) as Record<ServerCommand, StartSummary>;
}
