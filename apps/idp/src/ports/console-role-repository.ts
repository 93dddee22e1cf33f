import type { ConsoleRole } from '@uia/schemas';

export interface ConsoleRoleAssignment {
  accountId: string;
  role: ConsoleRole;
  /** The security administrator who granted it; null for the bootstrap CLI. */
  grantedBy: string | null;
  grantedAt: number;
}

/** Console role assignments: at most one per account (the table's primary key). */
export interface ConsoleRoleRepository {
  find(accountId: string): Promise<ConsoleRoleAssignment | null>;
  list(): Promise<ConsoleRoleAssignment[]>;
  countHolders(role: ConsoleRole): Promise<number>;
  /** False when the account holds a role already (nothing written). */
  insert(assignment: ConsoleRoleAssignment): Promise<boolean>;
  /** False when the account held no role. */
  delete(accountId: string): Promise<boolean>;
}
