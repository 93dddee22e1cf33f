import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { freePort } from '../harness.ts';

/**
 * A PostgreSQL cluster and a Redis server of the test's own, on free ports, in a temporary
 * directory: fault tests stop, restart and freeze them, which must never happen to the shared
 * services on 5432/6379. PostgreSQL refuses to run as root, so as root it runs as `postgres`.
 */

const POSTGRES_BIN = (() => {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
  return `/usr/lib/postgresql/${versions[0]}/bin`;
})();

/**
 * As root, the server processes run as `postgres` through spawn's uid/gid, not `runuser`: a
 * `runuser` parent stops itself when its child is stopped (SIGSTOP) and then never reaps it.
 */
const serviceUser = (): { uid?: number; gid?: number } =>
  userInfo().uid === 0 ? { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) } : {};

/** Waits until `ready` is true, polling; fails after `limitMs` with `what` in the message. */
async function until(what: string, ready: () => Promise<boolean> | boolean, limitMs = 20_000) {
  const deadline = Date.now() + limitMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** The process and its direct children (a postmaster and its backends). */
function processGroup(pid: number): number[] {
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .split('\n')
    .map(Number)
    .filter((n) => n > 0);
  return [pid, ...children];
}

export class ThrowawayPostgres {
  private server: ChildProcess | null = null;
  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  /** Superuser URL of the cluster's `postgres` database over TCP. */
  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async create(): Promise<ThrowawayPostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'uia-fault-pg-'));
    const user = serviceUser();
    if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);
    const cluster = new ThrowawayPostgres(dir, await freePort());
    try {
      const args = ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '--no-instructions', '-E', 'UTF8', '--locale=C.UTF-8'];
      execFileSync(`${POSTGRES_BIN}/initdb`, args, { stdio: 'ignore', cwd: dir, ...user });
      await cluster.start();
    } catch (error) {
      await cluster.destroy();
      throw error;
    }
    return cluster;
  }

  private get postmasterPid(): number {
    if (!this.server?.pid) throw new Error('PostgreSQL is not running');
    return this.server.pid;
  }

  async start() {
    const args = ['-D', join(this.dir, 'data'), '-p', String(this.port), '-k', this.dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=100'];
    this.server = spawn(`${POSTGRES_BIN}/postgres`, args, { stdio: 'ignore', cwd: this.dir, ...serviceUser() });
    await until('PostgreSQL to accept connections', () => this.accepts());
  }

  /** A fast shutdown (what a restart or failover does to open connections). */
  async stop() {
    const server = this.server;
    if (!server) return;
    server.kill('SIGINT');
    await until('PostgreSQL to stop', () => server.exitCode !== null || server.signalCode !== null);
    this.server = null;
  }

  /** Freezes the postmaster and every backend: connections stay open, nothing answers. */
  freeze() {
    for (const pid of processGroup(this.postmasterPid)) process.kill(pid, 'SIGSTOP');
  }

  thaw() {
    for (const pid of processGroup(this.postmasterPid)) process.kill(pid, 'SIGCONT');
  }

  async query<Row extends pg.QueryResultRow>(statement: string): Promise<Row[]> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 2000 });
    // A refused or ended connection rejects connect/query below; the event would only repeat it.
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query<Row>(statement)).rows;
    } finally {
      await client.end();
    }
  }

  private async accepts() {
    try {
      await this.query('select 1');
      return true;
    } catch {
      return false;
    }
  }

  async destroy() {
    if (this.server) {
      try {
        this.thaw();
        await this.stop();
      } catch {
        // Its backends end on their own once the postmaster is gone.
        this.server?.kill('SIGKILL');
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class ThrowawayRedis {
  private server: ChildProcess | null = null;
  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** The running server's process id (the bench reads its CPU time). */
  get pid() {
    return this.server?.pid;
  }

  static async create(): Promise<ThrowawayRedis> {
    const redis = new ThrowawayRedis(mkdtempSync(join(tmpdir(), 'uia-fault-redis-')), await freePort());
    await redis.start();
    return redis;
  }

  async start() {
    // Append-only file on, as a production Redis would keep its data across a restart.
    this.server = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', this.dir], { stdio: 'ignore' });
    await until('Redis to answer', () => this.answers());
  }

  async stop() {
    const server = this.server;
    if (!server?.pid) return;
    server.kill('SIGTERM');
    await until('Redis to stop', () => server.exitCode !== null || server.signalCode !== null);
    this.server = null;
  }

  freeze() {
    this.server?.kill('SIGSTOP');
  }

  thaw() {
    this.server?.kill('SIGCONT');
  }

  private async answers() {
    try {
      execFileSync('redis-cli', ['-p', String(this.port), 'ping'], { stdio: 'pipe', timeout: 2000 });
      return true;
    } catch {
      return false;
    }
  }

  async destroy() {
    if (this.server) {
      this.thaw();
      this.server.kill('SIGKILL');
      this.server = null;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export { sleep, until };
