import { describe, expect, it } from 'vitest';
import type { AccountWrites } from '../../ports/account-repository.ts';
import type { SignedInService } from '../../ports/session-terminator.ts';
import { SignOutEverywhere } from './sign-out-everywhere.ts';

const SERVICE: SignedInService = { clientId: 'tax', sid: 'sid-1', grantId: 'grant-1', sub: 'person-1' };

/** A transaction that keeps its writes only when the work succeeds, and a terminator that records what it was told. */
function harness() {
  const committed: string[] = [];
  const announced: SignedInService[][] = [];
  const signOut = new SignOutEverywhere({
    accounts: {
      async inTransaction(work) {
        const pending: string[] = [];
        const writes: AccountWrites = {
          replacePassword: async (id) => void pending.push(`password ${id}`),
          endAllSessions: async (id, now) => void pending.push(`sessions ${id} ${now}`),
          setStatus: async (id, status) => void pending.push(`status ${id} ${status}`),
        };
        const result = await work(writes);
        committed.push(...pending);
        return result;
      },
    },
    sessions: { signedInServices: async () => [SERVICE], announceSignedOut: async (services) => void announced.push(services) },
  });
  return { signOut, committed, announced };
}

describe('SignOutEverywhere', () => {
  it('commits the credential change with the end of every session, then tells the services signed in before', async () => {
    const { signOut, committed, announced } = harness();
    const told = await signOut.withCredentialChange('person-1', 1000, (writes) => writes.replacePassword('person-1', 'hash', 1000, 2));
    expect(committed).toEqual(['password person-1', 'sessions person-1 1000']);
    expect(announced).toEqual([[SERVICE]]);
    expect(told).toEqual([SERVICE]);
  });

  it('ends no session and tells no one when the change fails', async () => {
    const { signOut, committed, announced } = harness();
    await expect(signOut.withCredentialChange('person-1', 1000, async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    expect(committed).toEqual([]);
    expect(announced).toEqual([]);
  });
});
