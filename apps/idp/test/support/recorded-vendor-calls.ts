import type { VendorCallMetrics } from '../../src/adapters/metrics/vendor-call-metrics.ts';

/** VendorCallMetrics that keeps every recorded call (without durations) for a test to read. */
export function recordedVendorCalls(): VendorCallMetrics & { calls: { vendor: string; api: string; outcome: string }[] } {
  const calls: { vendor: string; api: string; outcome: string }[] = [];
  return {
    calls,
    record({ vendor, api, outcome, seconds }) {
      if (!(seconds >= 0)) throw new Error(`duration ${seconds}`);
      calls.push({ vendor, api, outcome });
    },
  };
}

/** The `{ metrics }` a face verifier takes, with the calls it recorded beside it. */
export function recordingMetrics(): { metrics: VendorCallMetrics; calls: { vendor: string; api: string; outcome: string }[] } {
  const metrics = recordedVendorCalls();
  return { metrics, calls: metrics.calls };
}
