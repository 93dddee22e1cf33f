import { describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '../../adapters/key-value/memory-key-value-store.ts';
import type { AccountRepository, StoredAccount } from '../../ports/account-repository.ts';
import { CONSOLE_SESSION_IDLE_MS, ConsoleSessions } from './console-sessions.ts';

/** Console sessions whose account look-up waits until `release` is called, so a test can act in between. */
function setUp() {
  let now = 1_800_000_000_000;
  let release = () => {};
  let held = false;
  const accounts = {
    findById: async (id: string) => {
      if (held) await new Promise<void>((resolve) => (release = resolve));
      return { id, status: 'active' } as StoredAccount;
    },
  } as AccountRepository;
  const sessions = new ConsoleSessions({ store: new MemoryKeyValueStore(() => now), accounts, now: () => now });
  return {
    sessions,
    hold: () => (held = true),
    release: () => {
      held = false;
      release();
    },
    advance: (ms: number) => (now += ms),
  };
}

describe('ConsoleSessions', () => {
  it('renews a session at every use, until it is idle too long', async () => {
    const { sessions, advance } = setUp();
    const { token } = await sessions.open({ accountId: 'admin', idToken: 'id-token' });
    advance(CONSOLE_SESSION_IDLE_MS - 1);
    expect(await sessions.use(token)).toMatchObject({ accountId: 'admin' });
    advance(CONSOLE_SESSION_IDLE_MS - 1);
    expect(await sessions.use(token)).toMatchObject({ accountId: 'admin' });
    advance(CONSOLE_SESSION_IDLE_MS);
    expect(await sessions.use(token)).toBeNull();
  });

  it('serves several requests of one session at once', async () => {
    const { sessions } = setUp();
    const { token } = await sessions.open({ accountId: 'admin', idToken: 'id-token' });
    const used = await Promise.all([sessions.use(token), sessions.use(token), sessions.use(token)]);
    expect(used.map((session) => session?.accountId)).toEqual(['admin', 'admin', 'admin']);
  });

  it('does not bring back a session that 退出 closed while a request was using it', async () => {
    const { sessions, hold, release } = setUp();
    const { token } = await sessions.open({ accountId: 'admin', idToken: 'id-token' });
    hold();
    const inFlight = sessions.use(token);
    await new Promise((resolve) => setImmediate(resolve));
    await sessions.close(token);
    release();
    expect(await inFlight).toBeNull();
    expect(await sessions.peek(token)).toBeNull();
  });
});
