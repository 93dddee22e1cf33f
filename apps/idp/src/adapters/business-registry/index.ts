import type { BusinessRegistryConfig } from '../../config.ts';
import type { BusinessRegistry, RegisteredEntity } from '../../ports/business-registry.ts';
import { SimulatedBusinessRegistry } from './simulated-business-registry.ts';

/** The business registry chosen by configuration; null when there is none (法人登录 and 注册单位 are off). */
export function createBusinessRegistry(config: BusinessRegistryConfig, deps: { seededEntities: readonly RegisteredEntity[] }): BusinessRegistry | null {
  if (config === null) return null;
  switch (config.provider) {
    case 'simulated':
      return new SimulatedBusinessRegistry(deps.seededEntities);
  }
}
