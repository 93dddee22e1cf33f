import type { AssuranceLevel } from '../ports/account-repository.ts';
import { LEVEL_ORDER } from '../services/accounts/account-profile.ts';

/**
 * The level an authorization request demands through `acr_values` (or the
 * client's registered `default_acr_values`, which oidc-provider puts there):
 * the lowest of the platform's levels it names, since any of them would do.
 * Null when it names none. Values the platform does not know are ignored.
 */
export function requestedAcr(acrValues: unknown): AssuranceLevel | null {
  if (typeof acrValues !== 'string') return null;
  const named = new Set(acrValues.split(' '));
  return LEVEL_ORDER.find((level) => named.has(level)) ?? null;
}
