/** Purposes of verification codes; a code sent for one purpose never passes a check for another. */
export const SMS_CODE_PURPOSES = ['register', 'login', 'reset_password', 'change_phone'] as const;
export type SmsCodePurpose = (typeof SMS_CODE_PURPOSES)[number];

/** Notices: messages without a code, telling the person that something changed on the account. */
export const SMS_NOTICES = ['notice_password_reset', 'notice_phone_changed'] as const;
export type SmsNotice = (typeof SMS_NOTICES)[number];

/** Every message the platform sends has its own template (registered with the vendor under the same wording). */
export type SmsTemplateName = SmsCodePurpose | SmsNotice;
export const SMS_TEMPLATE_NAMES: readonly SmsTemplateName[] = [...SMS_CODE_PURPOSES, ...SMS_NOTICES];

/**
 * The variables of each template, in the order vendors with positional
 * parameters expect them (Tencent Cloud fills `{1}`, `{2}`, … from a list;
 * Aliyun fills `${name}` by name). Part of the contract: services render
 * texts with these names (services/sms/sms-templates.ts), adapters send them.
 */
export const SMS_TEMPLATE_VARIABLES: Readonly<Record<SmsTemplateName, readonly string[]>> = {
  register: ['code'],
  login: ['code'],
  reset_password: ['code'],
  change_phone: ['code'],
  notice_password_reset: ['time'],
  notice_phone_changed: ['time'],
};

/** The template's variables as an ordered list; throws when one is missing (a programming error). */
export function orderedTemplateParams(template: SmsTemplateName, params: Record<string, string>): string[] {
  return SMS_TEMPLATE_VARIABLES[template].map((name) => {
    const value = params[name];
    if (value === undefined) throw new Error(`sms template ${template} needs the variable "${name}"`);
    return value;
  });
}

/** The template's variables by name, only those the template declares (what Aliyun's TemplateParam takes). */
export function namedTemplateParams(template: SmsTemplateName, params: Record<string, string>): Record<string, string> {
  const values = orderedTemplateParams(template, params);
  return Object.fromEntries(SMS_TEMPLATE_VARIABLES[template].map((name, index) => [name, values[index]!]));
}

export interface SmsMessage {
  /** Mainland mobile number, 11 digits (already validated). */
  to: string;
  template: SmsTemplateName;
  /** Template variables by name, e.g. `{ code: '123456' }`. */
  params: Record<string, string>;
  /** The rendered text (the dev outbox shows it; vendors render their registered template). */
  text: string;
}

/**
 * Why a channel did not take a message:
 * - `unavailable`: vendor down, timeout, 5xx, unexpected answer (retry later);
 * - `rejected_number`: the vendor refuses this number (invalid, blacklisted, …);
 * - `vendor_limited`: the vendor's own per-number flow control;
 * - `misconfigured`: credentials, signature, sign name or template refused (an operator must act).
 */
export type SmsFailureKind = 'unavailable' | 'rejected_number' | 'vendor_limited' | 'misconfigured';

/** Thrown by adapters when the channel did not accept the message. Never carries the phone number. */
export class SmsDeliveryError extends Error {
  constructor(
    readonly kind: SmsFailureKind,
    /** The vendor's own error code (e.g. `isv.BUSINESS_LIMIT_CONTROL`), for operators' logs. */
    readonly vendorCode: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(`sms delivery failed: ${kind}${vendorCode ? ` (${vendorCode})` : ''}`, options);
    this.name = 'SmsDeliveryError';
  }
}

/** The channel could not be reached or gave no readable answer (cloud-api/vendor-http.ts): retry later. */
export const smsUnavailable = (reason: string, cause?: unknown): Error => new SmsDeliveryError('unavailable', reason, { cause });

export interface SmsSender {
  /** Resolves once the channel accepted the message; throws SmsDeliveryError otherwise. */
  send(message: SmsMessage): Promise<void>;
}
