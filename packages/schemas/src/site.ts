import { z } from 'zod';

/** GET /api/site and POST /api/captcha: what both UIs ask before showing a form. */
export const SITE_PATHS = {
  site: '/api/site',
  captcha: '/api/captcha',
  audioCaptcha: '/api/captcha/audio',
} as const;

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

export const siteResponse = z.object({
  platformName: z.string(),
  demo: z.boolean(),
  /** Present in demo mode only. */
  demoAccount: demoAccount.optional(),
  features: platformFeatures,
});
export type SiteInfo = z.infer<typeof siteResponse>;

/** A 图形验证码: its id (sent back with the answer), the image as a data URL, seconds it lives. */
export const captchaResponse = z.object({ id: z.string(), image: z.string(), expiresIn: z.number() });
export type CaptchaChallenge = z.infer<typeof captchaResponse>;

/** 听语音验证码: the same kind of challenge, spoken (a WAV data URL); answered through the same captcha fields. */
export const audioCaptchaResponse = z.object({ id: z.string(), audio: z.string(), expiresIn: z.number() });
export type AudioCaptchaChallenge = z.infer<typeof audioCaptchaResponse>;

/**
 * 关怀模式 as the pages remember it: the switch keeps the choice in
 * localStorage (read before the first paint) and mirrors it in this cookie
 * ('on' / 'off'), the only copy the pages the server renders itself (退出登录,
 * error pages, 页面不存在) can read.
 */
export const CARE_MODE_COOKIE = 'uia_care_mode';
