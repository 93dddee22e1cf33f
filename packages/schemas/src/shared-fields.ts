import { z } from 'zod';

/**
 * Field shapes several features share. Requests check type, presence and
 * length only; meaning (checksums, policies) is checked by @uia/validators
 * inside the services. Unknown request keys are refused (strict objects).
 */

// Control characters never belong in a form field; refusing them here keeps them out of logs and storage.
// eslint-disable-next-line no-control-regex -- the pattern exists to refuse control characters
const CONTROL_FREE = /^[^\u0000-\u001f\u007f]*$/;
export const text = (max: number) => z.string().max(max).regex(CONTROL_FREE);

export const ID_TYPE_VALUES = ['resident_id', 'hk_macao_permit', 'taiwan_permit', 'hmt_residence_permit', 'foreign_permanent_residence', 'passport'] as const;

/** 实名等级: L1 未实名 … L3 face-checked (L4 is reserved for counter checks). */
export const ASSURANCE_LEVELS = ['L1', 'L2', 'L3', 'L4'] as const;
export const assuranceLevel = z.enum(ASSURANCE_LEVELS);

export const captchaFields = {
  captchaId: text(64).min(1),
  captchaAnswer: text(16).min(1),
};

/** Each step of a multi-step flow answers with a ticket the next step presents. */
export const ticket = text(128).min(1);
export const smsCode = text(6).min(1);
export const phone = text(32).min(1);

export const emptyRequest = z.strictObject({});

/** Where the browser goes next (a login, consent or logout step that oidc-provider continues). */
export const redirectResponse = z.object({ redirectTo: z.string() });
export type RedirectResponse = z.infer<typeof redirectResponse>;

/** An SMS code went out: when another may be asked for and how long this one lasts (seconds). */
export const smsCodeSentResponse = z.object({ resendAfter: z.number(), expiresIn: z.number() });
export type SmsCodeSent = z.infer<typeof smsCodeSentResponse>;

/** A relying party as the UIs name it. */
export const serviceRef = z.object({ id: z.string(), name: z.string() });
export type ServiceRef = z.infer<typeof serviceRef>;

/** The route parameters of paths below a login interaction and of one QR. */
export const interactionParams = z.object({ uid: z.string() });
export const idParams = z.object({ id: z.string() });
