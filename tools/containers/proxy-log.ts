/**
 * Requests HAProxy's log lines (`option httplog`, one per request) say each gateway replica
 * served: `… graphql gateways/gateway-1 0/0/1/3/4 200 …`. The log is the proxy's own account,
 * so it tells whether the proxy sends a replica traffic, whatever its health checks logged.
 */
export function servedBy(log: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const match of log.matchAll(/\bgateways\/([\w.-]+) -?\d+\/-?\d+\//g)) counts[match[1]!] = (counts[match[1]!] ?? 0) + 1;
  return counts;
}
