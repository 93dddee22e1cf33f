import type { Kysely } from 'kysely';
import type { Database } from '../../adapters/sql/schema.ts';
import type { Config } from '../../config.ts';
import type { PiiCipher } from '../../services/personal-data/pii-cipher.ts';

/** What every admin command gets: the running platform's configuration and its own connection to the same database. */
export interface AdminContext {
  config: Config;
  db: Kysely<Database>;
  cipher: PiiCipher;
}

/** One `npm run admin -- <command> …`: its usage line and what it does with the arguments after the command. */
export interface AdminCommand {
  usage: string;
  run(args: string[], context: AdminContext): Promise<void>;
}

/** The command line was wrong: printed as is, exit code 1. */
export class UsageError extends Error {
  constructor(lines: string[]) {
    super(lines.join('\n'));
  }
}
