import { describe, expect, it } from 'vitest';
import { recordedVendorCalls } from '../../../test/support/recorded-vendor-calls.ts';
import { ExchangeBusinessRegistry } from './exchange/exchange-business-registry.ts';
import { createBusinessRegistry } from './index.ts';
import { SimulatedBusinessRegistry } from './simulated-business-registry.ts';

describe('createBusinessRegistry', () => {
  it('picks the adapter the configuration names, or none', () => {
    const business = (config: Parameters<typeof createBusinessRegistry>[0]) => createBusinessRegistry(config, { metrics: recordedVendorCalls(), simulatedEntities: [] });
    expect(business(null)).toBeNull();
    expect(business({ provider: 'simulated' })).toBeInstanceOf(SimulatedBusinessRegistry);
    expect(business({ provider: 'exchange', baseUrl: 'https://dsep.example.gov.cn/api/v1', appId: 'uia', appSecret: 'secret-secret-secret', idNumberHashKey: null, timeoutMs: 5000 })).toBeInstanceOf(
      ExchangeBusinessRegistry,
    );
  });
});
