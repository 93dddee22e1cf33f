import { CONSOLE_ROLE_NAMES, CONSOLE_ROLES, type ConsoleRole } from '@uia/schemas';
import { SqlAccountRepository } from '../../adapters/sql/sql-account-repository.ts';
import { SqlAuditLog } from '../../adapters/sql/sql-audit-log.ts';
import { SqlConsoleRoleRepository } from '../../adapters/sql/sql-console-role-repository.ts';
import { ConsoleRoles } from '../../services/console/console-roles.ts';
import { UsageError, type AdminCommand } from './admin-command.ts';

const USAGE = 'npm run admin -- grant-role <用户名|手机号|证件号码> <system|security|audit>';

const isRole = (value: string): value is ConsoleRole => (CONSOLE_ROLES as readonly string[]).includes(value);

/**
 * The console's bootstrap: grants the first console roles (the first security
 * administrator above all) while nobody holds the security role; afterwards
 * it refuses, and roles are granted in the console. Audited (detail via cli).
 */
export const grantRole: AdminCommand = {
  usage: USAGE,
  async run(args, { db, cipher }) {
    const [identifier, role] = args;
    if (args.length !== 2 || !identifier || !role || !isRole(role)) throw new UsageError([`用法 / usage: ${USAGE}`]);
    const roles = new ConsoleRoles({ roles: new SqlConsoleRoleRepository(db), accounts: new SqlAccountRepository(db), cipher, audit: new SqlAuditLog(db), now: Date.now });
    const holder = await roles.bootstrapGrant(identifier, role);
    console.log(`已授予 ${holder.name}（${holder.idNumber}）${CONSOLE_ROLE_NAMES[holder.role]} / granted ${holder.role}`);
  },
};
