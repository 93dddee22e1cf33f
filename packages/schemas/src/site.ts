import { z } from 'zod';
import { CONSOLE_ROLES } from './console-roles.ts';

/** What both UIs ask before showing a form: the site and a captcha. Paths: SITE_PATHS (paths.ts). */

/**
 * What this deployment offers (the UIs hide what is off). Each follows an
 * optional vendor (docs/configuration.md, 功能开关).
 */
export const platformFeatures = z.object({
  /** 实名核验 at registration (identity registry); off: new accounts are L1 (未实名). */
  realName: z.boolean(),
  /** 人脸识别 (face verifier); off: the app logs in by SMS only, 换绑 by face is hidden, nothing reaches L3. */
  faceCheck: z.boolean(),
  /** 法人登录, 注册单位, 经办人授权 (business registry). */
  entityServices: z.boolean(),
  /** 确认登录 names 省/市 (offline IP database); off: 未知地区. */
  ipRegion: z.boolean(),
});
export type PlatformFeatures = z.infer<typeof platformFeatures>;

/** The seeded demo account, shown on the portal's demo banner. */
export const demoAccount = z.object({ username: z.string(), phone: z.string(), idNumber: z.string(), password: z.string() });
export type DemoAccount = z.infer<typeof demoAccount>;

/** The seeded console administrators (三员分立), one per role, shown on the demo banner. */
export const demoAdministrator = z.object({ role: z.enum(CONSOLE_ROLES), username: z.string(), phone: z.string(), password: z.string() });
export type DemoAdministrator = z.infer<typeof demoAdministrator>;

/**
 * The companion app the 扫码登录 panel names and tells how to get: its name,
 * the web app (`<PUBLIC_URL>/app/`, added to the home screen) and, for a city
 * with a native app, its store pages (omitted when not configured).
 */
export const companionApp = z.object({
  name: z.string(),
  webUrl: z.string(),
  iosUrl: z.string().optional(),
  androidUrl: z.string().optional(),
});
export type CompanionApp = z.infer<typeof companionApp>;

export const siteResponse = z.object({
  platformName: z.string(),
  demo: z.boolean(),
  /** Present in demo mode only. */
  demoAccount: demoAccount.optional(),
  /** Present in demo mode only: who may log in to the console (/console/). */
  demoAdministrators: z.array(demoAdministrator).optional(),
  features: platformFeatures,
  companionApp,
});
export type SiteInfo = z.infer<typeof siteResponse>;

/** A 图形验证码: its id (sent back with the answer), the image as a data URL, seconds it lives. */
export const captchaResponse = z.object({ id: z.string(), image: z.string(), expiresIn: z.number() });
export type CaptchaChallenge = z.infer<typeof captchaResponse>;

/** 听语音验证码: the same kind of challenge, spoken (a WAV data URL); answered through the same captcha fields. */
export const audioCaptchaResponse = z.object({ id: z.string(), audio: z.string(), expiresIn: z.number() });
export type AudioCaptchaChallenge = z.infer<typeof audioCaptchaResponse>;
