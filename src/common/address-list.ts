/**
 * IP address lists: single addresses, CIDR ranges and named groups (`loopback`, `private`, `linklocal`),
 * validated for the settings and matched with node:net's BlockList (IPv4-mapped IPv6 treated as IPv4).
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** Named address groups accepted in TRUST_PROXY_ADDRESSES, besides addresses and CIDR ranges. */
export const ADDRESS_GROUPS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
});

/** Why an entry of TRUST_PROXY_ADDRESSES is not an address, a CIDR range or a group name; undefined when valid. */
export function addressEntryProblem(entry: string): string | undefined {
  if (entry in ADDRESS_GROUPS) return undefined;
  const [ip, bits, extra] = entry.split('/');
  if (extra !== undefined || ip === undefined) return `"${entry}" is not an address or CIDR range`;
  const max = isIPv4(ip) ? 32 : isIPv6(ip) ? 128 : -1;
  if (max < 0) return `"${entry}" is not an IPv4/IPv6 address, a CIDR range or one of ${Object.keys(ADDRESS_GROUPS).join(', ')}`;
  if (bits !== undefined && !(/^\d{1,3}$/.test(bits) && Number(bits) <= max)) return `"${entry}" has a prefix length outside 0–${max}`;
  return undefined;
}

/** A matcher for the given addresses, CIDR ranges and group names (entries must be valid). */
export function addressMatcher(entries: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries.flatMap((e) => ADDRESS_GROUPS[e] ?? [e])) {
    const [ip, bits] = entry.split('/') as [string, string | undefined];
    const type = isIPv4(ip) ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(bits), type);
  }
  return (address) => {
    const plain = address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
    if (isIPv4(plain)) return list.check(plain, 'ipv4');
    return isIPv6(plain) && list.check(plain, 'ipv6');
  };
}

