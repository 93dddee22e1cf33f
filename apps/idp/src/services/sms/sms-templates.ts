import { namedTemplateParams, type SmsTemplateName } from '../../ports/sms-sender.ts';

/**
 * One text per template. Vendors send the text they approved, so each
 * template must be registered with exactly this wording (without the
 * leading 【签名】, which the vendor adds from the sign name) and its
 * variables in the order of `SMS_TEMPLATE_VARIABLES` (ports/sms-sender.ts):
 * Tencent Cloud fills `{1}`, `{2}`, … from an ordered list, Aliyun fills
 * `${name}` by name. docs/configuration.md shows both registration forms.
 */
export const SMS_TEMPLATE_TEXTS: Readonly<Record<SmsTemplateName, string>> = {
  register: '您正在注册账号，验证码为{code}，5分钟内有效。如非本人操作，请忽略本短信。',
  login: '您正在登录，验证码为{code}，5分钟内有效。请勿将验证码告诉他人。',
  reset_password: '您正在找回密码，验证码为{code}，5分钟内有效。请勿将验证码告诉他人。如非本人操作，请及时联系客服。',
  change_phone: '您正在更换绑定手机号，验证码为{code}，5分钟内有效。如非本人操作，请忽略本短信。',
  notice_password_reset: '您的统一身份认证账号密码已重置，操作时间{time}。如非本人操作，请立即联系客服热线。',
  notice_phone_changed: '您的统一身份认证账号绑定手机号已更换，操作时间{time}。如非本人操作，请立即联系客服热线。',
};

/** The text a person receives: 【platform name】 followed by the template with its variables filled in. */
export function renderSmsText(template: SmsTemplateName, platformName: string, params: Record<string, string>): string {
  const named = namedTemplateParams(template, params);
  return `【${platformName}】${SMS_TEMPLATE_TEXTS[template].replace(/\{(\w+)\}/g, (_, name: string) => named[name] ?? '')}`;
}
