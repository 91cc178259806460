import type { SessionRevocations } from '../redis/session-revocations.js';
import type { ServiceMetrics } from './service-metrics.js';

/**
 * Counts revocations (one session's, or a customer's sign-out-everywhere mark) Redis would not take: each one withdraws the completeness marker, so
 * every gateway falls back to asking identity until the revocation sync has written it.
 */
export function countRevocationFallbacks(revocations: SessionRevocations, metrics: Pick<ServiceMetrics, 'redisFallbacks'>): SessionRevocations {
  return {
    ...revocations,
    async revoke(sessionIds, ttlSeconds) {
      const written = await revocations.revoke(sessionIds, ttlSeconds);
      if (!written) metrics.redisFallbacks.add(1, { path: 'revocation-write' });
      return written;
    },
    async endSessionsThrough(customerId, through, ttlSeconds) {
      const written = await revocations.endSessionsThrough(customerId, through, ttlSeconds);
      if (!written) metrics.redisFallbacks.add(1, { path: 'revocation-write' });
      return written;
    },
  };
}
