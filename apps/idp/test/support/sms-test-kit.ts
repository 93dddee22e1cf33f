import { randomBytes } from 'node:crypto';
import { MemoryKeyValueStore } from '../../src/adapters/key-value/memory-key-value-store.ts';
import type { AuditEvent, AuditLog, StoredAuditEvent } from '../../src/ports/audit-log.ts';
import { SmsDeliveryError, type SmsFailureKind, type SmsMessage, type SmsSender } from '../../src/ports/sms-sender.ts';
import { PiiCipher } from '../../src/services/personal-data/pii-cipher.ts';

/** Test support for the SMS services' unit tests: a settable clock, a recording sender and audit log. */
export class TestClock {
  constructor(public value: number) {}
  now = () => this.value;
  advance(seconds: number) {
    this.value += seconds * 1000;
  }
}

/** Records what it is asked to send; `failWith` makes the following sends fail. */
export class FakeSmsSender implements SmsSender {
  readonly sent: SmsMessage[] = [];
  failure: SmsFailureKind | Error | null = null;
  /** When set, send waits for this before answering. */
  gate: Promise<void> | null = null;

  async send(message: SmsMessage) {
    if (this.gate) await this.gate;
    if (this.failure instanceof Error) throw this.failure;
    if (this.failure) throw new SmsDeliveryError(this.failure, `vendor.${this.failure}`);
    this.sent.push(message);
  }

  lastCode() {
    const code = this.sent.at(-1)?.params.code;
    if (!code) throw new Error('no code sent');
    return code;
  }
}

export class RecordingAuditLog implements AuditLog {
  readonly events: AuditEvent[] = [];
  async append(event: AuditEvent) {
    this.events.push(event);
  }
  async recent(limit: number): Promise<StoredAuditEvent[]> {
    return this.events.slice(-limit).map((event, index) => ({ ...event, id: String(index), at: 0 }));
  }
}

export function testKit(start: string) {
  const clock = new TestClock(Date.parse(start));
  return {
    clock,
    store: new MemoryKeyValueStore(clock.now),
    cipher: new PiiCipher([{ id: 'k1', key: randomBytes(32) }], randomBytes(32)),
    sender: new FakeSmsSender(),
    audit: new RecordingAuditLog(),
  };
}
