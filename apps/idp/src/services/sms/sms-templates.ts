import type { SmsPurpose } from '../../ports/sms-sender.ts';

/** One text per purpose; vendor templates must be registered with the same wording. */
export function renderSmsText(purpose: SmsPurpose, platformName: string, params: Record<string, string>): string {
  const sign = `【${platformName}】`;
  switch (purpose) {
    case 'register':
      return `${sign}您正在注册账号，验证码为${params.code}，5分钟内有效。如非本人操作，请忽略本短信。`;
    case 'login':
      return `${sign}您正在登录，验证码为${params.code}，5分钟内有效。请勿将验证码告诉他人。`;
    case 'reset_password':
      return `${sign}您正在找回密码，验证码为${params.code}，5分钟内有效。如非本人操作，请及时联系客服。`;
    case 'change_phone':
      return `${sign}您正在更换绑定手机号，验证码为${params.code}，5分钟内有效。如非本人操作，请忽略本短信。`;
    case 'notice':
      return `${sign}${params.text}`;
  }
}
