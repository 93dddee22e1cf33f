import type { AccountRepository, AccountWrites } from '../../ports/account-repository.ts';
import type { SessionTerminator, SignedInService } from '../../ports/session-terminator.ts';

/**
 * 在所有设备退出 after a credential change (忘记密码's new password): the change
 * and the end of every session of the person (browser sessions, grants, refresh
 * tokens, companion-app sessions) commit in one transaction, so no device stays
 * logged in on the old credential; then the relying parties are told
 * (back-channel logout). Which services to tell is read before the sessions go.
 */
export class SignOutEverywhere {
  constructor(private readonly deps: { accounts: Pick<AccountRepository, 'inTransaction'>; sessions: SessionTerminator }) {}

  /** The services that were told. */
  async withCredentialChange(accountId: string, now: number, change: (writes: AccountWrites) => Promise<void>): Promise<SignedInService[]> {
    const signedIn = await this.deps.sessions.signedInServices(accountId);
    await this.deps.accounts.inTransaction(async (writes) => {
      await change(writes);
      await writes.endAllSessions(accountId, now);
    });
    await this.deps.sessions.announceSignedOut(signedIn);
    return signedIn;
  }
}
