import type { PlatformConnection } from './platform-connection.ts';

/** One `npm run admin -- <command> …`: its usage text and what it does. */
export interface AdminCommand {
  usage: string;
  run(args: string[], io: { connect: () => Promise<PlatformConnection>; print: (line: string) => void }): Promise<void>;
}

/** The arguments do not form a command: the usage is printed, nothing is done. */
export class AdminUsageError extends Error {}
