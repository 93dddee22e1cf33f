import { describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '../../adapters/key-value/memory-key-value-store.ts';
import { RateLimiter, type RateLimit } from './rate-limiter.ts';

const rule: RateLimit = { name: 'test:distinct', limit: 3, windowSeconds: 3600 };

describe('RateLimiter.hitDistinct', () => {
  it('counts each member once: repeats are free, a new member past the budget is refused and stays refused', async () => {
    const limiter = new RateLimiter(new MemoryKeyValueStore());
    for (const member of ['a', 'b', 'c', 'a', 'b', 'c', 'a']) await limiter.hitDistinct(rule, '10.0.0.1', member);
    await expect(limiter.hitDistinct(rule, '10.0.0.1', 'd')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(limiter.hitDistinct(rule, '10.0.0.1', 'd')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await limiter.hitDistinct(rule, '10.0.0.1', 'c');
    // Another subject has its own budget.
    await limiter.hitDistinct(rule, '10.0.0.2', 'd');
  });

  it('counts a new member once when the same one arrives in parallel', async () => {
    const limiter = new RateLimiter(new MemoryKeyValueStore());
    await Promise.all(Array.from({ length: 10 }, () => limiter.hitDistinct(rule, '10.0.0.1', 'same')));
    await limiter.hitDistinct(rule, '10.0.0.1', 'second');
    await limiter.hitDistinct(rule, '10.0.0.1', 'third');
    await expect(limiter.hitDistinct(rule, '10.0.0.1', 'fourth')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('starts a new budget when the window has passed', async () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(new MemoryKeyValueStore(() => now));
    for (const member of ['a', 'b', 'c']) await limiter.hitDistinct(rule, '10.0.0.1', member);
    await expect(limiter.hitDistinct(rule, '10.0.0.1', 'd')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    now += 3601_000;
    for (const member of ['d', 'e', 'f']) await limiter.hitDistinct(rule, '10.0.0.1', member);
  });
});
