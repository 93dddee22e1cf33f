import { describe, expect, it } from 'vitest';
import { createFaceVerifier } from './index.ts';
import { AliyunFaceVerifier } from './aliyun/aliyun-face-verifier.ts';
import { SimulatedFaceVerifier } from './simulated/simulated-face-verifier.ts';
import { TencentFaceVerifier } from './tencent/tencent-face-verifier.ts';

const metrics = { record: () => undefined };

describe('createFaceVerifier', () => {
  it('builds the configured verifier, each saying what the app must capture; none is null', () => {
    const simulated = createFaceVerifier({ provider: 'simulated' }, { metrics });
    const tencent = createFaceVerifier(
      { provider: 'tencent', secretId: 'AKID', secretKey: 'k', region: 'ap-guangzhou', endpoint: 'https://faceid.tencentcloudapi.com', timeoutMs: 15_000 },
      { metrics },
    );
    const aliyun = createFaceVerifier(
      { provider: 'aliyun', accessKeyId: 'LTAI', accessKeySecret: 's', sceneId: '1000000006', endpoint: 'https://cloudauth.aliyuncs.com', timeoutMs: 15_000 },
      { metrics },
    );
    expect(simulated).toBeInstanceOf(SimulatedFaceVerifier);
    expect(tencent).toBeInstanceOf(TencentFaceVerifier);
    expect(aliyun).toBeInstanceOf(AliyunFaceVerifier);
    expect([simulated, tencent, aliyun].map((verifier) => [verifier?.simulated, verifier?.capture.kind])).toEqual([
      [true, 'frames'],
      [false, 'video'],
      [false, 'frames'],
    ]);
    // The cloud vendors compare with the 身份证 photo only.
    expect([simulated, tencent, aliyun].map((verifier) => verifier?.supportsIdType('hk_macao_permit'))).toEqual([true, false, false]);
    expect([simulated, tencent, aliyun].map((verifier) => verifier?.supportsIdType('resident_id'))).toEqual([true, true, true]);
    expect(createFaceVerifier(null, { metrics })).toBeNull();
  });
});
