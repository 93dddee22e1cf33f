// The operators' command line, usable while the platform runs (its own connections, same configuration):
//   npm run admin -- <command> …   (each command in cli/admin/<command>.ts)
import { ConfigError, loadConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import type { AdminCommand } from './admin/admin-command.ts';
import { AdminUsageError } from './admin/admin-command.ts';
import { auditCommand } from './admin/audit.ts';
import { clientCommand } from './admin/client.ts';
import { grantRoleCommand } from './admin/grant-role.ts';
import { connectToPlatform } from './admin/platform-connection.ts';

const COMMANDS: Record<string, AdminCommand> = {
  client: clientCommand,
  audit: auditCommand,
  'grant-role': grantRoleCommand,
};

const usage = () =>
  Object.values(COMMANDS)
    .map((command) => command.usage)
    .join('\n');

const [name, ...args] = process.argv.slice(2);
const command = name ? COMMANDS[name] : undefined;
try {
  if (!command) throw new AdminUsageError(usage());
  process.exitCode = (await command.run(args, { connect: () => connectToPlatform(loadConfig()), print: (line) => console.log(line) })) ?? 0;
} catch (error) {
  // The platform's error shape, as the console's API answers it: a machine code and the Chinese message.
  if (error instanceof AppError) console.error(JSON.stringify(error.toBody()));
  else if (error instanceof AdminUsageError) console.error(`用法 / usage:\n${error.message}`);
  else if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) console.error(`${error.message}\n用法 / usage:\n${usage()}`);
  else console.error(error);
  process.exitCode = 1;
}
