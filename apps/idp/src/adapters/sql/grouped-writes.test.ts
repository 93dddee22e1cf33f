import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '../../dependency-failure.ts';
import { GroupedWrites } from './grouped-writes.ts';

/** A store that records each write's items and answers each item with `<item>#<write number>`. */
function recordingStore(refuse: (items: string[]) => boolean = () => false, refusal = (items: string[]) => new Error(`refused ${items.join(',')}`)) {
  const writes: string[][] = [];
  const write = async (items: string[]) => {
    writes.push(items);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (refuse(items)) throw refusal(items);
    return items.map((item) => `${item}#${writes.length}`);
  };
  return { writes, write };
}

describe('GroupedWrites', () => {
  it('writes an item that finds no write under way at once, alone', async () => {
    const store = recordingStore();
    const grouped = new GroupedWrites(store.write, 10);
    expect(await grouped.write('a')).toBe('a#1');
    expect(await grouped.write('b')).toBe('b#2');
    expect(store.writes).toEqual([['a'], ['b']]);
  });

  it('groups the items that arrive during a write into the next one, in their order, at most maxGroup at a time', async () => {
    const store = recordingStore();
    const grouped = new GroupedWrites(store.write, 3);
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((item) => grouped.write(item)));
    expect(store.writes).toEqual([['a'], ['b', 'c', 'd'], ['e', 'f']]);
    expect(results).toEqual(['a#1', 'b#2', 'c#2', 'd#2', 'e#3', 'f#3']);
  });

  it("with gather 'turn', writes the items of one event-loop turn together, also where a write never waits (SQLite)", async () => {
    const writes: string[][] = [];
    const grouped = new GroupedWrites(
      async (items: string[]) => {
        writes.push(items);
        return items.map((item) => `${item}#${writes.length}`);
      },
      10,
      'turn',
    );
    expect(await Promise.all(['a', 'b', 'c'].map((item) => grouped.write(item)))).toEqual(['a#1', 'b#1', 'c#1']);
    expect(await grouped.write('d')).toBe('d#2');
    expect(writes).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('writes a refused group again one by one, so only the item that cannot be stored fails', async () => {
    const store = recordingStore((items) => items.includes('bad'));
    const grouped = new GroupedWrites(store.write, 10);
    const results = await Promise.allSettled(['a', 'b', 'bad', 'c'].map((item) => grouped.write(item)));
    expect(results.map((result) => (result.status === 'fulfilled' ? result.value : 'rejected'))).toEqual(['a#1', 'b#3', 'rejected', 'c#5']);
    expect(store.writes).toEqual([['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
  });

  it('fails a whole group at once when the database is unavailable, without writing its events again', async () => {
    const store = recordingStore(
      (items) => items.length > 1,
      () => new DependencyUnavailableError('database down'),
    );
    const grouped = new GroupedWrites(store.write, 10);
    const results = await Promise.allSettled(['a', 'b', 'c', 'd'].map((item) => grouped.write(item)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected']);
    expect(store.writes).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('fails the appends waiting behind an unavailable database with it, not one timeout each', async () => {
    const store = recordingStore(
      (items) => items.length > 1,
      () => new DependencyUnavailableError('database down'),
    );
    const grouped = new GroupedWrites(store.write, 2);
    const results = await Promise.allSettled(['a', 'b', 'c', 'd', 'e'].map((item) => grouped.write(item)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected', 'rejected']);
    expect(store.writes).toEqual([['a'], ['b', 'c']]);
  });

  it('stops writing a refused group one by one once the database is unavailable', async () => {
    const store = recordingStore(
      (items) => items.length > 1 || items[0] === 'c',
      (items) => (items.length > 1 ? new Error('refused') : new DependencyUnavailableError('database down')),
    );
    const grouped = new GroupedWrites(store.write, 10);
    const results = await Promise.allSettled(['a', 'b', 'c', 'd'].map((item) => grouped.write(item)));
    expect(results.map((result) => (result.status === 'fulfilled' ? result.value : 'rejected'))).toEqual(['a#1', 'b#3', 'rejected', 'rejected']);
    expect(store.writes).toEqual([['a'], ['b', 'c', 'd'], ['b'], ['c']]);
  });

  it('keeps writing after a failure', async () => {
    const store = recordingStore((items) => items.includes('bad'));
    const grouped = new GroupedWrites(store.write, 10);
    await expect(grouped.write('bad')).rejects.toThrow('refused bad');
    expect(await grouped.write('next')).toBe('next#2');
  });
});
