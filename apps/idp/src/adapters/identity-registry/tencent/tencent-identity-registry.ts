import type { IdType } from '@uia/validators';
import type { IdentityRegistry, RegistryVerdict } from '../../../ports/identity-registry.ts';
import { VendorCallError } from '../../../ports/vendor-call-error.ts';
import type { VendorReachability } from '../../../ports/vendor-reachability.ts';
import type { VendorCallMetrics } from '../../metrics/vendor-call-metrics.ts';
import { callTencentApi, tencentApiTarget } from '../../cloud-api/tencent-api-call.ts';
import { checkEndpointReachable, meteredCall, vendorUnavailable, withOneRetryWhenUnavailable } from '../../cloud-api/vendor-call.ts';
import type { FetchLike } from '../../cloud-api/vendor-http.ts';
import { TENCENT_ID_CARD_RESULTS, tencentFaceIdFailureKind } from './tencent-identity-codes.ts';

export const TENCENT_FACEID_ENDPOINT = 'https://faceid.tencentcloudapi.com';

export interface TencentIdentityConfig {
  secretId: string;
  secretKey: string;
  endpoint: string;
  timeoutMs: number;
}

/**
 * 实名核验 through Tencent Cloud FaceID IdCardVerification
 * (https://cloud.tencent.com/document/api/1007/33188): POST of JSON
 * `{"IdCard","Name"}` to faceid.tencentcloudapi.com, X-TC-Action
 * IdCardVerification, X-TC-Version 2018-03-01, no X-TC-Region (the doc: 本接口
 * 不需要传递此参数), signed TC3-HMAC-SHA256 for service `faceid`. Tencent
 * answers HTTP 200 with `Response.Result` (tencent-identity-codes.ts) or
 * `Response.Error.Code`. Only mainland resident ID cards can be checked
 * (the doc: 身份证号); other documents are `not_found` without a call.
 */
export class TencentIdentityRegistry implements IdentityRegistry, VendorReachability {
  readonly simulated = false;
  private readonly target: { url: string; host: string };

  constructor(
    private readonly config: TencentIdentityConfig,
    private readonly deps: { metrics: VendorCallMetrics; fetch?: FetchLike; now?: () => number },
  ) {
    this.target = tencentApiTarget(config.endpoint);
  }

  async verify(person: { name: string; idType: IdType; idNumber: string }): Promise<RegistryVerdict> {
    if (person.idType !== 'resident_id') return 'not_found';
    return withOneRetryWhenUnavailable(() => meteredCall(this.deps.metrics, { vendor: 'tencent', api: 'IdCardVerification' }, () => this.once(person)));
  }

  checkReachable(): Promise<void> {
    return checkEndpointReachable(this.deps.fetch ?? fetch, this.target.url);
  }

  private async once(person: { name: string; idNumber: string }): Promise<RegistryVerdict> {
    const timestamp = Math.floor((this.deps.now ?? Date.now)() / 1000);
    const payload = JSON.stringify({ IdCard: person.idNumber, Name: person.name });
    const { body } = await callTencentApi({
      fetch: this.deps.fetch,
      target: this.target,
      service: 'faceid',
      action: 'IdCardVerification',
      version: '2018-03-01',
      // No region, so no X-TC-Region: the documentation says IdCardVerification takes none.
      account: { secretId: this.config.secretId, secretKey: this.config.secretKey, timeoutMs: this.config.timeoutMs },
      payload,
      timestampSec: timestamp,
      unavailable: vendorUnavailable,
    });
    const response = body.Response as { Error?: { Code?: unknown }; Result?: unknown } | undefined;
    const errorCode = response?.Error?.Code;
    if (typeof errorCode === 'string') throw new VendorCallError(tencentFaceIdFailureKind(errorCode), errorCode);
    const result = typeof response?.Result === 'string' ? response.Result : null;
    const meaning = result === null ? undefined : TENCENT_ID_CARD_RESULTS[result];
    if (meaning === 'match' || meaning === 'mismatch' || meaning === 'not_found') return meaning;
    if (meaning) throw new VendorCallError(meaning, result);
    if (result === null) throw new VendorCallError('unavailable', 'unexpected_answer');
    // A result code the documentation does not list: possibly billed, so not retried; an operator should look.
    throw new VendorCallError('refused', `result_${result}`);
  }
}
