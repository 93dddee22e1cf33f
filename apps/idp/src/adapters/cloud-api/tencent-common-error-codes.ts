/**
 * The common TencentCloud API 3.0 errors every product answers
 * (公共错误码, e.g. https://cloud.tencent.com/document/api/1007/31325 and
 * https://cloud.tencent.com/document/api/382/52075): credentials and signing
 * need an operator; InternalError, RequestLimitExceeded and
 * ResourceUnavailable are Tencent's side. Each product's table adds its own codes.
 */
export const TENCENT_COMMON_ERROR_KINDS: Readonly<Record<string, 'misconfigured' | 'unavailable'>> = {
  'AuthFailure.SignatureFailure': 'misconfigured',
  'AuthFailure.SecretIdNotFound': 'misconfigured',
  'AuthFailure.InvalidSecretId': 'misconfigured',
  'AuthFailure.SignatureExpire': 'misconfigured',
  'AuthFailure.InvalidAuthorization': 'misconfigured',
  'AuthFailure.UnauthorizedOperation': 'misconfigured',
  'AuthFailure.TokenFailure': 'misconfigured',
  InternalError: 'unavailable',
  RequestLimitExceeded: 'unavailable',
  ResourceUnavailable: 'unavailable',
};
