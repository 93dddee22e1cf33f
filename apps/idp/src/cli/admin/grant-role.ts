import { CONSOLE_ROLE_NAMES, CONSOLE_ROLES, type ConsoleRole } from '@uia/schemas';
import { SqlAccountRepository } from '../../adapters/sql/sql-account-repository.ts';
import { SqlConsoleRoleRepository } from '../../adapters/sql/sql-console-role-repository.ts';
import { ConsoleRoles } from '../../services/console/console-roles.ts';
import { AdminUsageError, withConnection, type AdminCommand } from './admin-command.ts';

const USAGE = 'npm run admin -- grant-role <用户名|手机号|证件号码> <system|security|audit>   首位安全管理员（仅在尚无安全管理员时可用）';

const isRole = (value: string): value is ConsoleRole => (CONSOLE_ROLES as readonly string[]).includes(value);

/**
 * The console's bootstrap: grants the first console roles (the first security
 * administrator above all) while nobody holds the security role; afterwards
 * it refuses, and roles are granted in the console. Audited (detail via cli).
 */
export const grantRoleCommand: AdminCommand = {
  usage: USAGE,
  async run(args, { connect, print }) {
    const [identifier, role] = args;
    if (args.length !== 2 || !identifier || !role || !isRole(role)) throw new AdminUsageError(USAGE);
    const holder = await withConnection(connect, ({ database, cipher, audit }) =>
      new ConsoleRoles({ roles: new SqlConsoleRoleRepository(database.db), accounts: new SqlAccountRepository(database.db), cipher, audit, now: Date.now }).bootstrapGrant(identifier, role),
    );
    print(`已授予 ${holder.name}（${holder.idNumber}）${CONSOLE_ROLE_NAMES[holder.role]} / granted ${holder.role}`);
  },
};
