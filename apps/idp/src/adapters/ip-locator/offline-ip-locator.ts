import { createRequire } from 'node:module';
import type { IpLocator } from '../../ports/ip-locator.ts';
import { classifyAddress, INTRANET_PLACE, UNKNOWN_PLACE } from './demo-ip-locator.ts';

interface Ipv4Region {
  country: string;
  province: string;
  city: string;
}

interface Ipv4Searcher {
  search(ip: string): Ipv4Region | null;
}

// ip2region (npm, MIT) ships lionsoul's ip2region IPv4 database (Apache-2.0) in data/ip2region.db.
// It is CommonJS with a transpiled default export, so it is required rather than imported; only
// its IPv4 reader is used: the package's IPv6 file (ipv6wry.db) has no clear redistribution licence.
const require = createRequire(import.meta.url);

/**
 * 确认登录's place from an offline IP-region database read into memory once
 * (about 9 MB): no network look-up, ever. Chinese addresses give 省+市
 * ("广东省深圳市", "北京市"), foreign ones their country; IPv6 and addresses
 * the database does not place give 未知地区.
 */
export class OfflineIpLocator implements IpLocator {
  private readonly searcher: Ipv4Searcher;

  constructor() {
    const Ipv4ToRegion = (require('ip2region/dist/lib/ipv4.js') as { default: new (dbPath: string) => Ipv4Searcher }).default;
    this.searcher = new Ipv4ToRegion(require.resolve('ip2region/data/ip2region.db'));
  }

  async locate(ip: string) {
    const classified = classifyAddress(ip);
    if (classified.kind === 'intranet') return INTRANET_PLACE;
    if (classified.kind === 'unreadable' || classified.family === 6) return UNKNOWN_PLACE;
    const region = this.searcher.search(classified.address);
    if (!region) return UNKNOWN_PLACE;
    if (region.country !== '中国') return region.country || UNKNOWN_PLACE;
    // Municipalities come as province 北京 + city 北京市: say it once.
    const place = region.city.startsWith(region.province) ? region.city : `${region.province}${region.city}`;
    return place || region.country;
  }
}
