// Server-side login sessions of the portal.
//
// This is an in-memory Map: good for one demo process only. A real deployment
// (several nodes, restarts) keeps sessions in a shared store such as Redis,
// keyed the same way by an unguessable id carried in a signed HttpOnly cookie.
import { randomBytes } from 'node:crypto';
import type { PortalUser } from './views.ts';

export interface PortalSession {
  user: PortalUser;
  /** Kept only as `id_token_hint` for RP-initiated logout. */
  idToken: string;
  createdAt: number;
  expiresAt: number;
}

export class MemorySessionStore {
  private readonly sessions = new Map<string, PortalSession>();
  private lastSweep = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  create(user: PortalUser, idToken: string): string {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    const createdAt = this.now();
    this.sessions.set(id, { user, idToken, createdAt, expiresAt: createdAt + this.ttlMs });
    return id;
  }

  get(id: string): PortalSession | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  delete(id: string): PortalSession | undefined {
    const session = this.get(id);
    this.sessions.delete(id);
    return session;
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Drops expired sessions, at most once a minute. */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [id, session] of this.sessions) {
      if (session.expiresAt <= now) this.sessions.delete(id);
    }
  }
}
