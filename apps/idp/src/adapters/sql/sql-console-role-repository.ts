import type { Kysely } from 'kysely';
import type { ConsoleRole } from '@uia/schemas';
import type { ConsoleRoleAssignment, ConsoleRoleRepository } from '../../ports/console-role-repository.ts';
import type { ConsoleRolesTable, Database } from './schema.ts';

const toAssignment = (row: ConsoleRolesTable): ConsoleRoleAssignment => ({
  accountId: row.account_id,
  role: row.role as ConsoleRole,
  grantedBy: row.granted_by,
  grantedAt: Number(row.granted_at),
});

export class SqlConsoleRoleRepository implements ConsoleRoleRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(accountId: string) {
    const row = await this.db.selectFrom('console_roles').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    return row ? toAssignment(row) : null;
  }

  async list() {
    const rows = await this.db.selectFrom('console_roles').selectAll().orderBy('granted_at').execute();
    return rows.map(toAssignment);
  }

  async countHolders(role: ConsoleRole) {
    const row = await this.db
      .selectFrom('console_roles')
      .select((eb) => eb.fn.countAll<number | string>().as('holders'))
      .where('role', '=', role)
      .executeTakeFirstOrThrow();
    return Number(row.holders);
  }

  async insert(assignment: ConsoleRoleAssignment) {
    // On conflict do nothing: two simultaneous grants to one person leave exactly one row, and the loser learns it.
    const result = await this.db
      .insertInto('console_roles')
      .values({ account_id: assignment.accountId, role: assignment.role, granted_by: assignment.grantedBy, granted_at: assignment.grantedAt })
      .onConflict((conflict) => conflict.column('account_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async delete(accountId: string) {
    const result = await this.db.deleteFrom('console_roles').where('account_id', '=', accountId).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }
}
