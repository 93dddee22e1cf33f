import { interactionPolicy } from 'oidc-provider';
import { accountAvailableCheck } from './checks/account-available.ts';
import { acrStepUpCheck } from './checks/acr-step-up.ts';
import { credentialsChangedCheck } from './checks/credentials-changed.ts';
import { loginTypeCheck } from './checks/login-type.ts';
import { sessionLifetimeCheck } from './checks/session-lifetime.ts';
import type { SessionActivity } from '../services/platform-sessions/session-lifetime.ts';

/** oidc-provider's default prompts, with the platform's extra login checks (one job each, in checks/). */
export function platformInteractionPolicy(sessionActivity: SessionActivity) {
  const policy = interactionPolicy.base();
  const login = policy.get('login')!;
  login.checks.add(accountAvailableCheck());
  login.checks.add(loginTypeCheck());
  login.checks.add(credentialsChangedCheck());
  login.checks.add(acrStepUpCheck());
  login.checks.add(sessionLifetimeCheck(sessionActivity));
  return policy;
}

/**
 * Where the portal shows an interaction: the consent page for `prompt=consent`,
 * the login page otherwise. oidc-provider scopes the interaction cookie to this
 * path, so a consent interaction cannot be completed through the login routes.
 */
export function interactionPagePath(interaction: { uid: string; prompt: { name: string } }): string {
  return interaction.prompt.name === 'consent' ? `/interaction/${interaction.uid}/consent` : `/interaction/${interaction.uid}`;
}
