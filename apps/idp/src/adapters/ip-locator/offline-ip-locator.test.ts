import { describe, expect, it } from 'vitest';
import { INTRANET_PLACE, UNKNOWN_PLACE } from './demo-ip-locator.ts';
import { createIpLocator } from './index.ts';
import { OfflineIpLocator } from './offline-ip-locator.ts';

describe('OfflineIpLocator (ip2region database, no network)', () => {
  const locator = new OfflineIpLocator();

  it('names 省+市 for Chinese public addresses, a municipality once', async () => {
    expect(await locator.locate('202.96.134.133')).toBe('广东省深圳市');
    expect(await locator.locate('218.4.167.70')).toBe('江苏省苏州市');
    expect(await locator.locate('::ffff:223.5.5.5')).toBe('浙江省杭州市');
    expect(await locator.locate('61.135.169.121')).toBe('北京市');
  });

  it('names the country of a foreign address', async () => {
    expect(await locator.locate('8.8.8.8')).toBe('美国');
  });

  it('keeps 本机/内网 for loopback and private addresses, 未知地区 for IPv6 and unreadable ones', async () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '192.168.1.10', '::1']) expect(await locator.locate(ip), ip).toBe(INTRANET_PLACE);
    for (const ip of ['2400:3200::1', 'not-an-ip', '']) expect(await locator.locate(ip), ip).toBe(UNKNOWN_PLACE);
  });
});

describe('createIpLocator', () => {
  it('says 未知地区 for every address when there is no IP database', async () => {
    const none = createIpLocator(null);
    for (const ip of ['127.0.0.1', '202.96.134.133']) expect(await none.locate(ip)).toBe(UNKNOWN_PLACE);
  });
});
