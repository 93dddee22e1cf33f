// `npm run admin -- <command> …`: the operators' command line, one module per
// command under admin/. Each opens its own connection from the same
// configuration as the server, so it can run while the platform does.
import { ConfigError } from '../config.ts';
import type { AdminCommand } from './admin/admin-command.ts';
import { auditCommand } from './admin/audit.ts';

const commands: Record<string, AdminCommand> = {
  audit: auditCommand,
};

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  console.error(['用法 / usage: npm run admin -- <command>', ...Object.values(commands).map((known) => `  ${known.usage}`)].join('\n'));
  process.exit(2);
}
try {
  process.exit(await command.run(args));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
