export type SmsPurpose = 'register' | 'login' | 'reset_password' | 'change_phone' | 'notice';

export interface SmsMessage {
  to: string;
  purpose: SmsPurpose;
  /** Template parameters, as vendor templates take them. */
  params: Record<string, string>;
  /** The rendered text, for channels that send free text (and the dev outbox). */
  text: string;
}

/** Thrown by adapters when the channel failed; the caller may retry later. */
export class SmsDeliveryError extends Error {}

export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}
