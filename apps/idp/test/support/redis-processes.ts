import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../harness.ts';

/**
 * Throwaway Redis processes for tests that must not touch the shared Redis:
 * a master (or replica) and a sentinel, each on its own free loopback port,
 * in a temporary directory, stopped (and their files removed) by `stop()`.
 */
export interface RedisProcess {
  port: number;
  /** Resolves when the process printed `line` (from now on, or already). */
  waitForLog(line: string): Promise<void>;
  stop(): Promise<void>;
}

/** `password`: the server's requirepass, and what a replica authenticates to its master with. */
export async function startRedisServer(options: { replicaOf?: number; password?: string } = {}): Promise<RedisProcess> {
  const port = await freePort();
  // `--save ''` alone does not keep files away: a replica (and a master that a failover turned into
  // one) stores the snapshot of its full sync in its working directory. A throwaway one of its own,
  // not the repository the tests run from (a dump.rdb written there had been committed).
  const dir = mkdtempSync(join(tmpdir(), 'uia-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
  if (options.password) args.push('--requirepass', options.password, '--masterauth', options.password);
  if (options.replicaOf) args.push('--replicaof', '127.0.0.1', String(options.replicaOf));
  return launch(port, args, dir, 'Ready to accept connections');
}

/**
 * A sentinel watching the master on `masterPort` as `name`, with a quorum of 1 (it alone decides);
 * `masterPassword` is the servers' requirepass, `password` the sentinel's own.
 */
export async function startRedisSentinel(masterPort: number, name: string, options: { masterPassword?: string; password?: string } = {}): Promise<RedisProcess> {
  const port = await freePort();
  // Sentinel rewrites its configuration file as it learns, so it gets a writable one of its own.
  const dir = mkdtempSync(join(tmpdir(), 'uia-sentinel-'));
  const file = join(dir, 'sentinel.conf');
  const lines = [
    `port ${port}`,
    'bind 127.0.0.1',
    `dir ${dir}`,
    `sentinel monitor ${name} 127.0.0.1 ${masterPort} 1`,
    `sentinel down-after-milliseconds ${name} 1000`,
    `sentinel failover-timeout ${name} 5000`,
  ];
  if (options.masterPassword) lines.push(`sentinel auth-pass ${name} ${options.masterPassword}`);
  if (options.password) lines.push(`requirepass ${options.password}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return launch(port, [file, '--sentinel'], dir, `+monitor master ${name}`);
}

async function launch(port: number, args: string[], dir: string, readyLine: string): Promise<RedisProcess> {
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters: { line: string; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    for (const waiter of waiters.filter((w) => output.includes(w.line))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  child.stderr.resume();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waitForLog = (line: string) =>
    new Promise<void>((resolve, reject) => {
      if (output.includes(line)) return resolve();
      waiters.push({ line, resolve });
      void exited.then(() => reject(new Error(`redis-server ${args.join(' ')} exited before "${line}":\n${output}`)));
    });
  await waitForLog(readyLine);
  return {
    port,
    waitForLog,
    async stop() {
      await stopChild(child, exited);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function stopChild(child: ChildProcess, exited: Promise<void>) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await exited;
}
