import type { IdentityRegistryConfig } from '../../config.ts';
import type { IdentityRegistry } from '../../ports/identity-registry.ts';
import { SimulatedIdentityRegistry } from './simulated-identity-registry.ts';

/** The identity registry chosen by configuration; null when there is none (registration then gives L1). */
export function createIdentityRegistry(
  config: IdentityRegistryConfig,
  deps: { seededCitizens: ConstructorParameters<typeof SimulatedIdentityRegistry>[0] },
): IdentityRegistry | null {
  if (config === null) return null;
  switch (config.provider) {
    case 'simulated':
      return new SimulatedIdentityRegistry(deps.seededCitizens);
  }
}
