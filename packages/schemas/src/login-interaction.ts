import { z } from 'zod';
import { captchaFields, redirectResponse, smsCode, smsCodeSentResponse, text } from './shared-fields.ts';
import { LOGIN_TYPES } from './constants.ts';

/**
 * The portal's login page of an OIDC interaction (/interaction/<uid>): what
 * it asks, 账号登录 and 法人登录 by password, and 取消. 扫码登录 is qr-login.ts.
 * Paths: LOGIN_INTERACTION_PATHS (paths.ts).
 */

/** 个人登录 or 法人登录 (a person acting for a legal entity). */
export const loginType = z.enum(LOGIN_TYPES);

/** The service that asks for the login: a registered client, or the platform itself (id null). */
export const interactionClient = z.object({ id: z.string().nullable(), name: z.string() });

export const interactionDetailsResponse = z.object({
  uid: z.string(),
  prompt: z.string(),
  client: interactionClient,
  /** Which of 个人登录 / 法人登录 the relying party accepts (docs/api.md § 法人登录). */
  loginTypes: z.array(loginType),
  /** Set when the relying party demands a level only 扫码登录 reaches (e.g. `L3`). */
  requiredAcr: z.string().optional(),
});
export type InteractionDetails = z.infer<typeof interactionDetailsResponse>;

export const passwordLoginRequest = z.strictObject({
  identifier: text(64).min(1),
  password: text(128).min(1),
  ...captchaFields,
});
export type PasswordLoginRequest = z.infer<typeof passwordLoginRequest>;

/** The USCC (18 characters) or the entity's account name (单位账号), then the acting person's own credentials. */
export const entityLoginRequest = z.strictObject({ entity: text(64).min(1), ...passwordLoginRequest.shape });
export type EntityLoginRequest = z.infer<typeof entityLoginRequest>;

export const loginResponse = redirectResponse;
export type LoginResponse = z.infer<typeof loginResponse>;

/**
 * 短信验证: the relying party requires two factors (client metadata
 * `uia_require_two_factors`), so a right password is answered with this
 * instead of the redirect; the code went to the account's bound phone (masked here).
 */
export const secondFactorResponse = z.object({ secondFactor: z.literal('sms'), phone: z.string(), ...smsCodeSentResponse.shape });
export type SecondFactorResponse = z.infer<typeof secondFactorResponse>;
/** 账号登录's answer: logged in (where to go), or the SMS code still to give. */
export const passwordLoginResponse = z.union([redirectResponse, secondFactorResponse]);
export type PasswordLoginResponse = z.infer<typeof passwordLoginResponse>;
export const secondFactorRequest = z.strictObject({ smsCode });
export type SecondFactorRequest = z.infer<typeof secondFactorRequest>;
