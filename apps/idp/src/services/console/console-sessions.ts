import { createHash, randomBytes } from 'node:crypto';
import type { AccountRepository } from '../../ports/account-repository.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';

/** The console's session: the administrator's account and the ID token its 退出 hands to end_session. */
export interface ConsoleSession {
  accountId: string;
  idToken: string;
  /** Epoch ms (service clock). */
  openedAt: number;
  /** Epoch ms (service clock) of the last request that used it. */
  lastUsedAt: number;
}

/** 等保 session limits for administrators: 30 minutes without a request, 8 hours at most. */
export const CONSOLE_SESSION_IDLE_MS = 30 * 60_000;
export const CONSOLE_SESSION_ABSOLUTE_MS = 8 * 3600_000;

const key = (token: string) => `console:session:${createHash('sha256').update(token).digest('base64url')}`;

/**
 * Sessions of the operator console, opened after its own OIDC login (like the
 * user center's: a random token in the cookie, only its hash in the shared
 * store). Every use renews the idle limit, never past the absolute one; the
 * service clock decides both. The role is not kept here: it is read at each
 * request, so a revoked role ends the console at once.
 */
export class ConsoleSessions {
  constructor(
    private readonly deps: {
      store: KeyValueStore;
      accounts: AccountRepository;
      now: () => number;
    },
  ) {}

  async open(session: Pick<ConsoleSession, 'accountId' | 'idToken'>): Promise<{ token: string; seconds: number }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.deps.now();
    const opened = { ...session, openedAt: now, lastUsedAt: now };
    const seconds = secondsToLimit(opened);
    await this.deps.store.set(key(token), JSON.stringify(opened), seconds);
    return { token, seconds };
  }

  /** The live session behind the token, renewed for another idle period; null when unknown, idle too long, too old or its account disabled. */
  async use(token: string): Promise<ConsoleSession | null> {
    const stored = await this.read(token);
    if (!stored) return null;
    const account = await this.deps.accounts.findById(stored.session.accountId);
    if (!account || account.status !== 'active') return null;
    const renewed = { ...stored.session, lastUsedAt: this.deps.now() };
    // Renewed only if unchanged since it was read: a plain write would bring back a session 退出 closed meanwhile.
    if (await this.deps.store.swap(key(token), stored.raw, JSON.stringify(renewed), secondsToLimit(renewed))) return renewed;
    // Another request renewed it meanwhile (the console sends several at once), or it was closed.
    return this.peek(token);
  }

  /** The live session without renewing it (退出 needs its ID token even when it just ran out). */
  async peek(token: string): Promise<ConsoleSession | null> {
    return (await this.read(token))?.session ?? null;
  }

  async close(token: string): Promise<void> {
    await this.deps.store.delete(key(token));
  }

  private async read(token: string): Promise<{ raw: string; session: ConsoleSession } | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const raw = await this.deps.store.get(key(token));
    if (!raw) return null;
    const session = JSON.parse(raw) as ConsoleSession;
    const now = this.deps.now();
    // The store's own expiry may run on another clock (Redis): the service clock decides.
    if (now >= session.lastUsedAt + CONSOLE_SESSION_IDLE_MS || now >= session.openedAt + CONSOLE_SESSION_ABSOLUTE_MS) return null;
    return { raw, session };
  }
}

/** Seconds until the session's next limit: how long it is stored, and the cookie's lifetime. */
function secondsToLimit(session: ConsoleSession): number {
  const until = Math.min(session.lastUsedAt + CONSOLE_SESSION_IDLE_MS, session.openedAt + CONSOLE_SESSION_ABSOLUTE_MS);
  return Math.max(1, Math.ceil((until - session.lastUsedAt) / 1000));
}
