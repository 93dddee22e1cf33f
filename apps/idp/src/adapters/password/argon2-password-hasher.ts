import { availableParallelism } from 'node:os';
import argon2 from 'argon2';
import type { PasswordHasher } from '../../ports/password-hasher.ts';
import { ConcurrencyLimit } from './concurrency-limit.ts';

/** OWASP Password Storage Cheat Sheet: Argon2id, 19 MiB memory, 2 iterations, 1 lane. */
export const OWASP_ARGON2ID = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * At most one Argon2 computation per core: more at once only take turns on
 * the cores, each with its own 19 MiB buffer alive, and they would hold
 * every libuv thread (4 by default), so file and DNS work of other requests
 * would wait behind a burst of logins. A burst takes the same time in all.
 */
export class Argon2PasswordHasher implements PasswordHasher {
  private readonly limit: ConcurrencyLimit;

  constructor(maxConcurrent = availableParallelism()) {
    this.limit = new ConcurrencyLimit(maxConcurrent);
  }

  hash(password: string) {
    return this.limit.run(() => argon2.hash(password, OWASP_ARGON2ID));
  }

  async verify(hash: string, password: string) {
    try {
      return await this.limit.run(() => argon2.verify(hash, password));
    } catch {
      return false;
    }
  }
}
