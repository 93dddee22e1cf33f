// What the portal (PC) and the app (phone) share: the idp API client, the
// History-API router, and the form pieces whose logic is the same in both.
// Each UI keeps its own endpoints, pages, layout and stylesheet.
export { api, ApiError, errorMessage, longWaitMessage, sharedEndpoints, type CaptchaChallenge, type DemoAccount, type DemoAdministrator, type SiteInfo } from './api.ts';
export { CareModeSwitch, useDisplayMode, type DisplayMode } from './care-mode.tsx';
export { captchaFieldError, CaptchaImage, CaptchaInput, useCaptcha, type CaptchaState } from './Captcha.tsx';
export { useCaptchaAnswer, type CaptchaAnswer, type CaptchaAnswered } from './captcha-answer.ts';
export { describedAs, describedBy, FieldError, FieldHint, FieldInput, IdTypeSelect, TextInput, type InputRowProps, type TextInputKind, type TextInputProps } from './Field.tsx';
export { DemoAdministrators } from './demo-banner.tsx';
export { Link } from './Link.tsx';
export { goBack, navigate, useLocation } from './router.ts';
export { mount, raiseLevelHint, useDocumentTitle, useSiteInfo } from './site.tsx';
export { SpokenCountdown, spokenMark, timeInWords } from './time-left.tsx';
export { codeSent, codeWaiting, sendRefused, SmsCodeButton, SmsCodeInput, useCountdown, type Countdown } from './SmsCode.tsx';
