import { describe, expect, it } from 'vitest';
import type { SmsChannelFailure } from './sms-delivery.ts';
import { SmsNoticeService } from './sms-notice-service.ts';
import { testKit } from '../../../test/support/sms-test-kit.ts';

const PHONE = '13912345678';
const context = { ip: '203.0.113.7' };

function setup() {
  const kit = testKit('2026-11-26T23:22:10+08:00');
  const failures: SmsChannelFailure[] = [];
  const notices = new SmsNoticeService({ sender: kit.sender, cipher: kit.cipher, audit: kit.audit, platformName: '某市统一身份认证平台', onChannelError: (f) => failures.push(f), now: kit.clock.now });
  return { ...kit, notices, failures };
}

describe('SmsNoticeService', () => {
  it('sends the notice with the Beijing time and audits it, with no resend interval or daily cap', async () => {
    const { notices, sender, audit } = setup();
    for (let i = 0; i < 12; i += 1) expect(await notices.send(PHONE, 'notice_password_reset', {}, context)).toBe(true);
    expect(sender.sent).toHaveLength(12);
    expect(sender.sent[0]).toEqual({
      to: PHONE,
      template: 'notice_password_reset',
      params: { time: '11月26日 23:22' },
      text: '【某市统一身份认证平台】您的统一身份认证账号密码已重置，操作时间11月26日 23:22。如非本人操作，请立即联系客服热线。',
    });
    expect(audit.events[0]).toMatchObject({ type: 'sms.send', outcome: 'success', ip: '203.0.113.7', detail: { template: 'notice_password_reset' } });
    expect(JSON.stringify(audit.events)).not.toContain(PHONE);
  });

  it('takes the time from the caller when given', async () => {
    const { notices, sender } = setup();
    await notices.send(PHONE, 'notice_phone_changed', { time: '1月2日 03:04' }, context);
    expect(sender.sent[0]!.text).toContain('操作时间1月2日 03:04');
  });

  it('answers false, audits and reports a channel failure, and never throws', async () => {
    const { notices, sender, audit, failures } = setup();
    sender.failure = 'misconfigured';
    expect(await notices.send(PHONE, 'notice_phone_changed', {}, context)).toBe(false);
    sender.failure = new Error('adapter bug');
    expect(await notices.send(PHONE, 'notice_phone_changed', {}, context)).toBe(false);
    expect(failures).toEqual([
      { kind: 'misconfigured', vendorCode: 'vendor.misconfigured', template: 'notice_phone_changed' },
      { kind: 'unavailable', vendorCode: null, template: 'notice_phone_changed' },
    ]);
    expect(audit.events.map((event) => [event.outcome, event.detail?.kind])).toEqual([
      ['failure', 'misconfigured'],
      ['failure', 'unavailable'],
    ]);
  });

  it('answers false for a number that cannot be an SMS recipient', async () => {
    const { notices, sender, audit } = setup();
    expect(await notices.send('not-a-phone', 'notice_password_reset', {}, context)).toBe(false);
    expect(sender.sent).toHaveLength(0);
    expect(audit.events[0]).toMatchObject({ outcome: 'failure' });
  });
});
