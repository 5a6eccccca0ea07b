import { BlockList, isIP } from 'node:net';

/**
 * Where a bank's API key may be used from: a list of CIDR blocks (IPv4 `203.0.113.0/24`, IPv6
 * `2001:db8::/32`; a bare address is one host). An empty list means anywhere. Pure rules, so the
 * service and the schema agree on what is valid.
 */
export type Cidr = { address: string; prefix: number; family: 'ipv4' | 'ipv6' };

/** The block a text names, normalised (`10.0.0.0/8`), or null when it is not one. */
export function parseCidr(text: string): Cidr | null {
  const [address = '', prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  const version = isIP(address);
  if (version === 0) return null;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  return { address: address.toLowerCase(), prefix, family };
}

export const formatCidr = (c: Cidr) => `${c.address}/${c.prefix}`;

/** An IPv4 client seen through an IPv6 socket (`::ffff:10.1.2.3`) is the IPv4 address. */
function clientAddress(ip: string): { address: string; family: 'ipv4' | 'ipv6' } | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const address = mapped ? mapped[1]! : ip;
  const version = isIP(address);
  return version === 0 ? null : { address, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** Whether a caller's address falls in one of the blocks (an empty list allows every address). */
export function addressAllowed(cidrs: readonly string[], ip: string | undefined): boolean {
  if (cidrs.length === 0) return true;
  const client = ip ? clientAddress(ip) : null;
  if (!client) return false;
  const list = new BlockList();
  for (const text of cidrs) {
    const c = parseCidr(text);
    if (c) list.addSubnet(c.address, c.prefix, c.family);
  }
  return list.check(client.address, client.family);
}
