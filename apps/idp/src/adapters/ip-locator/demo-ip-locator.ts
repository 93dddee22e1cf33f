import { BlockList, isIP } from 'node:net';
import type { IpLocator } from '../../ports/ip-locator.ts';

export const INTRANET_PLACE = '本机/内网';
export const UNKNOWN_PLACE = '未知地区';

// Loopback, private (RFC 1918, RFC 4193), link-local and carrier-grade NAT ranges.
const intranet = new BlockList();
intranet.addSubnet('127.0.0.0', 8, 'ipv4');
intranet.addSubnet('10.0.0.0', 8, 'ipv4');
intranet.addSubnet('172.16.0.0', 12, 'ipv4');
intranet.addSubnet('192.168.0.0', 16, 'ipv4');
intranet.addSubnet('169.254.0.0', 16, 'ipv4');
intranet.addSubnet('100.64.0.0', 10, 'ipv4');
intranet.addAddress('::1', 'ipv6');
intranet.addSubnet('fc00::', 7, 'ipv6');
intranet.addSubnet('fe80::', 10, 'ipv6');

/**
 * Demo adapter: knows no IP-region data at all. It tells loopback and
 * private addresses apart ("本机/内网") and says "未知地区" for every other
 * address rather than guess; docs/architecture.md names what production plugs in.
 */
export class DemoIpLocator implements IpLocator {
  async locate(ip: string) {
    return classifyAddress(ip).kind === 'intranet' ? INTRANET_PLACE : UNKNOWN_PLACE;
  }
}

/** An address as the locators see it: unreadable, loopback/private, or public (IPv4-mapped IPv6 unwrapped). */
export type ClassifiedAddress = { kind: 'unreadable' } | { kind: 'intranet' } | { kind: 'public'; address: string; family: 4 | 6 };

export function classifyAddress(ip: string): ClassifiedAddress {
  // An IPv4 client on a dual-stack socket shows up as ::ffff:a.b.c.d.
  const address = ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  const family = isIP(address);
  if (family === 0) return { kind: 'unreadable' };
  if (intranet.check(address, family === 4 ? 'ipv4' : 'ipv6')) return { kind: 'intranet' };
  return { kind: 'public', address, family: family === 4 ? 4 : 6 };
}
