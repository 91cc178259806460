import { SESSION_ID_PATTERN, type Logger, type ServiceTokenVerifier } from '@shopgraph/shared';
import { serviceRoute, type InternalRouteInstaller } from '@shopgraph/shared/server';
import type { CheckoutContext } from '../context.js';
import type { GuestOrderHandOver } from '../domain/guest-order-hand-over.js';

/**
 * POST /internal/identity/hand-over-guest-orders, body {}: identity's call at sign-in, signed
 * with identity's own key (issuer 'identity', audience 'checkout') naming the customer (`cid`),
 * the new signed-in session (`sid`) and the guest session it replaced (`gsid`). The guest's
 * orders become the customer's. -> { ordersMoved } (0 when asked again); 401 without a valid
 * token naming the customer and the guest session.
 */
export function identityRoutes({ handOver, verifier, logger }: { handOver: GuestOrderHandOver; verifier: ServiceTokenVerifier; logger: Logger }): InternalRouteInstaller<CheckoutContext> {
  return (router) => {
    serviceRoute(router, '/identity/hand-over-guest-orders', { logger, verifier }, async ({ cid: customerId, gsid: guestSessionId, sid: sessionId }) => {
      if (!customerId || !guestSessionId || !SESSION_ID_PATTERN.test(guestSessionId)) return 'unauthorized';
      return { ordersMoved: await handOver.handOver(guestSessionId, customerId, sessionId) };
    });
  };
}
