import { describe, expect, it } from 'vitest';
import type { SmsConfig } from '../../config.ts';
import { MemoryKeyValueStore } from '../key-value/memory-key-value-store.ts';
import { AliyunSmsSender } from './aliyun/aliyun-sms-sender.ts';
import { DevOutboxSmsSender, createSmsSender } from './index.ts';
import { TencentSmsSender } from './tencent/tencent-sms-sender.ts';

const templates = { register: '1', login: '2', reset_password: '3', change_phone: '4', notice_password_reset: '5', notice_phone_changed: '6' };

describe('createSmsSender', () => {
  it('picks the channel the configuration names; only the dev outbox is listed at /dev/sms', () => {
    const store = new MemoryKeyValueStore();
    const dev = createSmsSender({ provider: 'dev-outbox' }, { store });
    expect(dev.sender).toBeInstanceOf(DevOutboxSmsSender);
    expect(dev.devOutbox).toBe(dev.sender);

    const aliyun: SmsConfig = { provider: 'aliyun', signName: 's', templates, accessKeyId: 'id', accessKeySecret: 'secret', endpoint: 'https://dysmsapi.aliyuncs.com', timeoutMs: 5000 };
    expect(createSmsSender(aliyun, { store })).toEqual({ sender: expect.any(AliyunSmsSender), devOutbox: null });

    const tencent: SmsConfig = { provider: 'tencent', signName: 's', templates, secretId: 'id', secretKey: 'key', sdkAppId: '1400006666', region: 'ap-guangzhou', endpoint: 'https://sms.tencentcloudapi.com', timeoutMs: 5000 };
    expect(createSmsSender(tencent, { store })).toEqual({ sender: expect.any(TencentSmsSender), devOutbox: null });
  });
});
