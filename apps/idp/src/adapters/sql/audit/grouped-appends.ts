import { isDependencyUnavailable } from '../../../dependency-failure.ts';

/**
 * Group commit for the audit chain. Every append moves the one chain head
 * under its row lock, so appends are written one after another however
 * many requests make them. Appends that arrive while a write is under way
 * wait for it and then go together in the next write: one statement and one
 * commit (one WAL flush) for the group, and the head's lock taken once.
 * Nothing waits for a timer: an append that finds no write under way is
 * written at once, alone, unless `gather` is 'turn': then it waits for the
 * end of the event loop's turn (setImmediate), and the appends of all
 * requests served in that turn go together. That is for a store whose
 * write is synchronous (SQLite through better-sqlite3), where no append
 * can arrive during a write. Each caller still resumes only once its own
 * event is committed.
 *
 * A group the database refuses is written again one event at a time, so an
 * event that cannot be stored fails only its own request. Should a group
 * have been committed after all (the connection lost after the commit),
 * each event's id, the table's primary key, refuses its second copy. A
 * database that is down or too slow fails the whole group at once: writing
 * its events again would make each request wait one more timeout per event
 * before it; the appends waiting behind it fail with it, as each of their
 * groups would wait its own timeout.
 */
export class GroupedAppends<Item, Result> {
  private waiting: { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }[] = [];
  private writing = false;

  /** `write` stores `items` in their order, all or none, and answers one result per item. */
  constructor(
    private readonly write: (items: Item[]) => Promise<Result[]>,
    private readonly maxGroup: number,
    private readonly gather: 'none' | 'turn' = 'none',
  ) {}

  append(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.writing) return;
      if (this.gather === 'none') {
        void this.writeWaiting();
      } else {
        // Marked as writing now, so the appends of this turn wait for the one write.
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
        const results = await this.write(group.map((entry) => entry.item));
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
        entry.resolve((await this.write([entry.item]))[0]!);
      } catch (error) {
        if (isDependencyUnavailable(error)) return this.failAll(group.slice(n), error);
        entry.reject(error);
      }
    }
  }

  /** The database is down or too slow: the group and every append waiting behind it fail now, not one timeout each. */
  private failAll(group: typeof this.waiting, error: unknown) {
    for (const entry of [...group, ...this.waiting.splice(0)]) entry.reject(error);
  }
}
