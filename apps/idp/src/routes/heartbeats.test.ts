import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Heartbeats } from './heartbeats.ts';

describe('Heartbeats', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const member = () => ({
    beats: 0,
    beat() {
      this.beats += 1;
    },
  });

  it('beats every member once per period, each a full period after it joined, with one timer', () => {
    const heartbeats = new Heartbeats<ReturnType<typeof member>>(15_000, 15);
    const first = member();
    heartbeats.add(first);
    vi.advanceTimersByTime(5_000);
    const second = member();
    heartbeats.add(second);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(10_000);
    expect([first.beats, second.beats]).toEqual([1, 0]);
    vi.advanceTimersByTime(5_000);
    expect([first.beats, second.beats]).toEqual([1, 1]);
    vi.advanceTimersByTime(30_000);
    expect([first.beats, second.beats]).toEqual([3, 3]);
  });

  it('stops beating a member that left, and stops its timer when none is left', () => {
    const heartbeats = new Heartbeats<ReturnType<typeof member>>(15_000, 15);
    const one = member();
    heartbeats.add(one);
    heartbeats.add(one);
    heartbeats.delete(one);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(one.beats).toBe(0);
    expect([...heartbeats.members()]).toEqual([]);
  });
});
