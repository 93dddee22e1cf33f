import type { FaceVerifierConfig } from '../../config.ts';
import type { FaceVerifier } from '../../ports/face-verifier.ts';
import type { FetchLike } from '../cloud-api/vendor-http.ts';
import type { VendorCallMetrics } from '../metrics/vendor-call-metrics.ts';
import { AliyunFaceVerifier } from './aliyun/aliyun-face-verifier.ts';
import { SimulatedFaceVerifier } from './simulated/simulated-face-verifier.ts';
import { TencentFaceVerifier } from './tencent/tencent-face-verifier.ts';

/** The face verifier chosen by configuration; null when there is none (no face login, nothing reaches L3). */
export function createFaceVerifier(config: FaceVerifierConfig, deps: { metrics: VendorCallMetrics; fetch?: FetchLike }): FaceVerifier | null {
  if (config === null) return null;
  switch (config.provider) {
    case 'simulated':
      return new SimulatedFaceVerifier();
    case 'tencent':
      return new TencentFaceVerifier(config, deps);
    case 'aliyun':
      return new AliyunFaceVerifier(config, deps);
  }
}
