import type { ClientChanges, ClientRecord, ClientRepository } from '../../ports/client-repository.ts';
import type { PubSub } from '../../ports/pub-sub.ts';

/** Carries the id of a client whose registration changed, to every node. */
export const CLIENT_CHANGED_CHANNEL = 'clients:changed';

// Pub/sub is best effort (a message sent while a node's subscriber reconnects is lost), so an entry is
// also re-read after this long: a change reaches every node at once, or within this bound.
const ENTRY_TTL_MS = 60_000;
// Registered clients are few; the bound only keeps made-up client ids from growing the map.
const MAX_ENTRIES = 1000;

interface Entry {
  record: Promise<ClientRecord | null>;
  loadedAt: number;
}

/**
 * oidc-provider loads the client on every request (authorize, token,
 * userinfo…); the registration changes only when an operator changes it.
 * Each node keeps what it read; a change made through this repository on any
 * node is published and drops the entry everywhere. Unknown ids are cached
 * too (as null), so a stream of requests for one made-up id costs one read.
 */
export class ClientRegistrationCache implements ClientRepository {
  private readonly entries = new Map<string, Entry>();

  private constructor(
    private readonly inner: ClientRepository,
    private readonly pubSub: PubSub,
    private readonly now: () => number,
  ) {}

  /** Resolves once this node hears other nodes' changes. */
  static async create(inner: ClientRepository, pubSub: PubSub, now: () => number = Date.now): Promise<ClientRegistrationCache> {
    const cache = new ClientRegistrationCache(inner, pubSub, now);
    await pubSub.subscribe(CLIENT_CHANGED_CHANNEL, (clientId) => cache.entries.delete(clientId));
    return cache;
  }

  find(clientId: string): Promise<ClientRecord | null> {
    const cached = this.entries.get(clientId);
    if (cached && this.now() - cached.loadedAt < ENTRY_TTL_MS) return cached.record;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    const entry: Entry = { record: this.inner.find(clientId), loadedAt: this.now() };
    this.entries.set(clientId, entry);
    // A failed read is not remembered: the next request tries the database again.
    entry.record.catch(() => {
      if (this.entries.get(clientId) === entry) this.entries.delete(clientId);
    });
    return entry.record;
  }

  async upsert(client: ClientRecord): Promise<void> {
    await this.inner.upsert(client);
    await this.announceChange(client.clientId);
  }

  async change(clientId: string, changes: ClientChanges): Promise<boolean> {
    const changed = await this.inner.change(clientId, changes);
    await this.announceChange(clientId);
    return changed;
  }

  async delete(clientId: string): Promise<boolean> {
    const deleted = await this.inner.delete(clientId);
    await this.announceChange(clientId);
    return deleted;
  }

  private async announceChange(clientId: string) {
    this.entries.delete(clientId);
    await this.pubSub.publish(CLIENT_CHANGED_CHANNEL, clientId);
  }

  list() {
    return this.inner.list();
  }

  listServices() {
    return this.inner.listServices();
  }
}
