import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import type { AssuranceLevel } from '../../ports/account-repository.ts';
import { meetsLevel } from '../../services/accounts/account-profile.ts';
import { requestedAcr } from '../requested-acr.ts';

/**
 * Step-up (DESIGN.md §2, assurance levels): a session whose login proved less
 * than the request's `acr_values` demand must log in again, so a password
 * session (at most L2) meets the login prompt when a service asks for L3,
 * and only 扫码登录 gets through. The session's `acr` is what its login proved.
 */
export function belowRequestedAcr(ctx: KoaContextWithOIDC): boolean {
  const required = requestedAcr(ctx.oidc.params?.acr_values);
  const session = ctx.oidc.session;
  if (!required || !session?.accountId) return false;
  const proven = session.acr as AssuranceLevel | undefined;
  return !proven || !meetsLevel(proven, required);
}

export const acrStepUpCheck = () =>
  new interactionPolicy.Check('acr_step_up', 'the requested assurance level is above this login', (ctx) =>
    belowRequestedAcr(ctx) ? interactionPolicy.Check.REQUEST_PROMPT : interactionPolicy.Check.NO_NEED_TO_PROMPT,
  );
