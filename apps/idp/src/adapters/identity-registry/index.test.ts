import { describe, expect, it } from 'vitest';
import { recordedVendorCalls } from '../../../test/support/recorded-vendor-calls.ts';
import { AliyunIdentityRegistry } from './aliyun/aliyun-identity-registry.ts';
import { createIdentityRegistry } from './index.ts';
import { SimulatedIdentityRegistry } from './simulated-identity-registry.ts';
import { TencentIdentityRegistry } from './tencent/tencent-identity-registry.ts';

describe('createIdentityRegistry', () => {
  it('picks the adapter the configuration names, or none', () => {
    const identity = (config: Parameters<typeof createIdentityRegistry>[0]) => createIdentityRegistry(config, { metrics: recordedVendorCalls(), simulatedCitizens: [] });
    expect(identity(null)).toBeNull();
    expect(identity({ provider: 'simulated' })).toBeInstanceOf(SimulatedIdentityRegistry);
    expect(identity({ provider: 'tencent', secretId: 'id', secretKey: 'key', endpoint: 'https://faceid.tencentcloudapi.com', timeoutMs: 5000 })).toBeInstanceOf(TencentIdentityRegistry);
    expect(identity({ provider: 'aliyun', accessKeyId: 'id', accessKeySecret: 'secret', endpoint: 'https://cloudauth.aliyuncs.com', timeoutMs: 5000 })).toBeInstanceOf(AliyunIdentityRegistry);
  });
});
