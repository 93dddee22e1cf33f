import { AppError } from '../../errors.ts';
import type { AccountRepository } from '../../ports/account-repository.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { AppSessionView } from '../app-sessions/app-session.ts';
import type { AppSessions } from '../app-sessions/app-sessions.ts';
import { auditedStep } from '../audited-step.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import { personView } from './person-view.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';

/** 我的: who is logged in, on which devices, and 退出登录 (this device or another). */
export class AppAccount {
  constructor(
    private readonly deps: {
      accounts: AccountRepository;
      cipher: PiiCipher;
      appSessions: AppSessions;
      audit: AuditLog;
    },
  ) {}

  async me(session: AppSessionView) {
    const account = await this.deps.accounts.findById(session.accountId);
    if (!account || account.status !== 'active') throw new AppError('APP_LOGIN_REQUIRED');
    const sessions = await this.deps.appSessions.list(account.id);
    return {
      person: personView(account, this.deps.cipher),
      session,
      sessions: sessions.map((listed) => ({ ...listed, current: listed.id === session.id })),
    };
  }

  /** 退出登录: ends the current session. */
  async logout(session: AppSessionView, context: { ip: string; userAgent?: string }): Promise<void> {
    await auditedStep(this.deps.audit, { type: AUDIT_EVENT_TYPES.appLogout, ...context }, async (note) => {
      note.accountId = session.accountId;
      note.detail = { appSessionId: session.id };
      await this.deps.appSessions.revoke(session.id, session.accountId);
    });
  }

  /** Ends one of the person's own sessions (another phone, or this one). */
  async revoke(session: AppSessionView, id: string, context: { ip: string; userAgent?: string }): Promise<void> {
    await auditedStep(this.deps.audit, { type: AUDIT_EVENT_TYPES.appSessionRevoke, ...context }, async (note) => {
      note.accountId = session.accountId;
      note.detail = { appSessionId: id, current: id === session.id };
      if (!(await this.deps.appSessions.revoke(id, session.accountId))) throw new AppError('APP_SESSION_NOT_FOUND');
    });
  }
}
