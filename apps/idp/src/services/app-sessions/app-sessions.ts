import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AssuranceLevel } from '../../ports/account-repository.ts';
import type { AppSessionRepository, StoredAppSession } from '../../ports/app-session-repository.ts';
import type { AppSessionAuthenticator, AppSessionValidityDays, AppSessionView } from './app-session.ts';

const DAY_MS = 24 * 3600 * 1000;
// 32 random bytes, base64url: exactly 43 characters.
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** A session as 我的 lists it. */
export interface ListedAppSession extends AppSessionView {
  device: string;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');

function toView(session: StoredAppSession): AppSessionView {
  return { id: session.id, accountId: session.accountId, acr: session.acr, amr: session.amr, createdAt: session.createdAt, expiresAt: session.expiresAt };
}

/**
 * The companion app's sessions: a random 32-byte token in the `uia_app`
 * cookie, stored only as its SHA-256, alive from login until exactly the
 * chosen 登录有效期 has passed (by the service clock) or until revoked.
 */
export class AppSessions implements AppSessionAuthenticator {
  constructor(
    private readonly repository: AppSessionRepository,
    private readonly now: () => number = Date.now,
  ) {}

  async create(accountId: string, acr: AssuranceLevel, amr: string[], validityDays: AppSessionValidityDays, device: string) {
    const token = randomBytes(32).toString('base64url');
    const createdAt = this.now();
    const session: StoredAppSession = {
      id: randomUUID(),
      tokenHash: sha256(token),
      accountId,
      acr,
      amr,
      device,
      createdAt,
      expiresAt: createdAt + validityDays * DAY_MS,
      revokedAt: null,
    };
    await this.repository.create(session);
    return { token, view: toView(session) };
  }

  async authenticate(token: string): Promise<AppSessionView | null> {
    if (!TOKEN_FORMAT.test(token)) return null;
    const session = await this.repository.findByTokenHash(sha256(token));
    if (!session || session.revokedAt !== null || session.expiresAt <= this.now()) return null;
    return toView(session);
  }

  async isLive(id: string, accountId: string): Promise<boolean> {
    const sessions = await this.repository.listLive(accountId, this.now());
    return sessions.some((session) => session.id === id);
  }

  async list(accountId: string): Promise<ListedAppSession[]> {
    const sessions = await this.repository.listLive(accountId, this.now());
    return sessions.map((session) => ({ ...toView(session), device: session.device }));
  }

  /** Ends one of the account's own live sessions; false when it has none with that id. */
  revoke(id: string, accountId: string): Promise<boolean> {
    return this.repository.revoke(id, accountId, this.now());
  }
}
