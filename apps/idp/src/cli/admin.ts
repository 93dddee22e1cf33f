// The operator commands, usable while the platform runs (each opens its own connection from the
// same configuration as the server): npm run admin -- <command> …
import { formatMessage } from '@uia/i18n';
import { ConfigError, loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../adapters/sql/database.ts';
import { AppError } from '../errors.ts';
import { PiiCipher } from '../services/personal-data/pii-cipher.ts';
import { UsageError, type AdminCommand } from './admin/admin-command.ts';
import { grantRole } from './admin/grant-role.ts';

/** Every admin command, by name. */
const COMMANDS: Record<string, AdminCommand> = {
  'grant-role': grantRole,
};

const usage = () => ['用法 / usage:', ...Object.values(COMMANDS).map((command) => `  ${command.usage}`)];

try {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(usage());
  const config = loadConfig();
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    await command.run(args, { config, db: database.db, cipher: new PiiCipher(config.dataKeys, config.blindIndexKey) });
  } finally {
    await database.close();
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof UsageError) console.error(error.message);
  else if (error instanceof AppError) console.error(`${formatMessage(error.code, error.params)} (${error.code})`);
  else console.error(error);
  process.exit(1);
}
