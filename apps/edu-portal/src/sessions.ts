// Server-side login sessions of the portal.
//
// This is an in-memory Map: good for one demo process only. A real deployment
// (several nodes, restarts) keeps sessions in a shared store such as Redis,
// keyed the same way by an unguessable id carried in a signed HttpOnly cookie,
// with the same two indexes (platform session id → sessions, subject → sessions)
// so that a back-channel logout reaching any node ends the sessions everywhere.
import { randomBytes } from 'node:crypto';
import type { PortalUser } from './views.ts';

/** Who the platform says is logged in: from the ID token of the login. */
export interface SessionIdentity {
  /** The ID token's `sub`: the person at the platform. */
  sub: string;
  /** The ID token's `sid`: the person's session at the platform, when the platform sends one. */
  sid?: string;
}

export interface PortalSession extends SessionIdentity {
  user: PortalUser;
  /** Kept only as `id_token_hint` for RP-initiated logout. */
  idToken: string;
  createdAt: number;
  expiresAt: number;
}

/** What a Logout Token names: a platform session (`sid`), a person (`sub`), or both. */
export interface LogoutTarget {
  sub?: string;
  sid?: string;
}

export class MemorySessionStore {
  private readonly sessions = new Map<string, PortalSession>();
  private readonly bySid = new Map<string, Set<string>>();
  private readonly bySub = new Map<string, Set<string>>();
  private lastSweep = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  create(user: PortalUser, idToken: string, identity: SessionIdentity): string {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    const createdAt = this.now();
    const session: PortalSession = { user, idToken, sub: identity.sub, createdAt, expiresAt: createdAt + this.ttlMs };
    if (identity.sid !== undefined) session.sid = identity.sid;
    this.sessions.set(id, session);
    addToIndex(this.bySub, session.sub, id);
    if (session.sid !== undefined) addToIndex(this.bySid, session.sid, id);
    return id;
  }

  get(id: string): PortalSession | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      this.remove(id);
      return undefined;
    }
    return session;
  }

  delete(id: string): PortalSession | undefined {
    const session = this.get(id);
    this.remove(id);
    return session;
  }

  /**
   * Ends the sessions a back-channel Logout Token names (OpenID Connect Back-Channel Logout 1.0
   * §2.7): with a `sid`, the sessions of that platform session (and of that `sub`, when it is
   * given too); with only a `sub`, every session of that person. Returns how many ended.
   */
  endSessions(target: LogoutTarget): number {
    let ids: string[];
    if (target.sid !== undefined) {
      ids = [...(this.bySid.get(target.sid) ?? [])].filter((id) => target.sub === undefined || this.sessions.get(id)?.sub === target.sub);
    } else if (target.sub !== undefined) {
      ids = [...(this.bySub.get(target.sub) ?? [])];
    } else {
      return 0;
    }
    for (const id of ids) this.remove(id);
    return ids.length;
  }

  get size(): number {
    return this.sessions.size;
  }

  private remove(id: string): void {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    removeFromIndex(this.bySub, session.sub, id);
    if (session.sid !== undefined) removeFromIndex(this.bySid, session.sid, id);
  }

  /** Drops expired sessions, at most once a minute. */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [id, session] of this.sessions) {
      if (session.expiresAt <= now) this.remove(id);
    }
  }
}

function addToIndex(index: Map<string, Set<string>>, key: string, id: string): void {
  let ids = index.get(key);
  if (!ids) index.set(key, (ids = new Set()));
  ids.add(id);
}

function removeFromIndex(index: Map<string, Set<string>>, key: string, id: string): void {
  const ids = index.get(key);
  if (!ids) return;
  ids.delete(id);
  if (ids.size === 0) index.delete(key);
}
