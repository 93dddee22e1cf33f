import { createHash, randomBytes } from 'node:crypto';
import type { AccountRepository } from '../../ports/account-repository.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';
import { auditedStep } from '../audited-step.ts';

/** The user center's session: the person, and the ID token its logout hands to end_session. */
export interface UserCenterSession {
  personId: string;
  idToken: string;
  /** The platform session (oidc-provider Session uid) it was logged in by: 退出 of that session in 登录设备与会话 ends this one too. */
  platformSessionUid: string | null;
  /** Epoch ms (service clock): a password reset after it ends the session. */
  openedAt: number;
  /** Epoch ms (service clock): two hours after opening, or the platform session's absolute end if sooner. */
  expiresAt: number;
}

/** Two hours, then the user center logs in again (single sign-on makes that one redirect while the platform session lives). */
export const USER_CENTER_SESSION_SECONDS = 2 * 3600;

const key = (token: string) => `user-center:session:${createHash('sha256').update(token).digest('base64url')}`;
const byPlatformSession = (uid: string) => `user-center:platform-session:${uid}`;

/**
 * Sessions of the user center (/account), opened after the portal's own
 * OIDC login. The cookie holds a random token; the store only its hash, so
 * a leaked store cannot be replayed. Any node can read them (Redis). A
 * session counts only while its person's account is active and their
 * password has not been reset since it opened: whoever took an account over
 * loses the user center (and with it 管理经办人) with the reset.
 */
export class UserCenterSessions {
  constructor(
    private readonly deps: {
      store: KeyValueStore;
      accounts: AccountRepository;
      audit: AuditLog;
      now?: () => number;
    },
  ) {}

  /**
   * Opens a session for two hours, never past `notAfter` (epoch ms: the end of
   * the platform session it was logged in by, so the user center does not
   * outlive the absolute session lifetime). Returns the token and its lifetime in seconds.
   */
  async open(session: Omit<UserCenterSession, 'openedAt' | 'expiresAt'>, notAfter: number): Promise<{ token: string; seconds: number }> {
    const token = randomBytes(32).toString('base64url');
    const openedAt = (this.deps.now ?? Date.now)();
    const seconds = Math.max(1, Math.min(USER_CENTER_SESSION_SECONDS, Math.floor((notAfter - openedAt) / 1000)));
    const opened: UserCenterSession = { ...session, openedAt, expiresAt: openedAt + seconds * 1000 };
    await this.deps.store.set(key(token), JSON.stringify(opened), seconds);
    if (session.platformSessionUid) await this.deps.store.appendToList(byPlatformSession(session.platformSessionUid), key(token), seconds);
    return { token, seconds };
  }

  /** The live session behind the token, or null (unknown, expired, account disabled, password reset since). */
  async find(token: string): Promise<UserCenterSession | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const raw = await this.deps.store.get(key(token));
    if (!raw) return null;
    const session = JSON.parse(raw) as UserCenterSession;
    // The store's own expiry may run on another clock (Redis): the service clock decides.
    if ((this.deps.now ?? Date.now)() >= session.expiresAt) return null;
    const account = await this.deps.accounts.findById(session.personId);
    if (!account || account.status !== 'active') return null;
    if (account.credentialsChangedAt !== null && account.credentialsChangedAt >= session.openedAt) return null;
    return session;
  }

  async close(token: string): Promise<void> {
    await this.deps.store.delete(key(token));
  }

  /** 退出登录: closes the session behind `token` (audited, also when it had ended already) and returns what it was. */
  async logOut(token: string | undefined, context: { ip: string; userAgent?: string }): Promise<UserCenterSession | null> {
    return auditedStep(this.deps.audit, { type: AUDIT_EVENT_TYPES.userCenterLogout, ...context }, async (note) => {
      const session = token ? await this.find(token) : null;
      note.accountId = session?.personId ?? null;
      note.detail = { hadSession: session !== null };
      if (token) await this.close(token);
      return session;
    });
  }

  /** Closes the sessions opened by that platform session (it was ended from another browser). */
  async closeForPlatformSession(uid: string): Promise<void> {
    const { store } = this.deps;
    const keys = await store.readList(byPlatformSession(uid));
    await Promise.all(keys.map((stored) => store.delete(stored)));
    await store.delete(byPlatformSession(uid));
  }
}
