import { describe, expect, it } from 'vitest';
import { DemoIpLocator, INTRANET_PLACE, UNKNOWN_PLACE } from './demo-ip-locator.ts';

describe('DemoIpLocator', () => {
  const locator = new DemoIpLocator();

  it('places loopback and private addresses in 本机/内网', async () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.9', '172.31.255.1', '192.168.1.10', '169.254.3.4', '100.64.0.1', '::1', 'fd12:3456::1', 'fe80::1', '::ffff:192.168.0.2']) {
      expect(await locator.locate(ip), ip).toBe(INTRANET_PLACE);
    }
  });

  it('never guesses a place for a public or unreadable address', async () => {
    for (const ip of ['8.8.8.8', '172.32.0.1', '223.5.5.5', '2400:3200::1', '::ffff:114.114.114.114', '', 'not-an-ip', '999.1.1.1']) {
      expect(await locator.locate(ip), ip).toBe(UNKNOWN_PLACE);
    }
  });
});
