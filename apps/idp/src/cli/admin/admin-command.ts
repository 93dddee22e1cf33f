import type { PlatformConnection } from './platform-connection.ts';

export interface AdminIo {
  connect: () => Promise<PlatformConnection>;
  print: (line: string) => void;
}

/** One `npm run admin -- <command> …`: its usage text and what it does. */
export interface AdminCommand {
  usage: string;
  /** Resolves to the exit code when it is not 0 (e.g. `audit verify` on a broken chain); throws on refusal. */
  run(args: string[], io: AdminIo): Promise<number | void>;
}

/** The arguments do not form a command: the usage is printed, nothing is done. */
export class AdminUsageError extends Error {}

/** Runs `action` on a connection of its own, closed afterwards whatever happens. */
export async function withConnection<T>(connect: () => Promise<PlatformConnection>, action: (connection: PlatformConnection) => Promise<T>): Promise<T> {
  const connection = await connect();
  try {
    return await action(connection);
  } finally {
    await connection.close();
  }
}
