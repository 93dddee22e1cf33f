import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';

/**
 * The session names an account findAccount no longer gives: disabled, or a
 * person whose right to act for the entity was revoked, expired or does not
 * cover this service. Without this oidc-provider would go on without an
 * account; the person must log in again instead (and is then told why).
 */
export function sessionAccountUnavailable(ctx: KoaContextWithOIDC): boolean {
  return Boolean(ctx.oidc.session?.accountId) && !ctx.oidc.account;
}

export const accountAvailableCheck = () =>
  new interactionPolicy.Check('account_unavailable', 'the session account can no longer log in here', (ctx) =>
    sessionAccountUnavailable(ctx) ? interactionPolicy.Check.REQUEST_PROMPT : interactionPolicy.Check.NO_NEED_TO_PROMPT,
  );
