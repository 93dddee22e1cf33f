import { validatePhone } from '@uia/validators';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { SmsNotice, SmsSender } from '../../ports/sms-sender.ts';
import { formatBeijingMinute } from '../beijing-time.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import { asDeliveryError, type SmsChannelErrorListener } from './sms-delivery.ts';
import { renderSmsText } from './sms-templates.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';

/**
 * Notices: messages without a code that tell the person something changed
 * on the account (password reset, phone changed). Best effort: no resend
 * interval or daily cap (they follow an action that is itself limited), and
 * a channel failure is audited and reported but never thrown — the action
 * that triggered the notice has already happened.
 */
export class SmsNoticeService {
  constructor(
    private readonly deps: {
      sender: SmsSender;
      cipher: PiiCipher;
      audit: AuditLog;
      platformName: string;
      /** Told about every notice the channel refused (kind, vendor code, template; never the phone). */
      onChannelError?: SmsChannelErrorListener;
      now?: () => number;
    },
  ) {}

  /**
   * Sends `notice` to `phone`. `params.time` defaults to now, shown in Beijing
   * time (`11月26日 23:22`). Resolves true once the channel accepted it, false otherwise.
   */
  async send(rawPhone: string, notice: SmsNotice, params: Record<string, string>, context: { ip: string; userAgent?: string }): Promise<boolean> {
    const phone = validatePhone(rawPhone);
    const detail = { template: notice, phoneIndex: phone.ok ? this.deps.cipher.blindIndex('phone', phone.value).slice(0, 12) : null };
    const event = { type: AUDIT_EVENT_TYPES.smsSend, ip: context.ip, userAgent: context.userAgent ?? null };
    if (!phone.ok) {
      await this.deps.audit.append({ ...event, outcome: 'failure', detail: { ...detail, reason: phone.reason } });
      return false;
    }

    const values = { time: formatBeijingMinute((this.deps.now ?? Date.now)()), ...params };
    try {
      await this.deps.sender.send({ to: phone.value, template: notice, params: values, text: renderSmsText(notice, this.deps.platformName, values) });
    } catch (caught) {
      const error = asDeliveryError(caught);
      this.deps.onChannelError?.({ kind: error.kind, vendorCode: error.vendorCode, template: notice });
      await this.deps.audit.append({ ...event, outcome: 'failure', detail: { ...detail, reason: 'SMS_SEND_FAILED', kind: error.kind, vendorCode: error.vendorCode } });
      return false;
    }
    await this.deps.audit.append({ ...event, outcome: 'success', detail });
    return true;
  }
}
