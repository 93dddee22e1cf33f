import type { IdType } from '@uia/validators';
import type { IdentityRegistryConfig } from '../../config.ts';
import type { IdentityRegistry } from '../../ports/identity-registry.ts';
import type { FetchLike } from '../cloud-api/vendor-http.ts';
import type { VendorCallMetrics } from '../metrics/vendor-call-metrics.ts';
import { AliyunIdentityRegistry } from './aliyun/aliyun-identity-registry.ts';
import { SimulatedIdentityRegistry } from './simulated-identity-registry.ts';
import { TencentIdentityRegistry } from './tencent/tencent-identity-registry.ts';

/** The identity registry chosen by configuration (UIA_IDENTITY_PROVIDER); null when there is none. */
export function createIdentityRegistry(
  config: IdentityRegistryConfig,
  deps: { metrics: VendorCallMetrics; simulatedCitizens: readonly { name: string; idType: IdType; idNumber: string }[]; fetch?: FetchLike },
): IdentityRegistry | null {
  if (config === null) return null;
  switch (config.provider) {
    case 'simulated':
      return new SimulatedIdentityRegistry([...deps.simulatedCitizens]);
    case 'tencent':
      return new TencentIdentityRegistry(config, { metrics: deps.metrics, fetch: deps.fetch });
    case 'aliyun':
      return new AliyunIdentityRegistry(config, { metrics: deps.metrics, fetch: deps.fetch });
  }
}
