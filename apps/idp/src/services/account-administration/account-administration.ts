import { IN_PERSON_REFERENCE_PATTERN, type AdminAccountView, type FindAccountRequest } from '@uia/schemas';
import { AppError } from '../../errors.ts';
import type { AccountRepository, StoredAccount } from '../../ports/account-repository.ts';
import type { AuditEvent, AuditLog } from '../../ports/audit-log.ts';
import type { PlatformSessions } from '../../ports/session-terminator.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import { auditedStep, type AuditNote } from '../audited-step.ts';
import type { LoginThrottle } from '../password-login/login-throttle.ts';
import type { SessionActivity } from '../platform-sessions/session-lifetime.ts';
import type { SignOutEverywhere } from '../platform-sessions/sign-out-everywhere.ts';
import type { UserCenterSessions } from '../user-center/user-center-sessions.ts';
import { IN_PERSON_CHECK_EVENT, isLocked, type AdminAccountViews } from './account-view.ts';
import { findAccountExactly } from './find-account.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';

/** The administrator acting, as the console's session proves it. */
export type AccountAdministrator = NonNullable<AuditEvent['actor']>;

export interface AdministrationContext {
  ip: string;
  userAgent?: string;
}

/**
 * 账号管理 of the operator console (安全管理员, DESIGN.md §1.8): one account
 * found by an exact identifier, shown masked, and the actions on it — 解锁
 * (the login throttle and today's pause), 停用 / 启用, 结束全部会话 (with
 * back-channel logout), and L4 after an in-person check. Every call is
 * audited with the administrator as actor, the account as target and the
 * non-personal fields it changed; the in-person check's record (the hall's
 * reference number) is that audit event, in the append-only trail.
 */
export class AccountAdministration {
  constructor(
    private readonly deps: {
      accounts: AccountRepository;
      cipher: PiiCipher;
      throttle: LoginThrottle;
      signOut: SignOutEverywhere;
      sessions: PlatformSessions;
      activity: SessionActivity;
      userCenterSessions: UserCenterSessions;
      views: AdminAccountViews;
      audit: AuditLog;
      now: () => number;
    },
  ) {}

  /** 查找账号: ACCOUNT_NOT_FOUND when no account has that identifier. */
  find(actor: AccountAdministrator, request: FindAccountRequest, context: AdministrationContext) {
    return this.step(AUDIT_EVENT_TYPES.consoleAccountFind, actor, context, async (note) => {
      note.detail = { identifierKind: request.kind };
      const account = await findAccountExactly(this.deps.accounts, this.deps.cipher, request, new Date(this.deps.now()));
      if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
      this.aimAt(note, account.id);
      return this.deps.views.of(account);
    });
  }

  /** The account's view again (after an action, or to refresh the page). */
  show(actor: AccountAdministrator, accountId: string, context: AdministrationContext) {
    return this.step(AUDIT_EVENT_TYPES.consoleAccountView, actor, context, async (note) => this.deps.views.of(await this.target(note, accountId)));
  }

  /** 解锁: every source of the account's names starts afresh, and today's pause of password login is lifted. */
  async unlock(actor: AccountAdministrator, accountId: string, context: AdministrationContext) {
    await this.step(AUDIT_EVENT_TYPES.consoleAccountUnlock, actor, context, async (note) => {
      await this.target(note, accountId);
      const before = await this.deps.throttle.unlock(accountId, context);
      note.changes = { locked: { before: isLocked(before, this.deps.now()), after: false }, paused: { before: before.paused, after: false } };
      note.detail = { sources: before.sources.length, failuresToday: before.failuresToday };
    });
    return this.viewOf(accountId);
  }

