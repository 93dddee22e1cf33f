import type { IpDatabaseConfig } from '../../config.ts';
import type { IpLocator } from '../../ports/ip-locator.ts';
import { DemoIpLocator, UNKNOWN_PLACE } from './demo-ip-locator.ts';
import { OfflineIpLocator } from './offline-ip-locator.ts';

/** Without an IP database every address is 未知地区 (not even 本机/内网: the operator switched places off). */
const noPlaces: IpLocator = { locate: async () => UNKNOWN_PLACE };

/** The IP locator chosen by UIA_IP_DATABASE; never null: 确认登录 always shows some place. */
export function createIpLocator(config: IpDatabaseConfig): IpLocator {
  switch (config) {
    case 'demo':
      return new DemoIpLocator();
    case 'offline':
      return new OfflineIpLocator();
    case null:
      return noPlaces;
  }
}
