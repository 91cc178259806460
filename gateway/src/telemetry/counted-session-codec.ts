import type { SessionTokenCodec } from '@shopgraph/shared';
import type { ServiceMetrics } from '@shopgraph/shared/server';

/** Counts the anonymous sessions the gateway mints: the only tokens it encodes (sign-in tokens come from identity). */
export function countMintedSessions(codec: SessionTokenCodec, metrics: Pick<ServiceMetrics, 'sessionsMinted'>): SessionTokenCodec {
  return {
    ...codec,
    encode: (session, lifetimeSeconds, now) => {
      metrics.sessionsMinted.add(1);
      return codec.encode(session, lifetimeSeconds, now);
    },
  };
}
