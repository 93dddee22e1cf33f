import type { SmsFailureKind } from '../../../ports/sms-sender.ts';
import { ALIYUN_GATEWAY_ERROR_KINDS } from '../../cloud-api/aliyun-gateway-error-codes.ts';

/**
 * Aliyun SendSms answer codes (`Code` in the JSON body) and what they mean
 * for us. Sources: 短信服务 "API错误码"
 * (https://help.aliyun.com/document_detail/101346.html) and the common
 * OpenAPI errors of the RPC gateway (signature, AccessKey, timestamp).
 *
 * - `rejected_number`: this number cannot get messages; the person must use another;
 * - `vendor_limited`: Aliyun's own flow control for this number
 *   (验证码: 1/min, 5/hour, 10/day per sign and number by default);
 * - `misconfigured`: the account, key, sign, template or a console limit
 *   needs an operator;
 * - `unavailable`: Aliyun's side failed; retry later.
 */
export const ALIYUN_ERROR_KINDS: Readonly<Record<string, SmsFailureKind>> = {
  // the number
  'isv.MOBILE_NUMBER_ILLEGAL': 'rejected_number',

  // per-number flow control
  'isv.BUSINESS_LIMIT_CONTROL': 'vendor_limited',

  // operator: account, money, permissions
  'isv.AMOUNT_NOT_ENOUGH': 'misconfigured',
  'isv.OUT_OF_SERVICE': 'misconfigured',
  'isv.PRODUCT_UN_SUBSCRIPT': 'misconfigured',
  'isv.PRODUCT_UNSUBSCRIBE': 'misconfigured',
  'isv.ACCOUNT_NOT_EXISTS': 'misconfigured',
  'isv.ACCOUNT_ABNORMAL': 'misconfigured',
  'isp.RAM_PERMISSION_DENY': 'misconfigured',
  'isv.DENY_IP_RANGE': 'misconfigured',
  // account-wide totals set in the console (not per number)
  'isv.DAY_LIMIT_CONTROL': 'misconfigured',
  'isv.MONTH_LIMIT_CONTROL': 'misconfigured',

  // operator: sign name and templates
  'isv.SMS_SIGNATURE_ILLEGAL': 'misconfigured',
  'isv.SMS_SIGN_ILLEGAL': 'misconfigured',
  'isv.SIGN_STATE_ILLEGAL': 'misconfigured',
  'isv.SMS_SIGNATURE_SCENE_ILLEGAL': 'misconfigured',
  'isv.SMS_TEMPLATE_ILLEGAL': 'misconfigured',
  'isv.TEMPLATE_MISSING_PARAMETERS': 'misconfigured',
  'isv.TEMPLATE_PARAMS_ILLEGAL': 'misconfigured',
  'isv.INVALID_JSON_PARAM': 'misconfigured',
  'isv.INVALID_PARAMETERS': 'misconfigured',
  'isv.PARAM_LENGTH_LIMIT': 'misconfigured',
  'isv.PARAM_NOT_SUPPORT_URL': 'misconfigured',
  'isv.BLACK_KEY_CONTROL_LIMIT': 'misconfigured',
  'isv.SMS_CONTENT_ILLEGAL': 'misconfigured',
  'isv.DOMESTIC_NUMBER_NOT_SUPPORTED': 'misconfigured',
  'isv.EXTEND_CODE_ERROR': 'misconfigured',
  'isv.MOBILE_COUNT_OVER_LIMIT': 'misconfigured',
  'isv.SMS_TEST_SIGN_TEMPLATE_LIMIT': 'misconfigured',
  'isv.SMS_TEST_NUMBER_LIMIT': 'misconfigured',

  // Aliyun's side
  'isp.SYSTEM_ERROR': 'unavailable',
  'isp.GATEWAY_ERROR': 'unavailable',

  // the RPC gateway: request signing (operator) and throttling (Aliyun's side)
  ...ALIYUN_GATEWAY_ERROR_KINDS,
};

/**
 * A code Aliyun answered with. Unknown codes count as `misconfigured`:
 * Aliyun understood the request and refused it for a reason we do not know,
 * so an operator should look (the log carries the code).
 */
export function aliyunFailureKind(code: string): SmsFailureKind {
  return ALIYUN_ERROR_KINDS[code] ?? 'misconfigured';
}
