/**
 * The approximate place of a client address, as the 确认登录 page shows it
 * ("北京市", "本机/内网", "未知地区"). Production plugs an IP-region database
 * (e.g. a licensed offline one) behind this port; the answer is a hint for
 * the person, never a security decision.
 */
export interface IpLocator {
  locate(ip: string): Promise<string>;
}
