import { z } from 'zod';

/**
 * Answers that tell a reloaded page an SMS code is already on its way (the
 * server remembers it per flow), so the page shows the countdown and takes
 * the code already received instead of asking for another.
 */
export const sentCodeState = z.object({
  maskedPhone: z.string(),
  /** Seconds until 获取验证码 may be used again (0: now). */
  resendAfter: z.number().int().min(0),
  /** Seconds the code stays valid. */
  expiresIn: z.number().int().min(1),
});
export type SentCodeState = z.infer<typeof sentCodeState>;

/** GET /api/password-reset/resume: the 忘记密码 flow at 验证身份 whose code this browser was sent. */
export const passwordResetResumeResponse = z.discriminatedUnion('resumable', [
  z.object({ resumable: z.literal(false) }),
  sentCodeState.extend({ resumable: z.literal(true), ticket: z.string(), account: z.string() }),
]);
export type PasswordResetResumeResponse = z.infer<typeof passwordResetResumeResponse>;

/** GET /app/api/phone/old/code: the code waiting at the current phone (换绑手机号 step 1), or null. */
export const phoneChangeOldCodeResponse = z.object({ code: sentCodeState.nullable() });
export type PhoneChangeOldCodeResponse = z.infer<typeof phoneChangeOldCodeResponse>;
