import type { IpLocator } from '../../ports/ip-locator.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import { describeBrowser, type BrowserDescription } from '../qr-login/describe-requester.ts';

/** How long a platform (browser) session lives: without use, and at most from its login. */
export interface SessionLifetime {
  idleSeconds: number;
  maxSeconds: number;
}

/** What the platform knows of one browser session besides oidc-provider's Session: no address, no raw User-Agent. */
export interface SessionActivityRecord extends BrowserDescription {
  /** The login this record belongs to (the Session's loginTs, epoch seconds). */
  loginTs: number;
  /** Epoch ms (service clock) of the last authorization the session served. */
  lastUsedAt: number;
}

const key = (sessionUid: string) => `platform-session:${sessionUid}`;

/**
 * The idle and absolute lifetimes of platform sessions, judged by the service
 * clock at every authorization a session serves (oidc/checks/session-lifetime.ts),
 * and what the person's sessions page shows of each (browser, OS, place, last
 * use). The record is keyed by the Session's uid and lives in the key-value
 * store no longer than the absolute lifetime. A record that is missing (an
 * in-process store after a restart) starts again at that request: the
 * absolute limit still holds, as it is read from the Session's own login time.
 */
export class SessionActivity {
  constructor(
    private readonly deps: {
      store: KeyValueStore;
      ipLocator: IpLocator;
      lifetime: SessionLifetime;
      now: () => number;
    },
  ) {}

  get lifetime(): SessionLifetime {
    return this.deps.lifetime;
  }

  /**
   * Whether the session logged in at `loginTs` may serve this request; if so,
   * this counts as its last use. The first request after a login (oidc-provider's
   * resume, in the browser that logged in) records its browser and place.
   */
  async admit(sessionUid: string, loginTs: number, context: { ip: string; userAgent?: string | undefined }): Promise<boolean> {
    const { store, lifetime } = this.deps;
    const now = this.deps.now();
    if (now >= (loginTs + lifetime.maxSeconds) * 1000) return false;
    const known = await this.find(sessionUid);
    let record: SessionActivityRecord;
    if (known && known.loginTs === loginTs) {
      if (now - known.lastUsedAt >= lifetime.idleSeconds * 1000) return false;
      record = { ...known, lastUsedAt: now };
    } else {
      record = { ...(await describeBrowser(this.deps.ipLocator, context)), loginTs, lastUsedAt: now };
    }
    await store.set(key(sessionUid), JSON.stringify(record), lifetime.maxSeconds);
    return true;
  }

  async find(sessionUid: string): Promise<SessionActivityRecord | null> {
    const raw = await this.deps.store.get(key(sessionUid));
    if (!raw) return null;
    try {
      return JSON.parse(raw) as SessionActivityRecord;
    } catch {
      // An unreadable record counts as none (the session starts its idle time afresh), rather
      // than failing every authorization of that session until it expires.
      return null;
    }
  }

  /** Epoch ms at which a session logged in at `loginTs` ends at the latest (absolute lifetime). */
  endsAt(loginTs: number): number {
    return (loginTs + this.deps.lifetime.maxSeconds) * 1000;
  }

  async forget(sessionUid: string): Promise<void> {
    await this.deps.store.delete(key(sessionUid));
  }
}
