import { describe, expect, it } from 'vitest';
import { sessionTtlSeconds } from './provider.ts';

const LIFETIME = { idleSeconds: 1800, maxSeconds: 12 * 3600 };

describe('sessionTtlSeconds (the stored session expiry oidc-provider sets at every save)', () => {
  it('is the idle timeout while the absolute limit is further away', () => {
    expect(sessionTtlSeconds(LIFETIME, 1_000_000, 1_000_000)).toBe(1800);
    expect(sessionTtlSeconds(LIFETIME, 1_000_000, 1_000_000 + 11 * 3600)).toBe(1800);
  });

  it('is what is left of the absolute limit near its end, and at least one second past it', () => {
    expect(sessionTtlSeconds(LIFETIME, 1_000_000, 1_000_000 + 12 * 3600 - 600)).toBe(600);
    expect(sessionTtlSeconds(LIFETIME, 1_000_000, 1_000_000 + 12 * 3600)).toBe(1);
    expect(sessionTtlSeconds(LIFETIME, 1_000_000, 1_000_000 + 13 * 3600)).toBe(1);
  });

  it('is the idle timeout for a session without a login', () => {
    expect(sessionTtlSeconds(LIFETIME, undefined, 1_000_000)).toBe(1800);
  });
});
