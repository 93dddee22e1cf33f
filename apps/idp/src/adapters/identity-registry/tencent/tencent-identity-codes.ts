import type { RegistryVerdict } from '../../../ports/identity-registry.ts';
import type { VendorFailureKind } from '../../../ports/vendor-call-error.ts';
import { TENCENT_COMMON_ERROR_KINDS } from '../../cloud-api/tencent-common-error-codes.ts';

/**
 * Tencent Cloud FaceID IdCardVerification (身份信息认证 / 二要素核验, version
 * 2018-03-01): `Response.Result`, as documented at
 * https://cloud.tencent.com/document/api/1007/33188 (the same table at
 * https://www.tencentcloud.com/zh/document/api/1061/79049):
 *
 *   收费 (billed):   0 姓名和身份证号一致 · -1 姓名和身份证号不一致
 *   不收费:          -2 非法身份证号（长度、校验位等不正确） · -3 非法姓名（长度、格式等不正确）
 *                   -4 证件库服务异常 · -5 证件库中无此身份证记录
 *                   -6 权威比对系统升级中，请稍后再试 · -7 认证次数超过当日限制
 *
 * Our validators check the ID number's checksum and the name's format first,
 * so -2 means the number cannot be anyone's (not_found) and -3 that the
 * authority will not take this name as the holder's (mismatch). -4/-6 are the
 * authority's outage (unavailable, retried once: not billed). -7 is the
 * account's daily limit (refused).
 */
export const TENCENT_ID_CARD_RESULTS: Readonly<Record<string, RegistryVerdict | VendorFailureKind>> = {
  '0': 'match',
  '-1': 'mismatch',
  '-2': 'not_found',
  '-3': 'mismatch',
  '-4': 'unavailable',
  '-5': 'not_found',
  '-6': 'unavailable',
  '-7': 'refused',
};

/**
 * `Response.Error.Code` (the request failed before a result): the common
 * API 3.0 errors (https://cloud.tencent.com/document/api/1007/31325 公共错误码)
 * and FaceID's own (https://cloud.tencent.com/document/product/1007/47911).
 */
export const TENCENT_FACEID_ERROR_KINDS: Readonly<Record<string, VendorFailureKind>> = {
  // credentials and signing (operator); InternalError, RequestLimitExceeded, ResourceUnavailable (Tencent's side)
  ...TENCENT_COMMON_ERROR_KINDS,
  // operator: the FaceID service on the account
  'UnauthorizedOperation.Nonactivated': 'misconfigured',
  'UnauthorizedOperation.Arrears': 'misconfigured',
  'UnauthorizedOperation.ChargeStatusException': 'misconfigured',
  'UnauthorizedOperation.NonAuthorize': 'misconfigured',
  'UnauthorizedOperation.Unauthorized': 'misconfigured',
  // the request (our side: a wrong parameter name or version)
  InvalidParameter: 'misconfigured',
  InvalidParameterValue: 'misconfigured',
  MissingParameter: 'misconfigured',
  InvalidAction: 'misconfigured',
  // Tencent's side
  'FailedOperation.UnKnown': 'unavailable',
};

/** Unknown codes fall back by family: `InternalError*`, `RequestLimitExceeded*`, `ResourceUnavailable*` are Tencent's side; anything else needs an operator. */
export function tencentFaceIdFailureKind(code: string): VendorFailureKind {
  const known = TENCENT_FACEID_ERROR_KINDS[code];
  if (known) return known;
  if (/^(InternalError|RequestLimitExceeded|ResourceUnavailable)/.test(code)) return 'unavailable';
  return 'misconfigured';
}
