import { VendorCallError } from '../../ports/vendor-call-error.ts';
import type { VendorCallMetrics, VendorCallOutcome } from '../metrics/vendor-call-metrics.ts';
import type { FetchLike } from './vendor-http.ts';

/** callVendor's `unavailable` for the registry adapters: a timeout stays a timeout (it is not retried, see below). */
export const vendorUnavailable = (reason: string, cause?: unknown): Error => new VendorCallError(reason === 'timeout' ? 'timeout' : 'unavailable', reason, { cause });

const vendorCallOutcome = (error: unknown): VendorCallOutcome => (error instanceof VendorCallError ? error.kind : 'unavailable');

/** Runs one vendor call and counts it by vendor, API and outcome (by default VendorCallError's kind; anything else is `unavailable`). */
export async function meteredCall<T>(
  metrics: VendorCallMetrics,
  call: { vendor: string; api: string },
  run: () => Promise<T>,
  outcomeOf: (error: unknown) => VendorCallOutcome = vendorCallOutcome,
): Promise<T> {
  const started = performance.now();
  const record = (outcome: VendorCallOutcome) => metrics.record({ ...call, outcome, seconds: (performance.now() - started) / 1000 });
  try {
    const result = await run();
    record('ok');
    return result;
  } catch (error) {
    record(outcomeOf(error));
    throw error;
  }
}

/**
 * A lookup (实名核验, 企业登记查询) changes nothing at the vendor, so it may be
 * repeated, but each call is billed. It is retried once, and only when the
 * vendor certainly gave no result (`unavailable`: connection refused, 5xx,
 * the vendor's own "service error, not billed" codes). A timeout is not
 * retried: the vendor may have answered (and billed) it, and the person
 * already waited the whole timeout.
 */
export async function withOneRetryWhenUnavailable<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof VendorCallError && error.kind === 'unavailable') return attempt();
    throw error;
  }
}

/** /readyz gives each check 1 s (routes/health.ts): a probe never runs on after its answer is no longer wanted. */
const REACHABILITY_TIMEOUT_MS = 1000;

/**
 * VendorReachability for a cloud API: an unsigned GET of the endpoint. Any
 * HTTP answer (Tencent and Aliyun answer 4xx/200 with an error body) proves
 * the endpoint is reachable; nothing is signed, so nothing is billed.
 */
export async function checkEndpointReachable(fetchImpl: FetchLike, url: string): Promise<void> {
  try {
    const response = await fetchImpl(url, { method: 'GET', signal: AbortSignal.timeout(REACHABILITY_TIMEOUT_MS), redirect: 'manual' });
    await response.arrayBuffer();
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw new VendorCallError(timedOut ? 'timeout' : 'unavailable', timedOut ? 'timeout' : 'network');
  }
}
