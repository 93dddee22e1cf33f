import type { KeyValueStore } from '../../../ports/key-value-store.ts';
import type { SmsMessage, SmsSender } from '../../../ports/sms-sender.ts';
import type { OutboxEntry, SmsOutbox } from '../../../ports/sms-outbox.ts';

const OUTBOX_KEY = 'dev:sms-outbox';
const KEEP_SECONDS = 24 * 3600;

/**
 * Demo-only channel: messages are kept in the shared key-value store (so any
 * node can show them at GET /dev/sms) instead of being sent. Production mode
 * refuses to start with it.
 */
export class DevOutboxSmsSender implements SmsSender, SmsOutbox {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {}

  async send(message: SmsMessage) {
    const entry: OutboxEntry = {
      to: message.to,
      text: message.text,
      code: message.params.code ?? null,
      template: message.template,
      at: new Date(this.now()).toISOString(),
    };
    await this.store.appendToList(OUTBOX_KEY, JSON.stringify(entry), KEEP_SECONDS);
  }

  /** Newest first. */
  async list(limit = 100): Promise<OutboxEntry[]> {
    const raw = await this.store.readList(OUTBOX_KEY, { newestFirst: true, limit });
    return raw.map((item) => JSON.parse(item) as OutboxEntry);
  }
}
