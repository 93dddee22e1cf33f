import { describe, expect, it } from 'vitest';
import { namedTemplateParams, orderedTemplateParams, SMS_TEMPLATE_NAMES, SMS_TEMPLATE_VARIABLES } from '../../ports/sms-sender.ts';
import { renderSmsText, SMS_TEMPLATE_TEXTS } from './sms-templates.ts';

describe('SMS templates', () => {
  it('has one text per template whose placeholders are exactly its variables, in order', () => {
    for (const name of SMS_TEMPLATE_NAMES) {
      const placeholders = [...SMS_TEMPLATE_TEXTS[name].matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      expect(placeholders, name).toEqual(SMS_TEMPLATE_VARIABLES[name]);
      expect(SMS_TEMPLATE_TEXTS[name], name).not.toMatch(/[【】]/); // the vendor adds the sign
    }
  });

  it('renders with the platform name as sign', () => {
    expect(renderSmsText('reset_password', '某市统一身份认证平台', { code: '012345' })).toBe(
      '【某市统一身份认证平台】您正在找回密码，验证码为012345，5分钟内有效。请勿将验证码告诉他人。如非本人操作，请及时联系客服。',
    );
  });

  it('warns not to pass on the codes that are phished most (login, password reset)', () => {
    expect(SMS_TEMPLATE_TEXTS.login).toContain('请勿将验证码告诉他人');
    expect(SMS_TEMPLATE_TEXTS.reset_password).toContain('请勿将验证码告诉他人');
  });

  it('words the notices as required: what happened, when, and whom to call', () => {
    const reset = SMS_TEMPLATE_TEXTS.notice_password_reset;
    expect(reset.startsWith('您的统一身份认证账号密码已重置')).toBe(true);
    expect(reset).toContain('{time}');
    expect(reset).toContain('客服');
    expect(SMS_TEMPLATE_TEXTS.notice_phone_changed).toContain('{time}');
    expect(SMS_TEMPLATE_TEXTS.notice_phone_changed).toContain('客服');
  });

  it('gives vendors ordered and named variables, and refuses a missing one', () => {
    expect(orderedTemplateParams('login', { code: '123456', other: 'x' })).toEqual(['123456']);
    expect(namedTemplateParams('notice_phone_changed', { time: '1月2日 03:04', code: 'x' })).toEqual({ time: '1月2日 03:04' });
    expect(() => orderedTemplateParams('register', {})).toThrow(/code/);
  });
});
