import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';

/** The account object findAccount returns, with what the login checks need. */
export interface PlatformAccount {
  accountId: string;
  /** Epoch ms of the last password reset, or null. */
  credentialsChangedAt: number | null;
}

/**
 * A platform session whose login happened before the person's last password
 * reset is not a login any more. The reset already deleted the stored
 * sessions; this also catches a login finished before the reset but resumed
 * after it (an interaction result parked in the store), a login that read
 * the old password before the reset and finished after it (a login is dated
 * when its password was read: routes/interactions.ts) and a session written
 * back by a request that was in flight. Seconds, as oidc-provider keeps them:
 * a login in the very second of the reset still counts.
 */
export function loginBeforeCredentialsChanged(ctx: KoaContextWithOIDC): boolean {
  const account = ctx.oidc.account as unknown as PlatformAccount | undefined;
  const loggedInAt = ctx.oidc.session?.authTime();
  if (!account?.credentialsChangedAt || loggedInAt === undefined) return false;
  return loggedInAt < Math.floor(account.credentialsChangedAt / 1000);
}

export const credentialsChangedCheck = () =>
  new interactionPolicy.Check('credentials_changed', 'the password changed after this login', (ctx) =>
    loginBeforeCredentialsChanged(ctx) ? interactionPolicy.Check.REQUEST_PROMPT : interactionPolicy.Check.NO_NEED_TO_PROMPT,
  );
