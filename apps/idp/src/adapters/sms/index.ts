import type { SmsConfig } from '../../config.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import type { SmsOutbox } from '../../ports/sms-outbox.ts';
import { SmsDeliveryError, type SmsMessage, type SmsSender } from '../../ports/sms-sender.ts';
import { meteredCall } from '../cloud-api/vendor-call.ts';
import type { VendorCallMetrics, VendorCallOutcome } from '../metrics/vendor-call-metrics.ts';
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
    /** Every call to a vendor is counted (the dev outbox is no vendor). */
    metrics: VendorCallMetrics;
  },
): { sender: SmsSender; devOutbox: SmsOutbox | null } {
  switch (config.provider) {
    case 'dev-outbox': {
      const devOutbox = new DevOutboxSmsSender(deps.store, deps.now);
      return { sender: devOutbox, devOutbox };
    }
    case 'aliyun':
      return { sender: new MeteredSmsSender(new AliyunSmsSender(config, { fetch: deps.fetch }), 'aliyun', deps.metrics), devOutbox: null };
    case 'tencent':
      return { sender: new MeteredSmsSender(new TencentSmsSender(config, { fetch: deps.fetch }), 'tencent', deps.metrics), devOutbox: null };
  }
}

/** How an SMS failure counts in uia_vendor_calls_total: a refused number or the vendor's per-number limit is `refused`. */
export function smsCallOutcome(error: unknown): VendorCallOutcome {
  if (!(error instanceof SmsDeliveryError)) return 'unavailable';
  if (error.kind === 'unavailable') return error.vendorCode === 'timeout' ? 'timeout' : 'unavailable';
  return error.kind === 'misconfigured' ? 'misconfigured' : 'refused';
}

/** Counts every SendSms of a vendor channel by vendor and outcome (never the number or the template's values). */
export class MeteredSmsSender implements SmsSender {
  constructor(
    private readonly sender: SmsSender,
    private readonly vendor: 'aliyun' | 'tencent',
    private readonly metrics: VendorCallMetrics,
  ) {}

  send(message: SmsMessage): Promise<void> {
    return meteredCall(this.metrics, { vendor: this.vendor, api: 'SendSms' }, () => this.sender.send(message), smsCallOutcome);
  }
}
