import { AppError } from '../../errors.ts';
import { SmsDeliveryError, type SmsFailureKind, type SmsTemplateName } from '../../ports/sms-sender.ts';

/**
 * What operators learn when the channel refused a message: the kind, the
 * vendor's code and the template. Never the phone number or the text.
 */
export interface SmsChannelFailure {
  kind: SmsFailureKind;
  vendorCode: string | null;
  template: SmsTemplateName;
}

/** Called for every refused message; compose.ts logs `misconfigured` as an error, the rest as warnings. */
export type SmsChannelErrorListener = (failure: SmsChannelFailure) => void;

/** Anything a sender throws, as an SmsDeliveryError (an unexpected exception counts as `unavailable`). */
export function asDeliveryError(error: unknown): SmsDeliveryError {
  return error instanceof SmsDeliveryError ? error : new SmsDeliveryError('unavailable', null);
}

/**
 * The error the person sees. Channel trouble (vendor down, timeout, our
 * configuration) is one retryable 503; the number itself or the vendor's
 * per-number flow control get their own message.
 */
export function deliveryAppError(error: SmsDeliveryError): AppError {
  switch (error.kind) {
    case 'rejected_number':
      return new AppError('SMS_PHONE_UNREACHABLE', { field: 'phone' });
    case 'vendor_limited':
      return new AppError('SMS_VENDOR_LIMITED', { field: 'phone' });
    case 'unavailable':
    case 'misconfigured':
      return new AppError('SMS_SEND_FAILED', { field: 'phone', details: { retryable: true } });
  }
}
