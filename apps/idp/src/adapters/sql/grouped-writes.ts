import { isDependencyUnavailable } from '../../dependency-failure.ts';

/**
 * Group commit: writes that must each be committed before their request
 * goes on, gathered so that many requests share one transaction (one
 * commit, one WAL flush). The audit chain's appends (sql-audit-log.ts:
 * every append moves the one chain head under its row lock) and, on
 * SQLite, refresh-token rotations (sql-oidc-model-store.ts) go through it.
 *
 * Items that arrive while a write is under way wait for it and then go
 * together in the next write. Nothing waits for a timer: an item that finds
 * no write under way is written at once, alone, unless `gather` is 'turn':
 * then it waits for the end of the event loop's turn (setImmediate), and the
 * items of all requests served in that turn go together. That is for a
 * store whose write is synchronous (SQLite through better-sqlite3), where
 * nothing can arrive during a write. Each caller still resumes only once its
 * own item is committed.
 *
 * A group the database refuses is written again one item at a time, so an
 * item that cannot be stored fails only its own request (the refused
 * group's transaction stored none of it; should a PostgreSQL group have
 * been committed after all, the connection lost after the commit, each
 * audit event's id, the table's primary key, refuses its second copy). A
 * database that is down or too slow fails the whole group at once: writing
 * its items again would make each request wait one more timeout per item
 * before it; the items waiting behind it fail with it, as each of their
 * groups would wait its own timeout.
 */
export class GroupedWrites<Item, Result> {
  private waiting: { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }[] = [];
  private writing = false;

  /** `store` stores `items` in their order, all or none, and answers one result per item. */
  constructor(
    private readonly store: (items: Item[]) => Promise<Result[]>,
    private readonly maxGroup: number,
    private readonly gather: 'none' | 'turn' = 'none',
  ) {}

  write(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.writing) return;
      if (this.gather === 'none') {
        void this.writeWaiting();
      } else {
        // Marked as writing now, so the items of this turn wait for the one write.
        this.writing = true;
        setImmediate(() => void this.writeWaiting());
      }
    });
  }

  private async writeWaiting() {
    this.writing = true;
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.maxGroup);
      try {
        const results = await this.store(group.map((entry) => entry.item));
        group.forEach((entry, n) => entry.resolve(results[n]!));
      } catch (error) {
        if (isDependencyUnavailable(error)) this.failAll(group, error);
        else if (group.length === 1) group[0]!.reject(error);
        else await this.writeOneByOne(group);
      }
    }
    this.writing = false;
  }

  private async writeOneByOne(group: typeof this.waiting) {
    for (const [n, entry] of group.entries()) {
      try {
        entry.resolve((await this.store([entry.item]))[0]!);
      } catch (error) {
        if (isDependencyUnavailable(error)) return this.failAll(group.slice(n), error);
        entry.reject(error);
      }
    }
  }

  /** The database is down or too slow: the group and every item waiting behind it fail now, not one timeout each. */
  private failAll(group: typeof this.waiting, error: unknown) {
    for (const entry of [...group, ...this.waiting.splice(0)]) entry.reject(error);
  }
}
