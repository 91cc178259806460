import { isIP } from 'node:net';

/**
 * The client's address as it travels to the subgraphs (the signed context's `cip`, which
 * identity's per-address limits count by): Express's `req.ip`, which comes from
 * X-Forwarded-For behind the trusted proxies and so is whatever the nearest untrusted hop
 * wrote. A link-local IPv6 address keeps its meaning without its zone (`fe80::1%eth0`); anything
 * that is not an IP address is dropped, so a forged header can neither pick a limit key of its
 * choosing nor make a context too long to verify.
 */
export function clientAddressOf(ip: string | undefined): string | undefined {
  if (!ip) return undefined;
  const address = ip.includes('%') ? ip.slice(0, ip.indexOf('%')) : ip;
  return isIP(address) ? address : undefined;
}
