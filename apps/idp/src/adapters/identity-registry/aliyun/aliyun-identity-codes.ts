import type { RegistryVerdict } from '../../../ports/identity-registry.ts';
import type { VendorFailureKind } from '../../../ports/vendor-call-error.ts';
import { ALIYUN_GATEWAY_ERROR_KINDS } from '../../cloud-api/aliyun-gateway-error-codes.ts';

/**
 * Aliyun 实人认证 Id2MetaVerify (身份二要素核验, Cloudauth 2019-03-07):
 * `ResultObject.BizCode` when `Code` is "200", as documented for the
 * 2019-03-07 API family (Id2MetaStandardVerify, the successor with the same
 * parameters and answer: https://help.aliyun.com/zh/id-verification/
 * api-cloudauth-2019-03-07-id2metastandardverify-infor-verify; billing per
 * code from the international edition's Id2MetaVerifyIntl page,
 * https://www.alibabacloud.com/help/zh/ekyc/latest/ok4bwxwmu1n94o76):
 * 1 核验一致 (billed), 2 核验不一致 (billed), 3 查无记录 (not billed).
 * Assumed, not seen in a documented example for Id2MetaVerify itself: that it
 * answers this exact shape (an SDK's sample answers show it does).
 */
export const ALIYUN_BIZ_CODES: Readonly<Record<string, RegistryVerdict>> = {
  '1': 'match',
  '2': 'mismatch',
  '3': 'not_found',
};

/**
 * `Code` other than "200": Cloudauth's own codes (documented with the API:
 * 400 参数不能为空, 401 参数非法, 402 应用配置不存在, 404 认证场景配置不存在,
 * 410 未开通服务, 411 RAM无权限, 412 欠费中, 500 系统错误; the international
 * edition names them MissingParameter, InvalidParameter, Forbidden.*) and the
 * RPC gateway's (signature, AccessKey, timestamp, throttling). 401 is the
 * answer to an ID number or name the authority will not take (the doc's
 * example: 参数非法(identifyNum)): refused, not retried.
 */
export const ALIYUN_CLOUDAUTH_ERROR_KINDS: Readonly<Record<string, VendorFailureKind>> = {
  '400': 'misconfigured',
  '401': 'refused',
  InvalidParameter: 'refused',
  'Forbidden.ExceptionRepeatedInvoke': 'refused',
  '402': 'misconfigured',
  '404': 'misconfigured',
  '410': 'misconfigured',
  '411': 'misconfigured',
  '412': 'misconfigured',
  'Forbidden.AccountAccessDenied': 'misconfigured',
  'Forbidden.RAMUserAccessDenied': 'misconfigured',
  // Aliyun's side or the authority's
  '500': 'unavailable',
  'Forbidden.ExceptionDataSource': 'unavailable',
  // the RPC gateway: credentials, signature, clock (MissingParameter included), throttling
  ...ALIYUN_GATEWAY_ERROR_KINDS,
};

/** Unknown codes need an operator (the log carries the code). */
export function aliyunCloudauthFailureKind(code: string): VendorFailureKind {
  return ALIYUN_CLOUDAUTH_ERROR_KINDS[code] ?? 'misconfigured';
}