  /** 停用: no login of any kind from now on; every session ends and the services are told. */
  async disable(actor: AccountAdministrator, accountId: string, context: AdministrationContext) {
    await this.step(AUDIT_EVENT_TYPES.consoleAccountDisable, actor, context, async (note) => {
      const account = await this.target(note, accountId);
      note.changes = { status: { before: account.status, after: 'disabled' } };
      const services = await this.endSessions(accountId, (writes) => writes.setStatus(accountId, 'disabled', this.deps.now()));
      note.detail = { signedOutServices: services };
    });
    return this.viewOf(accountId);
  }

  /** 启用: the account may log in again (its sessions stay ended). */
  async enable(actor: AccountAdministrator, accountId: string, context: AdministrationContext) {
    await this.step(AUDIT_EVENT_TYPES.consoleAccountEnable, actor, context, async (note) => {
      const account = await this.target(note, accountId);
      note.changes = { status: { before: account.status, after: 'active' } };
      await this.deps.accounts.inTransaction((writes) => writes.setStatus(accountId, 'active', this.deps.now()));
    });
    return this.viewOf(accountId);
  }

  /** 结束全部会话: every browser and app session, grant and refresh token of the person; the services are told by back-channel logout. */
  async endAllSessions(actor: AccountAdministrator, accountId: string, context: AdministrationContext) {
    await this.step(AUDIT_EVENT_TYPES.consoleAccountEndSessions, actor, context, async (note) => {
      await this.target(note, accountId);
      note.detail = { signedOutServices: await this.endSessions(accountId, async () => {}) };
    });
    return this.viewOf(accountId);
  }

  /**
   * L4 after an in-person check at a service hall: needs the hall's reference
   * number (IN_PERSON_REFERENCE_PATTERN), kept in this action's audit event.
   * An account already at L4 is refused (its level cannot go higher).
   */
  async raiseToL4(actor: AccountAdministrator, accountId: string, reference: string, context: AdministrationContext) {
    await this.step(IN_PERSON_CHECK_EVENT, actor, context, async (note) => {
      const account = await this.target(note, accountId);
      const trimmed = reference.trim();
      if (!IN_PERSON_REFERENCE_PATTERN.test(trimmed)) throw new AppError('IN_PERSON_REFERENCE_INVALID', { field: 'reference' });
      if (account.assuranceLevel === 'L4') throw new AppError('ACCOUNT_ALREADY_L4');
      note.detail = { reference: trimmed };
      note.changes = { assuranceLevel: { before: account.assuranceLevel, after: 'L4' } };
      await this.deps.accounts.raiseAssuranceLevel(accountId, 'L4', this.deps.now());
    });
    // After the step: its audit event is the check's record the view shows.
    return this.viewOf(accountId);
  }

  private step<T>(type: string, actor: AccountAdministrator, context: AdministrationContext, run: (note: AuditNote) => Promise<T>) {
    return auditedStep(this.deps.audit, { type, ...context, actor }, run);
  }

  private aimAt(note: AuditNote, accountId: string) {
    note.accountId = accountId;
    note.target = accountId;
  }

  private async target(note: AuditNote, accountId: string): Promise<StoredAccount> {
    this.aimAt(note, accountId);
    const account = await this.deps.accounts.findById(accountId);
    if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
    return account;
  }

  /**
   * SignOutEverywhere, then the user-center sessions those browser sessions
   * had opened (they would otherwise outlive them). Returns how many services were told.
   */
  private async endSessions(accountId: string, change: Parameters<SignOutEverywhere['withCredentialChange']>[2]): Promise<number> {
    const browsers = await this.deps.sessions.platformSessions(accountId);
    const told = await this.deps.signOut.withCredentialChange(accountId, this.deps.now(), change);
    await Promise.all(browsers.flatMap(({ uid }) => [this.deps.activity.forget(uid), this.deps.userCenterSessions.closeForPlatformSession(uid)]));
    return told.length;
  }

  /** The view after an action (the account was found by the action's step). */
  private async viewOf(accountId: string): Promise<AdminAccountView> {
    const account = await this.deps.accounts.findById(accountId);
    if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
    return this.deps.views.of(account);
  }
}
