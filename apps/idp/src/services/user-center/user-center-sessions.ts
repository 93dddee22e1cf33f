import { createHash, randomBytes } from 'node:crypto';
import type { KeyValueStore } from '../../ports/key-value-store.ts';

/** The user center's session: the person, and the ID token its logout hands to end_session. */
export interface UserCenterSession {
  personId: string;
  idToken: string;
}

/** Two hours, then the user center logs in again (single sign-on makes that one redirect while the platform session lives). */
export const USER_CENTER_SESSION_SECONDS = 2 * 3600;

const key = (token: string) => `user-center:session:${createHash('sha256').update(token).digest('base64url')}`;

/**
 * Sessions of the user center (/account), opened after the portal's own
 * OIDC login. The cookie holds a random token; the store only its hash, so
 * a leaked store cannot be replayed. Any node can read them (Redis).
 */
export class UserCenterSessions {
  constructor(private readonly store: KeyValueStore) {}

  async open(session: UserCenterSession): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.store.set(key(token), JSON.stringify(session), USER_CENTER_SESSION_SECONDS);
    return token;
  }

  async find(token: string): Promise<UserCenterSession | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const raw = await this.store.get(key(token));
    return raw ? (JSON.parse(raw) as UserCenterSession) : null;
  }

  async close(token: string): Promise<void> {
    await this.store.delete(key(token));
  }
}
