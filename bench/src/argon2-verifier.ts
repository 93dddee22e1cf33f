import { fork } from 'node:child_process';
import { once } from 'node:events';
import { cpuMsOf, repositoryRoot, rssMbOf } from './server-process.ts';

export interface Argon2Verifier {
  /** One raw verify in the child; throws when it answered false. */
  verify: () => Promise<void>;
  cpuMs: () => number;
  rssMb: () => number;
  stop: () => Promise<void>;
}

/**
 * Raw Argon2id verifies in a child process started with `env` added (for
 * example the server's glibc settings). Each verify costs the child one IPC
 * message each way, a few microseconds beside a hash of tens of milliseconds.
 */
export async function startArgon2Verifier(env: Record<string, string>): Promise<Argon2Verifier> {
  const child = fork('bench/src/argon2-verifier-main.ts', [], { cwd: repositoryRoot, execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const exited = once(child, 'exit');
  const pending = new Map<number, (ok: boolean) => void>();
  let nextId = 0;
  const ready = new Promise<void>((resolve) => {
    child.on('message', (message: { ready?: true; id?: number; ok?: boolean }) => {
      if (message.ready) resolve();
      else pending.get(message.id!)?.(message.ok === true);
      pending.delete(message.id!);
    });
  });
  await Promise.race([ready, exited.then(() => Promise.reject(new Error(`argon2 verifier exited with ${child.exitCode} at start`)))]);
  const pid = child.pid!;
  return {
    verify: async () => {
      const id = (nextId += 1);
      const ok = await new Promise<boolean>((resolve) => {
        pending.set(id, resolve);
        child.send({ id });
      });
      if (!ok) throw new Error('argon2 verify returned false');
    },
    cpuMs: () => cpuMsOf(pid),
    rssMb: () => rssMbOf(pid),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
