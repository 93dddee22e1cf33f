import { Counter, Histogram, type Registry } from 'prom-client';

/**
 * How a call to an outside vendor (SMS, identity registry, face verifier,
 * business registry) ended, in a few kinds an operator can alert on. Labels
 * name the vendor and its API only: never a person's data.
 */
export type VendorCallOutcome = 'ok' | 'refused' | 'unavailable' | 'timeout' | 'misconfigured';

export interface VendorCallMetrics {
  record(call: { vendor: string; api: string; outcome: VendorCallOutcome; seconds: number }): void;
}

/** `uia_vendor_calls_total{vendor,api,outcome}` and `uia_vendor_call_duration_seconds{vendor,api}` in /metrics. */
export function prometheusVendorCallMetrics(registry: Registry): VendorCallMetrics {
  const calls = new Counter({
    name: 'uia_vendor_calls_total',
    help: 'Calls to outside vendors by vendor, API and outcome',
    labelNames: ['vendor', 'api', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'uia_vendor_call_duration_seconds',
    help: 'Duration of calls to outside vendors',
    labelNames: ['vendor', 'api'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers: [registry],
  });
  return {
    record({ vendor, api, outcome, seconds }) {
      calls.inc({ vendor, api, outcome });
      duration.observe({ vendor, api }, seconds);
    },
  };
}
