import { describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '../../key-value/memory-key-value-store.ts';
import { DevOutboxSmsSender } from './dev-outbox-sms-sender.ts';

describe('DevOutboxSmsSender', () => {
  it('keeps messages for GET /dev/sms, newest first, with the code of code messages only', async () => {
    const at = Date.parse('2026-11-26T15:22:00Z');
    const outbox = new DevOutboxSmsSender(new MemoryKeyValueStore(() => at), () => at);
    await outbox.send({ to: '13800000001', template: 'register', params: { code: '012345' }, text: '【平台】…012345…' });
    await outbox.send({ to: '13800000001', template: 'notice_password_reset', params: { time: '11月26日 23:22' }, text: '【平台】…已重置…' });
    expect(await outbox.list()).toEqual([
      { to: '13800000001', text: '【平台】…已重置…', code: null, template: 'notice_password_reset', at: '2026-11-26T15:22:00.000Z' },
      { to: '13800000001', text: '【平台】…012345…', code: '012345', template: 'register', at: '2026-11-26T15:22:00.000Z' },
    ]);
  });
});
