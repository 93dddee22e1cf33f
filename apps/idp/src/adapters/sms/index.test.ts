import { describe, expect, it } from 'vitest';
import type { SmsConfig } from '../../config.ts';
import { SmsDeliveryError, type SmsMessage } from '../../ports/sms-sender.ts';
import { recordedVendorCalls } from '../../../test/support/recorded-vendor-calls.ts';
import { MemoryKeyValueStore } from '../key-value/memory-key-value-store.ts';
import { DevOutboxSmsSender, MeteredSmsSender, createSmsSender } from './index.ts';

const templates = { register: '1', login: '2', reset_password: '3', change_phone: '4', notice_password_reset: '5', notice_phone_changed: '6' };

describe('createSmsSender', () => {
  it('picks the channel the configuration names; only the dev outbox is listed at /dev/sms; vendor channels are counted', () => {
    const store = new MemoryKeyValueStore();
    const metrics = recordedVendorCalls();
    const dev = createSmsSender({ provider: 'dev-outbox' }, { store, metrics });
    expect(dev.sender).toBeInstanceOf(DevOutboxSmsSender);
    expect(dev.devOutbox).toBe(dev.sender);

    const aliyun: SmsConfig = { provider: 'aliyun', signName: 's', templates, accessKeyId: 'id', accessKeySecret: 'secret', endpoint: 'https://dysmsapi.aliyuncs.com', timeoutMs: 5000 };
    expect(createSmsSender(aliyun, { store, metrics })).toEqual({ sender: expect.any(MeteredSmsSender), devOutbox: null });

    const tencent: SmsConfig = {
      provider: 'tencent',
      signName: 's',
      templates,
      secretId: 'id',
      secretKey: 'key',
      sdkAppId: '1400006666',
      region: 'ap-guangzhou',
      endpoint: 'https://sms.tencentcloudapi.com',
      timeoutMs: 5000,
    };
    expect(createSmsSender(tencent, { store, metrics })).toEqual({ sender: expect.any(MeteredSmsSender), devOutbox: null });
  });
});

describe('MeteredSmsSender', () => {
  it('counts every send by vendor and outcome, and passes the failure on unchanged', async () => {
    const metrics = recordedVendorCalls();
    const outcomes: (SmsDeliveryError | null)[] = [
      null,
      new SmsDeliveryError('unavailable', 'timeout'),
      new SmsDeliveryError('unavailable', 'http_502'),
      new SmsDeliveryError('rejected_number', 'isv.MOBILE_NUMBER_ILLEGAL'),
      new SmsDeliveryError('vendor_limited', 'isv.BUSINESS_LIMIT_CONTROL'),
      new SmsDeliveryError('misconfigured', 'SignatureDoesNotMatch'),
    ];
    const sender = new MeteredSmsSender(
      {
        send: async () => {
          const next = outcomes.shift();
          if (next) throw next;
        },
      },
      'aliyun',
      metrics,
    );
    const message: SmsMessage = { to: '13912345678', template: 'login', params: { code: '123456' }, text: '…' };
    const failures: unknown[] = [];
    for (let i = 0; i < 6; i += 1) await sender.send(message).catch((error: unknown) => failures.push(error));
    expect(metrics.calls.map((call) => [call.vendor, call.api, call.outcome])).toEqual([
      ['aliyun', 'SendSms', 'ok'],
      ['aliyun', 'SendSms', 'timeout'],
      ['aliyun', 'SendSms', 'unavailable'],
      ['aliyun', 'SendSms', 'refused'],
      ['aliyun', 'SendSms', 'refused'],
      ['aliyun', 'SendSms', 'misconfigured'],
    ]);
    expect(failures.map((error) => (error as SmsDeliveryError).vendorCode)).toEqual(['timeout', 'http_502', 'isv.MOBILE_NUMBER_ILLEGAL', 'isv.BUSINESS_LIMIT_CONTROL', 'SignatureDoesNotMatch']);
  });
});
