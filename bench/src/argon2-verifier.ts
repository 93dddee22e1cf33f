import { fork } from 'node:child_process';
import { once } from 'node:events';
import { cpuMsOf, repositoryRoot, rssMbOf, terminate } from './server-process.ts';

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
  // Each verify waits for its answer; the child's exit answers every one still waiting with an error.
  const pending = new Map<number, (answer: { ok: boolean } | Error) => void>();
  let nextId = 0;
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (message: { ready?: true; id?: number; ok?: boolean }) => {
      if (message.ready) return resolve();
      pending.get(message.id!)?.({ ok: message.ok === true });
      pending.delete(message.id!);
    });
    void exited.then(() => {
      const error = new Error(`argon2 verifier exited with ${child.exitCode ?? child.signalCode}`);
      reject(error);
      for (const answer of pending.values()) answer(error);
      pending.clear();
    });
  });
  await ready;
  const pid = child.pid!;
  return {
    verify: async () => {
      const id = (nextId += 1);
      const answer = await new Promise<{ ok: boolean } | Error>((resolve) => {
        pending.set(id, resolve);
        child.send({ id });
      });
      if (answer instanceof Error) throw answer;
      if (!answer.ok) throw new Error('argon2 verify returned false');
    },
    cpuMs: () => cpuMsOf(pid),
    rssMb: () => rssMbOf(pid),
    stop: () => terminate(child, exited),
  };
}
