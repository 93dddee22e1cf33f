import type { ConsoleRole } from '@uia/schemas';
import { maskIdNumber, maskName } from '@uia/validators';
import { AppError } from '../../errors.ts';
import type { AccountRepository, StoredAccount } from '../../ports/account-repository.ts';
import type { AuditEvent, AuditLog } from '../../ports/audit-log.ts';
import type { ConsoleRoleRepository } from '../../ports/console-role-repository.ts';
import { findAccountByIdentifier } from '../accounts/account-lookup.ts';
import { meetsLevel, PII_CONTEXT } from '../accounts/account-profile.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';

/** Who grants or revokes: a security administrator in the console, or the bootstrap CLI (null). */
export type RoleGranter = { accountId: string; role: ConsoleRole; ip: string } | null;

/** A console role holder as the console lists them: masked. */
export interface ConsoleRoleHolder {
  accountId: string;
  name: string;
  idNumber: string;
  role: ConsoleRole;
  grantedAt: number;
}

/**
 * 三员分立's role assignments: a person holds at most one console role, never
 * grants or revokes their own, and every grant and revocation — refused ones
 * too — is audited with actor, target and the role before and after.
 */
export class ConsoleRoles {
  constructor(
    private readonly deps: {
      roles: ConsoleRoleRepository;
      accounts: AccountRepository;
      cipher: PiiCipher;
      audit: AuditLog;
      now: () => number;
    },
  ) {}

  /** The console role of an account, or null. */
  async roleOf(accountId: string): Promise<ConsoleRole | null> {
    return (await this.deps.roles.find(accountId))?.role ?? null;
  }

  /** The administrator's name, masked, for the console's header. */
  async maskedName(accountId: string): Promise<string> {
    const account = await this.deps.accounts.findById(accountId);
    return account ? this.masked(account).name : '';
  }

  async holders(): Promise<ConsoleRoleHolder[]> {
    const assignments = await this.deps.roles.list();
    const holders = await Promise.all(
      assignments.map(async (assignment) => {
        const account = await this.deps.accounts.findById(assignment.accountId);
        return account ? { ...this.masked(account), role: assignment.role, grantedAt: assignment.grantedAt } : null;
      }),
    );
    return holders.filter((holder) => holder !== null);
  }

  /**
   * Grants `role` to the real-name (L2+) person with that exact 用户名 / 手机号 / 证件号码.
   * Refused to oneself and to a person who holds a role already (revoke it first).
   */
  async grant(granter: RoleGranter, identifier: string, role: ConsoleRole): Promise<ConsoleRoleHolder> {
    const base = this.eventBase(AUDIT_EVENT_TYPES.consoleRoleGrant, granter);
    let target: string | null = null;
    try {
      const { account } = await findAccountByIdentifier(this.deps.accounts, this.deps.cipher, identifier);
      if (!account || account.status !== 'active') throw new AppError('CONSOLE_ACCOUNT_NOT_FOUND', { field: 'identifier' });
      target = account.id;
      if (granter?.accountId === account.id) throw new AppError('CONSOLE_ROLE_SELF');
      if (!meetsLevel(account.assuranceLevel, 'L2')) throw new AppError('REALNAME_REQUIRED', { field: 'identifier' });
      const grantedAt = this.deps.now();
      const inserted = await this.deps.roles.insert({ accountId: account.id, role, grantedBy: granter?.accountId ?? null, grantedAt });
      if (!inserted) throw new AppError('CONSOLE_ROLE_HELD', { field: 'identifier' });
      await this.deps.audit.append({ ...base, outcome: 'success', target, changes: { role: { before: null, after: role } } });
      return { ...this.masked(account), role, grantedAt };
    } catch (error) {
      await this.refused(base, target, error);
      throw error;
    }
  }

  /**
   * The bootstrap: the CLI grants a role only while nobody is security
   * administrator; from then on roles are the security administrator's to grant.
   */
  async bootstrapGrant(identifier: string, role: ConsoleRole): Promise<ConsoleRoleHolder> {
    if ((await this.deps.roles.countHolders('security')) > 0) {
      const error = new AppError('CONSOLE_BOOTSTRAP_CLOSED');
      await this.refused(this.eventBase(AUDIT_EVENT_TYPES.consoleRoleGrant, null), null, error);
      throw error;
    }
    return this.grant(null, identifier, role);
  }

  async revoke(granter: NonNullable<RoleGranter>, accountId: string): Promise<void> {
    const base = this.eventBase(AUDIT_EVENT_TYPES.consoleRoleRevoke, granter);
    try {
      if (granter.accountId === accountId) throw new AppError('CONSOLE_ROLE_SELF');
      const held = await this.deps.roles.find(accountId);
      if (!held || !(await this.deps.roles.delete(accountId))) throw new AppError('CONSOLE_ROLE_NOT_HELD');
      await this.deps.audit.append({ ...base, outcome: 'success', target: accountId, changes: { role: { before: held.role, after: null } } });
    } catch (error) {
      await this.refused(base, accountId, error);
      throw error;
    }
  }

  private eventBase(type: string, granter: RoleGranter): Omit<AuditEvent, 'outcome'> {
    return granter ? { type, accountId: granter.accountId, ip: granter.ip, actor: { accountId: granter.accountId, role: granter.role } } : { type, accountId: null, detail: { via: 'cli' } };
  }

  private async refused(base: Omit<AuditEvent, 'outcome'>, target: string | null, error: unknown) {
    const reason = error instanceof AppError ? error.code : 'INTERNAL_ERROR';
    await this.deps.audit.append({ ...base, outcome: 'failure', target, detail: { ...base.detail, reason } });
  }

  private masked(account: StoredAccount) {
    const { cipher } = this.deps;
    return {
      accountId: account.id,
      name: maskName(cipher.decrypt(account.nameCipher, PII_CONTEXT.name)),
      idNumber: maskIdNumber(cipher.decrypt(account.idNumberCipher, PII_CONTEXT.idNumber)),
    };
  }
}
