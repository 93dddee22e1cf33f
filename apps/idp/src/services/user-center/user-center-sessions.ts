import { createHash, randomBytes } from 'node:crypto';
import type { AccountRepository } from '../../ports/account-repository.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';

/** The user center's session: the person, and the ID token its logout hands to end_session. */
export interface UserCenterSession {
  personId: string;
  idToken: string;
  /** Epoch ms (service clock): a password reset after it ends the session. */
  openedAt: number;
}

/** Two hours, then the user center logs in again (single sign-on makes that one redirect while the platform session lives). */
export const USER_CENTER_SESSION_SECONDS = 2 * 3600;

const key = (token: string) => `user-center:session:${createHash('sha256').update(token).digest('base64url')}`;

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
      now?: () => number;
    },
  ) {}

  async open(session: Omit<UserCenterSession, 'openedAt'>): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const opened: UserCenterSession = { ...session, openedAt: (this.deps.now ?? Date.now)() };
    await this.deps.store.set(key(token), JSON.stringify(opened), USER_CENTER_SESSION_SECONDS);
    return token;
  }

  /** The live session behind the token, or null (unknown, expired, account disabled, password reset since). */
  async find(token: string): Promise<UserCenterSession | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const raw = await this.deps.store.get(key(token));
    if (!raw) return null;
    const session = JSON.parse(raw) as UserCenterSession;
    const account = await this.deps.accounts.findById(session.personId);
    if (!account || account.status !== 'active') return null;
    if (account.credentialsChangedAt !== null && account.credentialsChangedAt >= session.openedAt) return null;
    return session;
  }

  async close(token: string): Promise<void> {
    await this.deps.store.delete(key(token));
  }
}
