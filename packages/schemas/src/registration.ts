import { z } from 'zod';
import { assuranceLevel, captchaFields, ID_TYPE_VALUES, phone, smsCodeSentResponse, text } from './shared-fields.ts';

/** 注册: an SMS code to the phone, then the account. Paths: REGISTRATION_PATHS (paths.ts). */

/** Purposes a browser may ask a code for by phone number; the reset flow sends its codes by ticket. */
export const SMS_PURPOSES = ['register'] as const;

export const smsSendRequest = z.strictObject({
  phone,
  purpose: z.enum(SMS_PURPOSES),
  ...captchaFields,
});
export type SmsSendRequest = z.infer<typeof smsSendRequest>;
export const smsSendResponse = smsCodeSentResponse;
export type SmsSendResponse = z.infer<typeof smsSendResponse>;

export const registerRequest = z.strictObject({
  name: text(60).min(1),
  idType: z.enum(ID_TYPE_VALUES),
  idNumber: text(32).min(1),
  phone,
  smsCode: text(6).min(1),
  username: text(64).min(1),
  password: text(128).min(1),
  agreeTerms: z.boolean(),
});
export type RegisterRequest = z.infer<typeof registerRequest>;

export const registerResponse = z.object({ username: z.string(), assuranceLevel });
export type RegisterResponse = z.infer<typeof registerResponse>;
