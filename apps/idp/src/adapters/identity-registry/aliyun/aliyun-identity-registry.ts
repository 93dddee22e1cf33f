import { randomUUID } from 'node:crypto';
import type { IdType } from '@uia/validators';
import type { IdentityRegistry, RegistryVerdict } from '../../../ports/identity-registry.ts';
import { VendorCallError } from '../../../ports/vendor-call-error.ts';
import type { VendorReachability } from '../../../ports/vendor-reachability.ts';
import type { VendorCallMetrics } from '../../metrics/vendor-call-metrics.ts';
import { aliyunTimestamp, canonicalizedQueryString, percentEncode, signAliyunRpc } from '../../cloud-api/aliyun-rpc-signature.ts';
import { checkEndpointReachable, meteredCall, vendorUnavailable, withOneRetryWhenUnavailable } from '../../cloud-api/vendor-call.ts';
import { callVendor, type FetchLike } from '../../cloud-api/vendor-http.ts';
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
    return checkEndpointReachable(this.deps.fetch ?? fetch, this.url(), this.config.timeoutMs);
  }

  private url() {
    return `${this.config.endpoint.replace(/\/$/, '')}/`;
  }

  private async once(person: { name: string; idNumber: string }): Promise<RegistryVerdict> {
    const params: Record<string, string> = {
      AccessKeyId: this.config.accessKeyId,
      Action: 'Id2MetaVerify',
      Format: 'JSON',
      SignatureMethod: 'HMAC-SHA1',
      // A fresh nonce per attempt: a retry is a new request for the gateway (SignatureNonceUsed otherwise).
      SignatureNonce: (this.deps.nonce ?? randomUUID)(),
      SignatureVersion: '1.0',
      Timestamp: aliyunTimestamp((this.deps.now ?? Date.now)()),
      Version: '2019-03-07',
      ParamType: 'normal',
      IdentifyNum: person.idNumber,
      UserName: person.name,
    };
    params.Signature = signAliyunRpc('POST', params, this.config.accessKeySecret);
    const { body } = await callVendor(
      this.deps.fetch ?? fetch,
      this.url(),
      {
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: `${canonicalizedQueryString(params)}&Signature=${percentEncode(params.Signature)}`,
      },
      this.config.timeoutMs,
      vendorUnavailable,
    );
    const code = typeof body.Code === 'string' || typeof body.Code === 'number' ? String(body.Code) : null;
    if (code === null) throw new VendorCallError('unavailable', 'unexpected_answer');
    if (code !== '200') throw new VendorCallError(aliyunCloudauthFailureKind(code), code);
    const bizCode = (body.ResultObject as { BizCode?: unknown } | undefined)?.BizCode;
    const verdict = typeof bizCode === 'string' || typeof bizCode === 'number' ? ALIYUN_BIZ_CODES[String(bizCode)] : undefined;
    if (verdict) return verdict;
    if (bizCode === undefined) throw new VendorCallError('unavailable', 'unexpected_answer');
    // A BizCode the documentation does not list: possibly billed, so not retried; an operator should look.
    throw new VendorCallError('refused', `biz_code_${String(bizCode)}`);
  }
}
