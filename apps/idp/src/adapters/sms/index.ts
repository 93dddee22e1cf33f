import type { SmsConfig } from '../../config.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import type { SmsOutbox } from '../../ports/sms-outbox.ts';
import type { SmsSender } from '../../ports/sms-sender.ts';
import { AliyunSmsSender } from './aliyun/aliyun-sms-sender.ts';
import { DevOutboxSmsSender } from './dev-outbox/dev-outbox-sms-sender.ts';
import { TencentSmsSender } from './tencent/tencent-sms-sender.ts';
import type { FetchLike } from '../cloud-api/vendor-http.ts';

export { DevOutboxSmsSender } from './dev-outbox/dev-outbox-sms-sender.ts';

/**
 * The SMS channel chosen by configuration. `devOutbox` is set only for the
 * dev outbox (the demo's `GET /dev/sms` lists it); with a real vendor it is
 * null and that hook does not exist.
 */
export function createSmsSender(
  config: SmsConfig,
  deps: {
    store: KeyValueStore;
    /** The dev outbox's clock (its `at`). Vendors always sign with the system clock: they reject skewed timestamps. */
    now?: () => number;
    fetch?: FetchLike;
  },
): { sender: SmsSender; devOutbox: SmsOutbox | null } {
  switch (config.provider) {
    case 'dev-outbox': {
      const devOutbox = new DevOutboxSmsSender(deps.store, deps.now);
      return { sender: devOutbox, devOutbox };
    }
    case 'aliyun':
      return { sender: new AliyunSmsSender(config, { fetch: deps.fetch }), devOutbox: null };
    case 'tencent':
      return { sender: new TencentSmsSender(config, { fetch: deps.fetch }), devOutbox: null };
  }
}
