import type { SmsFailureKind } from '../../../ports/sms-sender.ts';
import { TENCENT_COMMON_ERROR_KINDS } from '../../cloud-api/tencent-common-error-codes.ts';

/**
 * Tencent Cloud SMS codes, from `Response.Error.Code` (the request failed)
 * or `Response.SendStatusSet[n].Code` (this number failed). Sources: SendSms
 * 2021-01-11 (https://cloud.tencent.com/document/api/382/55981), its error
 * codes (https://cloud.tencent.com/document/api/382/59177) and the common
 * API 3.0 errors (https://cloud.tencent.com/document/api/382/52075).
 */
export const TENCENT_ERROR_KINDS: Readonly<Record<string, SmsFailureKind>> = {
  // the number
  'InvalidParameterValue.IncorrectPhoneNumber': 'rejected_number',
  'FailedOperation.PhoneNumberInBlacklist': 'rejected_number',
  'UnsupportedOperation.UnsupportedRegion': 'rejected_number',

  // per-number flow control (defaults adjustable in the SMS console)
  'LimitExceeded.PhoneNumberThirtySecondLimit': 'vendor_limited',
  'LimitExceeded.PhoneNumberOneHourLimit': 'vendor_limited',
  'LimitExceeded.PhoneNumberDailyLimit': 'vendor_limited',
  'LimitExceeded.PhoneNumberSameContentDailyLimit': 'vendor_limited',
  'LimitExceeded.DeliveryFrequencyLimit': 'vendor_limited',

  // the common API 3.0 errors: credentials and signing (operator); InternalError, RequestLimitExceeded, ResourceUnavailable (Tencent's side)
  ...TENCENT_COMMON_ERROR_KINDS,

  // operator: request signing
  'AuthFailure.MFAFailure': 'misconfigured',
  'InternalError.SigVerificationFail': 'misconfigured',
  'InternalError.SigFieldMissing': 'misconfigured',
  'InternalError.RequestTimeException': 'misconfigured',
  'InternalError.RestApiInterfaceNotExist': 'misconfigured',
  'FailedOperation.FailResolvePacket': 'misconfigured',
  'FailedOperation.JsonParseFail': 'misconfigured',

  // operator: application, money, permissions, console limits
  'InvalidParameterValue.SdkAppIdNotExist': 'misconfigured',
  'UnauthorizedOperation.SmsSdkAppIdVerifyFail': 'misconfigured',
  'UnauthorizedOperation.SdkAppIdIsDisabled': 'misconfigured',
  'UnauthorizedOperation.ServiceSuspendDueToArrears': 'misconfigured',
  'UnauthorizedOperation.RequestPermissionDeny': 'misconfigured',
  'UnauthorizedOperation.RequestIpNotInWhitelist': 'misconfigured',
  'UnauthorizedOperation.IndividualUserMarketingSmsPermissionDeny': 'misconfigured',
  'FailedOperation.InsufficientBalanceInSmsPackage': 'misconfigured',
  'LimitExceeded.DailyLimit': 'misconfigured',
  'LimitExceeded.AppDailyLimit': 'misconfigured',
  'LimitExceeded.AppMainlandChinaDailyLimit': 'misconfigured',
  'LimitExceeded.AppGlobalDailyLimit': 'misconfigured',
  'LimitExceeded.PhoneNumberCountLimit': 'misconfigured',

  // operator: sign name and templates
  'FailedOperation.SignatureIncorrectOrUnapproved': 'misconfigured',
  'FailedOperation.TemplateIncorrectOrUnapproved': 'misconfigured',
  'FailedOperation.TemplateUnapprovedOrNotExist': 'misconfigured',
  'FailedOperation.TemplateParamSetNotMatchApprovedTemplate': 'misconfigured',
  'FailedOperation.ContainSensitiveWord': 'misconfigured',
  'FailedOperation.MarketingSendTimeConstraint': 'misconfigured',
  'InvalidParameterValue.ContentLengthLimit': 'misconfigured',
  'InvalidParameterValue.TemplateParameterFormatError': 'misconfigured',
  'InvalidParameterValue.TemplateParameterLengthLimit': 'misconfigured',
  'InvalidParameterValue.ProhibitedUseUrlInTemplateParameter': 'misconfigured',
  'MissingParameter.EmptyPhoneNumberSet': 'misconfigured',

  // Tencent's side
  'InternalError.Timeout': 'unavailable',
  'InternalError.SendAndRecvFail': 'unavailable',
  'InternalError.OtherError': 'unavailable',
  'InternalError.UnknownError': 'unavailable',
};

/**
 * A code Tencent answered with. Unknown codes fall back by family:
 * `InternalError.*` and `RequestLimitExceeded.*` are Tencent's side
 * (retry later), `LimitExceeded.PhoneNumber*` is per-number flow control,
 * anything else needs an operator to look (the log carries the code).
 */
export function tencentFailureKind(code: string): SmsFailureKind {
  const known = TENCENT_ERROR_KINDS[code];
  if (known) return known;
  if (code.startsWith('InternalError') || code.startsWith('RequestLimitExceeded')) return 'unavailable';
  if (code.startsWith('LimitExceeded.PhoneNumber')) return 'vendor_limited';
  return 'misconfigured';
}
