import { z } from 'zod';
import { captchaFields, smsCode, smsCodeSentResponse, text, ticket } from './shared-fields.ts';

/** 忘记密码 wizard: each step answers with a ticket the next step presents (and a cookie binds the browser). Paths: PASSWORD_RESET_PATHS (paths.ts). */

export const passwordResetStartRequest = z.strictObject({
  account: text(64).min(1),
  ...captchaFields,
});
export type PasswordResetStartRequest = z.infer<typeof passwordResetStartRequest>;

export const passwordResetStartResponse = z.object({
  ticket: z.string(),
  /** False only for a real account without a bound phone (the portal explains the service-hall route). */
  phoneBound: z.boolean(),
  /** The bound phone masked, only when the account name typed was that phone. */
  maskedPhone: z.string().nullable(),
});
export type PasswordResetStartResponse = z.infer<typeof passwordResetStartResponse>;

export const passwordResetSendCodeRequest = z.strictObject({
  ticket,
  idNumber: text(32).min(1),
  ...captchaFields,
});
export type PasswordResetSendCodeRequest = z.infer<typeof passwordResetSendCodeRequest>;

export const passwordResetSendCodeResponse = smsCodeSentResponse.extend({ maskedPhone: z.string() });
export type PasswordResetSendCodeResponse = z.infer<typeof passwordResetSendCodeResponse>;

export const passwordResetVerifyCodeRequest = z.strictObject({ ticket, smsCode });
export type PasswordResetVerifyCodeRequest = z.infer<typeof passwordResetVerifyCodeRequest>;

export const passwordResetVerifyCodeResponse = z.object({ ticket: z.string() });
export type PasswordResetVerifyCodeResponse = z.infer<typeof passwordResetVerifyCodeResponse>;

export const passwordResetCompleteRequest = z.strictObject({
  ticket,
  password: text(128).min(1),
  confirmPassword: text(128).min(1),
});
export type PasswordResetCompleteRequest = z.infer<typeof passwordResetCompleteRequest>;

export const passwordResetCompleteResponse = z.object({ done: z.literal(true) });
export type PasswordResetCompleteResponse = z.infer<typeof passwordResetCompleteResponse>;
