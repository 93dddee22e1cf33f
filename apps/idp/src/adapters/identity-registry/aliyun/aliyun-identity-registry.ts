import type { IdType } from '@uia/validators';
import type { IdentityRegistry, RegistryVerdict } from '../../../ports/identity-registry.ts';
import { VendorCallError } from '../../../ports/vendor-call-error.ts';
import type { VendorReachability } from '../../../ports/vendor-reachability.ts';
import type { VendorCallMetrics } from '../../metrics/vendor-call-metrics.ts';
import { aliyunCode, aliyunRpcParams, postAliyunRpc } from '../../cloud-api/aliyun-rpc-call.ts';
import { checkEndpointReachable, meteredCall, vendorUnavailable, withOneRetryWhenUnavailable } from '../../cloud-api/vendor-call.ts';
import type { FetchLike } from '../../cloud-api/vendor-http.ts';
import { ALIYUN_BIZ_CODES, aliyunCloudauthFailureKind } from './aliyun-identity-codes.ts';

export const ALIYUN_CLOUDAUTH_ENDPOINT = 'https://cloudauth.aliyuncs.com';

export interface AliyunIdentityConfig {
  accessKeyId: string;
  accessKeySecret: string;
  endpoint: string;
  timeoutMs: number;
}

/**
 * 实名核验 through Aliyun Cloudauth Id2MetaVerify (version 2019-03-07), RPC
 * style with the V1 HMAC-SHA1 signature, the parameters as a POST form body
 * (so the name and ID number never appear in a URL): ParamType=normal
 * (clear values), IdentifyNum, UserName. The answer is JSON
 * `{"Code":"200","ResultObject":{"BizCode":"1"}}`; the documentation prints
 * Code and BizCode both as strings and as numbers, so both are read.
 * Only mainland resident ID cards can be checked (仅支持中国内地居民身份证);
 * other documents are `not_found` without a call.
 */
export class AliyunIdentityRegistry implements IdentityRegistry, VendorReachability {
  readonly simulated = false;

  constructor(
    private readonly config: AliyunIdentityConfig,
    private readonly deps: { metrics: VendorCallMetrics; fetch?: FetchLike; now?: () => number; nonce?: () => string },
  ) {}

  async verify(person: { name: string; idType: IdType; idNumber: string }): Promise<RegistryVerdict> {
    if (person.idType !== 'resident_id') return 'not_found';
    return withOneRetryWhenUnavailable(() => meteredCall(this.deps.metrics, { vendor: 'aliyun', api: 'Id2MetaVerify' }, () => this.once(person)));
  }

  checkReachable(): Promise<void> {
    return checkEndpointReachable(this.deps.fetch ?? fetch, this.url());
  }

  private url() {
    return `${this.config.endpoint.replace(/\/$/, '')}/`;
  }

  private async once(person: { name: string; idNumber: string }): Promise<RegistryVerdict> {
    const params = {
      // Built per attempt, so a retry gets a fresh nonce: it is a new request for the gateway (SignatureNonceUsed otherwise).
      ...aliyunRpcParams({ accessKeyId: this.config.accessKeyId, action: 'Id2MetaVerify', version: '2019-03-07', now: this.deps.now, nonce: this.deps.nonce }),
      ParamType: 'normal',
      IdentifyNum: person.idNumber,
      UserName: person.name,
    };
    const { body } = await postAliyunRpc({
      fetch: this.deps.fetch,
      url: this.url(),
      params,
      accessKeySecret: this.config.accessKeySecret,
      timeoutMs: this.config.timeoutMs,
      unavailable: vendorUnavailable,
    });
    const code = aliyunCode(body.Code);
    if (code === null) throw new VendorCallError('unavailable', 'unexpected_answer');
    if (code !== '200') throw new VendorCallError(aliyunCloudauthFailureKind(code), code);
    const bizCode = (body.ResultObject as { BizCode?: unknown } | undefined)?.BizCode;
    const verdict = typeof bizCode === 'string' || typeof bizCode === 'number' ? ALIYUN_BIZ_CODES[String(bizCode)] : undefined;
    if (verdict) return verdict;
    if (bizCode === undefined) throw new VendorCallError('unavailable', 'unexpected_answer');
    // A BizCode the documentation does not list: possibly billed, so not retried; an operator should look.
    throw new VendorCallError('refused', `biz_code_${typeof bizCode === 'string' || typeof bizCode === 'number' ? bizCode : JSON.stringify(bizCode)}`);
  }
}
