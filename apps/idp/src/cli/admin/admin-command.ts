/** One `npm run admin -- <name> …` command: its usage line and what it does with the rest of the arguments. */
export interface AdminCommand {
  usage: string;
  /** The process exit code. */
  run(args: string[]): Promise<number>;
}
