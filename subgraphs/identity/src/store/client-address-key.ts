import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key every value that is not an IP address is counted under. The gateway sends what
 * Express derived from the socket or from the trusted proxy's X-Forwarded-For entry, so this
 * appears only when the proxy hop count is wrong; then one shared allowance means varying the
 * junk cannot earn fresh attempts.
 */
export const UNPARSED_ADDRESS_KEY = 'unparsed';

const IPV4_MAPPED_PREFIX = ['0000', '0000', '0000', '0000', '0000', 'ffff'];

/**
 * What a per-address limit counts a client under. An IPv4 address is itself; so is an
 * IPv4-mapped IPv6 address (`::ffff:1.2.3.4`, how a dual-stack socket reports an IPv4 peer),
 * so one client counts once whichever way it connected. An IPv6 address counts as its /64,
 * written out in full (`2001:0db8:0000:0001::/64`): one subscriber or host is usually handed
 * a whole /64, so counting single addresses would give it 2^64 allowances. A zone id (Node
 * appends one to a link-local peer, `fe80::1%eth0`) names our interface, not the client, and
 * is dropped.
 */
export function clientAddressKey(clientIp: string): string {
  if (isIPv4(clientIp)) return clientIp;
  if (!isIPv6(clientIp)) return UNPARSED_ADDRESS_KEY;
  const hextets = expandIPv6(clientIp.split('%')[0]!);
  if (IPV4_MAPPED_PREFIX.every((hextet, index) => hextets[index] === hextet)) {
    return [hextets[6]!, hextets[7]!].flatMap((hextet) => [parseInt(hextet.slice(0, 2), 16), parseInt(hextet.slice(2), 16)]).join('.');
  }
  return `${hextets.slice(0, 4).join(':')}::/64`;
}

/** Eight four-digit lower-case groups of an address `net.isIPv6` accepted, zone id removed. */
function expandIPv6(address: string): string[] {
  const groupsOf = (part: string): string[] => {
    if (part === '') return [];
    return part.split(':').flatMap((group) => {
      if (!group.includes('.')) return [group];
      // A trailing dotted IPv4 part stands for the last two groups.
      const [a, b, c, d] = group.split('.').map(Number) as [number, number, number, number];
      return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    });
  };
  const [head = '', tail] = address.split('::');
  const headGroups = groupsOf(head);
  const tailGroups = tail === undefined ? [] : groupsOf(tail);
  const zeros = Array.from({ length: 8 - headGroups.length - tailGroups.length }, () => '0');
  return [...headGroups, ...zeros, ...tailGroups].map((group) => group.toLowerCase().padStart(4, '0'));
}
