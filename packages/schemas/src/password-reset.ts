import { z } from 'zod';
import { captchaFields, smsCode, smsCodeSentResponse, text, ticket } from './shared-fields.ts';

/** 忘记密码 wizard: each step answers with a ticket the next step presents (and a cookie binds the browser). */
export const PASSWORD_RESET_PREFIX = '/api/password-reset';
export const PASSWORD_RESET_PATHS = {
  start: `${PASSWORD_RESET_PREFIX}/start`,
  sendCode: `${PASSWORD_RESET_PREFIX}/send-code`,
  verifyCode: `${PASSWORD_RESET_PREFIX}/verify-code`,
  complete: `${PASSWORD_RESET_PREFIX}/complete`,
  /** After a reload: the flow whose code this browser was sent (sms-code-state.ts). */
  resume: `${PASSWORD_RESET_PREFIX}/resume`,
} as const;

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

export const passwordResetSendCodeRequest = z.strictObject({
  ticket,
  idNumber: text(32).min(1),
  ...captchaFields,
});
export type PasswordResetSendCodeRequest = z.infer<typeof passwordResetSendCodeRequest>;

export const passwordResetSendCodeResponse = smsCodeSentResponse.extend({ maskedPhone: z.string() });

export const passwordResetVerifyCodeRequest = z.strictObject({ ticket, smsCode });
export type PasswordResetVerifyCodeRequest = z.infer<typeof passwordResetVerifyCodeRequest>;

export const passwordResetVerifyCodeResponse = z.object({ ticket: z.string() });

export const passwordResetCompleteRequest = z.strictObject({
  ticket,
  password: text(128).min(1),
  confirmPassword: text(128).min(1),
});
export type PasswordResetCompleteRequest = z.infer<typeof passwordResetCompleteRequest>;

export const passwordResetCompleteResponse = z.object({ done: z.literal(true) });
