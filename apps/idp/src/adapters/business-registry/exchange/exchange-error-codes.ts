import type { VendorFailureKind } from '../../../ports/vendor-call-error.ts';

/**
 * `error.code` of the exchange's refusals (docs/business-registry-exchange.md §Errors)
 * and what they mean for us. Unknown codes need an operator.
 */
export const EXCHANGE_ERROR_KINDS: Readonly<Record<string, VendorFailureKind>> = {
  // our credentials, clock or request: an operator must act
  UNKNOWN_APP: 'misconfigured',
  BAD_SIGNATURE: 'misconfigured',
  TIMESTAMP_SKEW: 'misconfigured',
  FORBIDDEN: 'misconfigured',
  BAD_REQUEST: 'misconfigured',
  // a repeated nonce can only be a replay of ours: a retry carries a fresh one
  NONCE_REUSED: 'unavailable',
  // the exchange's side
  RATE_LIMITED: 'unavailable',
  UNAVAILABLE: 'unavailable',
};

export function exchangeFailureKind(code: string): VendorFailureKind {
  return EXCHANGE_ERROR_KINDS[code] ?? 'misconfigured';
}
