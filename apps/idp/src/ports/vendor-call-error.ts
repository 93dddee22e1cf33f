/**
 * Why a call to an outside vendor (identity registry, business registry)
 * gave no answer the platform can use, in the few kinds an operator acts on:
 * - `unavailable`: the vendor failed or refused for now (5xx, its own outage
 *   or throttling, an unreadable answer): retry later;
 * - `timeout`: no answer in time; the vendor may still have done (and billed) the call;
 * - `misconfigured`: credentials, signature, subscription, balance: an operator must act;
 * - `refused`: the vendor understood the request and will not answer it
 *   (e.g. its daily limit for this person).
 */
export type VendorFailureKind = 'unavailable' | 'timeout' | 'misconfigured' | 'refused';

/** Thrown by vendor adapters. Never carries the request (personal data) or the vendor's answer: only the vendor's code. */
export class VendorCallError extends Error {
  constructor(
    readonly kind: VendorFailureKind,
    /** The vendor's own code (e.g. `AuthFailure.SignatureFailure`, `-4`), for operators' logs. */
    readonly vendorCode: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(`vendor call failed: ${kind}${vendorCode ? ` (${vendorCode})` : ''}`, options);
    this.name = 'VendorCallError';
  }
}
