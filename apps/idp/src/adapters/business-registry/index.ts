import type { BusinessRegistryConfig } from '../../config.ts';
import type { BusinessRegistry } from '../../ports/business-registry.ts';
import type { FetchLike } from '../cloud-api/vendor-http.ts';
import type { VendorCallMetrics } from '../metrics/vendor-call-metrics.ts';
import { ExchangeBusinessRegistry } from './exchange/exchange-business-registry.ts';
import { SimulatedBusinessRegistry, type SeededEntity } from './simulated-business-registry.ts';

/** The business registry chosen by configuration (UIA_BUSINESS_REGISTRY); null when there is none. */
export function createBusinessRegistry(config: BusinessRegistryConfig, deps: { metrics: VendorCallMetrics; simulatedEntities: readonly SeededEntity[]; fetch?: FetchLike }): BusinessRegistry | null {
  if (config === null) return null;
  switch (config.provider) {
    case 'simulated':
      return new SimulatedBusinessRegistry(deps.simulatedEntities);
    case 'exchange':
      return new ExchangeBusinessRegistry(config, { metrics: deps.metrics, fetch: deps.fetch });
  }
}
