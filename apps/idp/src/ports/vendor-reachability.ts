/**
 * A vendor adapter that /readyz can ask "is the vendor reachable?" without a
 * paid call: e.g. an unsigned request to its endpoint, where any HTTP answer
 * (even 4xx) counts as reachable and a network error or timeout does not.
 */
export interface VendorReachability {
  /** Resolves when the vendor answered; rejects otherwise. Never sends personal data, never costs a call. */
  checkReachable(): Promise<void>;
}

export function hasReachabilityCheck(adapter: unknown): adapter is VendorReachability {
  return typeof (adapter as Partial<VendorReachability> | null)?.checkReachable === 'function';
}

/** /readyz entries for the adapters (by name) that can check their vendor; the others (simulators, none) add nothing. */
export function vendorReachabilityChecks(adapters: Record<string, unknown>): Record<string, () => Promise<void>> {
  const checks: Record<string, () => Promise<void>> = {};
  for (const [name, adapter] of Object.entries(adapters)) {
    if (hasReachabilityCheck(adapter)) checks[name] = () => adapter.checkReachable();
  }
  return checks;
}
